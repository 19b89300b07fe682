import { useState } from "react";
import { useTranslation } from "react-i18next";
import { importJsonFlow, openFlow } from "../flows";
import { useStore } from "../store";
import { ErrorBanner } from "./ErrorBanner";
import { NewButton } from "./FileMenus";
import { CloseIcon, FileIcon, FolderIcon, PlusIcon } from "./Icons";
import { JoinDialog } from "./JoinDialog";
import { LangSwitch } from "./LangSwitch";

function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i > 0 ? path.slice(0, i) : "";
}

export function StartScreen() {
  const { t } = useTranslation();
  const recent = useStore((s) => s.recent);
  const busy = useStore((s) => s.busy);
  const errorPath = useStore((s) => s.errorPath);
  const open = useStore((s) => s.open);
  const forget = useStore((s) => s.forgetRecent);
  const [joining, setJoining] = useState(false);

  return (
    <main className="start-screen" data-testid="start-screen">
      <div className="start-top">
        <LangSwitch />
      </div>
      <div className="start-inner">
        <header className="start-header">
          <div className="logo" aria-hidden="true">
            <span />
            <span />
            <span />
          </div>
          <h1>{t("app.name")}</h1>
          <p className="tagline">{t("app.tagline")}</p>
        </header>

        <ErrorBanner />

        <div className="start-actions">
          <section className="start-card">
            <div className="start-card-head">
              <PlusIcon size={20} />
              <h2>{t("start.newProject")}</h2>
            </div>
            <p className="muted">{t("gallery.startHint")}</p>
            <div className="start-card-buttons">
              <NewButton disabled={busy} className="btn btn-primary" testId="new-project" label={t("gallery.startButton")} />
            </div>
          </section>
          <section className="start-card">
            <div className="start-card-head">
              <FolderIcon size={20} />
              <h2>{t("start.open")}</h2>
            </div>
            <p className="muted">{t("start.openHint")}</p>
            <div className="start-card-buttons">
              <button type="button" className="btn" data-testid="open" disabled={busy} onClick={() => void openFlow()}>
                {t("start.open")}
              </button>
              <button type="button" className="btn" data-testid="import-json" disabled={busy} onClick={() => void importJsonFlow()}>
                {t("projectJson.importShort")}
              </button>
              <button type="button" className="btn" data-testid="join-open" disabled={busy} onClick={() => setJoining(true)}>
                {t("share.joinButton")}
              </button>
            </div>
            {joining && <JoinDialog onClose={() => setJoining(false)} />}
          </section>
        </div>

        <section className="recent">
          <h2>{t("start.recent")}</h2>
          {recent.length === 0 ? (
            <p className="muted" data-testid="no-recent">
              {t("start.noRecent")}
            </p>
          ) : (
            <ul data-testid="recent-list">
              {recent.map((path) => (
                <li key={path} className={path === errorPath ? "recent-item failed" : "recent-item"} data-testid="recent-item">
                  <button
                    type="button"
                    className="recent-open"
                    data-testid="recent-open"
                    title={path}
                    disabled={busy}
                    onClick={() => void open(path)}
                  >
                    <FileIcon size={18} />
                    <span className="recent-name">{fileName(path)}</span>
                    <span className="recent-path">
                      <bdi dir="ltr">{folderOf(path)}</bdi>
                    </span>
                  </button>
                  <button
                    type="button"
                    className="icon-btn"
                    data-testid="forget-recent"
                    title={t("start.forget")}
                    aria-label={t("start.forgetLabel", { name: fileName(path) })}
                    onClick={() => void forget(path)}
                  >
                    <CloseIcon size={14} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
