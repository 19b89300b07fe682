import { useTranslation } from "react-i18next";
import type { ErrorInfo } from "../bindings";
import { useStore } from "../store";
import { AlertIcon, CloseIcon } from "./Icons";

/** The translated, readable message for an error code. */
export function useErrorText(): (error: ErrorInfo) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const key = `errors.${error.code}`;
    return i18n.exists(key) ? t(key) : t("errors.unknown");
  };
}

export function ErrorBanner() {
  const { t } = useTranslation();
  const error = useStore((s) => s.error);
  const errorPath = useStore((s) => s.errorPath);
  const recent = useStore((s) => s.recent);
  const dismiss = useStore((s) => s.dismissError);
  const forget = useStore((s) => s.forgetRecent);
  const errorText = useErrorText();
  if (!error) return null;
  const canForget = errorPath !== null && recent.includes(errorPath);
  return (
    <div className="error-banner" role="alert" data-testid="error-message" data-code={error.code}>
      <span className="error-icon">
        <AlertIcon size={18} />
      </span>
      <div className="error-body">
        <div className="error-text">{errorText(error)}</div>
        {error.message && (
          <div className="error-details">
            {t("errors.details")}: {error.message}
          </div>
        )}
      </div>
      {canForget && (
        <button type="button" className="btn btn-small" data-testid="forget-recent-error" onClick={() => void forget(errorPath)}>
          {t("errors.forgetRecent")}
        </button>
      )}
      <button
        type="button"
        className="icon-btn"
        data-testid="dismiss-error"
        aria-label={t("errors.dismiss")}
        title={t("errors.dismiss")}
        onClick={dismiss}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
