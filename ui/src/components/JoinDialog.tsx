// Joining a teammate's shared project: paste the link they sent, choose where
// the project file goes on this computer; it fills from the server.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorInfo } from "../bindings";
import { joinFlow } from "../flows";
import { Modal } from "./Modal";
import { FormError } from "./ShareDialog";
import "./share.css";

export function JoinDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [link, setLink] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const join = async () => {
    setBusy(true);
    setError(null);
    const err = await joinFlow(link.trim());
    setBusy(false);
    if (err) setError(err);
    else onClose();
  };

  return (
    <Modal labelledBy={titleId} className="share-dialog" testId="join-dialog" onClose={onClose}>
      <header className="modal-header">
        <h2 id={titleId}>{t("share.joinTitle")}</h2>
        <div className="modal-subtitle">{t("share.joinSubtitle")}</div>
      </header>
      <form
        className="share-body share-form"
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        <label className="share-field">
          <span>{t("share.link")}</span>
          <input
            data-testid="join-link"
            data-autofocus
            dir="ltr"
            value={link}
            placeholder="journey+ws://192.168.1.20:7420/…#…"
            onChange={(e) => setLink(e.currentTarget.value)}
          />
        </label>
        <FormError error={error} testId="join-error" />
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t("share.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="join-submit" disabled={busy || !link.trim()}>
            {t("share.joinSubmit")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
