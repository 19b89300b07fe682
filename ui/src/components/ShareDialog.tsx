// Sharing the open project with teammates: on a sync server the team runs
// (`journey-studio serve`), then its link to pass on; once shared, the link,
// the connection's state and who is in the project now.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toErrorInfo } from "../api";
import type { CollabStatus, ErrorInfo, Presence } from "../bindings";
import { refreshLink, useCollab } from "../collab";
import { Modal } from "./Modal";
import "./share.css";

/** The connection's state in words (and a class for its dot). */
export function StatusLine({ status }: { status: CollabStatus | null }) {
  const { t } = useTranslation();
  const state = status?.state ?? "connecting";
  const why = status && "code" in status ? t(`errors.${status.code}`, { defaultValue: "" }) : "";
  return (
    <p className={`share-status share-status-${state}`} data-testid="share-status" data-state={state} role="status">
      <span className="dot" aria-hidden="true" />
      <span>{t(`share.status.${state}`)}</span>
      {why && <span className="share-status-why">{why}</span>}
    </p>
  );
}

/** Why sharing or joining failed, in words, under the form. */
export function FormError({ error, testId }: { error: ErrorInfo | null; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="share-error" role="alert" data-testid={testId} data-code={error.code}>
      {t(`errors.${error.code}`, { defaultValue: t("errors.unknown") })}
    </p>
  );
}

/** Initials of a teammate's name, for their badge. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "?";
  const pick = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return pick.map((w) => [...w][0]?.toUpperCase() ?? "").join("");
}

function People({ people }: { people: Presence[] }) {
  const { t } = useTranslation();
  if (!people.length) return <p className="muted">{t("share.alone")}</p>;
  return (
    <ul className="share-people" data-testid="share-people">
      {people.map((p) => (
        <li key={p.peer}>
          <span className="presence-badge" aria-hidden="true">
            {initials(p.name)}
          </span>
          <bdi>{p.name || t("share.unnamed")}</bdi>
          {p.card_id && <span className="muted"> · {t("share.onCard")}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ShareDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { link, status, people } = useCollab();
  const [server, setServer] = useState("");
  const [invite, setInvite] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [copied, setCopied] = useState(false);

  const share = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.shareProject(server, invite);
      await refreshLink();
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // The link stays selected in its box for Ctrl+C.
      document.querySelector<HTMLInputElement>('[data-testid="share-link"]')?.select();
    }
  };

  return (
    <Modal labelledBy={titleId} className="share-dialog" testId="share-dialog" onClose={onClose}>
      <header className="modal-header">
        <h2 id={titleId}>{t("share.title")}</h2>
        <div className="modal-subtitle">{t(link ? "share.sharedSubtitle" : "share.subtitle")}</div>
      </header>
      <div className="share-body">
        {link ? (
          <>
            <label className="share-field">
              <span>{t("share.link")}</span>
              <span className="share-link-row">
                <input data-testid="share-link" readOnly value={link} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className="btn" data-testid="share-copy" onClick={() => void copy()}>
                  {t(copied ? "share.copied" : "share.copy")}
                </button>
              </span>
              <small className="muted">{t("share.linkHint")}</small>
            </label>
            <StatusLine status={status} />
            <h3 className="share-heading">{t("share.people")}</h3>
            <People people={people} />
          </>
        ) : (
          <form
            className="share-form"
            onSubmit={(e) => {
              e.preventDefault();
              void share();
            }}
          >
            <p className="muted">{t("share.explain")}</p>
            <label className="share-field">
              <span>{t("share.server")}</span>
              <input
                data-testid="share-server"
                data-autofocus
                dir="ltr"
                value={server}
                placeholder="192.168.1.20:7420"
                onChange={(e) => setServer(e.currentTarget.value)}
              />
            </label>
            <label className="share-field">
              <span>{t("share.invite")}</span>
              <input data-testid="share-invite" dir="ltr" value={invite} onChange={(e) => setInvite(e.currentTarget.value)} />
              <small className="muted">{t("share.inviteHint")}</small>
            </label>
            <FormError error={error} testId="share-error" />
            <div className="modal-actions">
              <button type="button" className="btn btn-ghost" onClick={onClose}>
                {t("share.cancel")}
              </button>
              <button type="submit" className="btn btn-primary" data-testid="share-submit" disabled={busy || !server.trim() || !invite.trim()}>
                {t(busy ? "share.sharing" : "share.submit")}
              </button>
            </div>
          </form>
        )}
      </div>
    </Modal>
  );
}
