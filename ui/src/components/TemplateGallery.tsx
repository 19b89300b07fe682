// "New project": pick one of the core's templates (shown in the language the
// project will be created in, by default the UI's), then where to save it.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toErrorInfo } from "../api";
import type { Lang, TemplateId, TemplateInfo } from "../bindings";
import { newProjectFlow } from "../flows";
import { currentLang, LANGS } from "../i18n";
import { useStore } from "../store";
import { Modal } from "./Modal";
import "./people.css";

type Loaded = { state: "loading" } | { state: "ready"; lang: Lang; list: TemplateInfo[] } | { state: "error"; code: string };

export function TemplateGallery({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const uiLang = i18n.language === "vi" ? "vi" : "en";
  const [lang, setLang] = useState<Lang>(currentLang());
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [picked, setPicked] = useState<TemplateId>("marketing");
  const busy = useStore((s) => s.busy);
  const listRef = useRef<HTMLDivElement>(null);
  const focused = useRef(false);

  // The project language follows the UI language when that changes.
  useEffect(() => setLang(uiLang), [uiLang]);

  useEffect(() => {
    let stale = false;
    api
      .templates(lang)
      .then((list) => {
        if (stale) return;
        setLoaded({ state: "ready", lang, list });
        setPicked((p) => (list.some((x) => x.id === p) ? p : (list[0]?.id ?? p)));
      })
      .catch((e) => !stale && setLoaded({ state: "error", code: toErrorInfo(e).code }));
    return () => {
      stale = true;
    };
  }, [lang]);

  // Once the templates are there, the keyboard starts on the chosen one (arrows move between them).
  useEffect(() => {
    if (loaded.state !== "ready" || focused.current) return;
    focused.current = true;
    listRef.current?.querySelector<HTMLInputElement>("input:checked")?.focus();
  }, [loaded]);

  const create = (id: TemplateId = picked) => {
    onClose();
    void newProjectFlow(lang, id);
  };

  const list = loaded.state === "ready" ? loaded.list : [];
  return (
    <Modal labelledBy={titleId} className="gallery-dialog" testId="template-gallery" onClose={onClose}>
      <form
        className="gallery-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (loaded.state === "ready") create();
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>{t("gallery.title")}</h2>
          <div className="modal-subtitle">{t("gallery.subtitle")}</div>
        </header>
        <div className="gallery-body">
          <fieldset className="gallery-lang">
            <legend>{t("gallery.projectLanguage")}</legend>
            <div className="segmented" role="radiogroup">
              {LANGS.map((l) => (
                <label key={l} className={lang === l ? "on" : ""}>
                  <input
                    type="radio"
                    name="gallery-lang"
                    value={l}
                    data-testid={`gallery-lang-${l}`}
                    checked={lang === l}
                    onChange={() => setLang(l)}
                  />
                  {t(`lang.${l}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {loaded.state === "loading" && <p className="muted">{t("gallery.loading")}</p>}
          {loaded.state === "error" && (
            <p className="gallery-error" role="alert">
              {t(`errors.${loaded.code}`, { defaultValue: t("errors.unknown") })}
            </p>
          )}
          <div ref={listRef} className="gallery-list" role="radiogroup" aria-label={t("gallery.templates")} data-testid="template-list" lang={lang}>
            {list.map((tpl) => (
              <label
                key={tpl.id}
                className={`gallery-item${picked === tpl.id ? " on" : ""}`}
                data-testid="template-option"
                data-template={tpl.id}
                onDoubleClick={() => create(tpl.id)}
              >
                <input type="radio" name="template" value={tpl.id} checked={picked === tpl.id} onChange={() => setPicked(tpl.id)} />
                <span className="gallery-item-text">
                  <span className="gallery-item-name" data-testid="template-name">
                    {tpl.name}
                  </span>
                  <span className="gallery-item-desc">{tpl.description}</span>
                  <ol className="gallery-stages" aria-label={t("gallery.stages", { count: tpl.stages.length })}>
                    {tpl.stages.map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ol>
                  <span className="gallery-item-meta">
                    {t("gallery.stages", { count: tpl.stages.length })} · {t("gallery.cards", { count: tpl.cards })}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </div>
        <div className="modal-actions gallery-actions">
          <button type="button" className="btn" data-testid="gallery-cancel" onClick={onClose}>
            {t("gallery.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="gallery-create" disabled={loaded.state !== "ready" || busy}>
            {t("gallery.create")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
