// The project's personas: list, add, edit every field in place, photo, link
// to the current map, delete (undoable). Every change is one edit to the core.
import { edits } from "../edits";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { newId, toErrorInfo } from "../api";
import type { Map, Persona, Project } from "../bindings";
import { isSafePhotoUrl, PHOTO_ACCEPT, photoFromFile, PhotoError } from "../photo";
import { curveColors, emotionCurves, personaColor } from "../canvas/emotion";
import { activeMap, useStore } from "../store";
import theme from "../theme.json";
import { ErrorBanner } from "./ErrorBanner";
import { CloseIcon, PlusIcon, TrashIcon, UserIcon } from "./Icons";
import { InlineField } from "./InlineField";
import { Modal } from "./Modal";
import "./people.css";

/** The persona's text fields, in the order they are shown. */
export const PERSONA_FIELDS = ["name", "role", "quote", "goals", "needs", "frustrations", "description"] as const;
export type PersonaField = (typeof PERSONA_FIELDS)[number];
const MULTILINE: ReadonlySet<PersonaField> = new Set(["quote", "goals", "needs", "frustrations", "description"]);

/**
 * The colour a persona wears (theme.json personaPalette): its emotion curve's on the map shown, else its own
 * (its place in the project's persona list): the avatar, the curve and the legend are one colour.
 */
export function usePersonaColor(personaId: string): string {
  return useStore((s) => {
    const personas = s.doc?.project.personas ?? [];
    const map = activeMap(s.doc, s.mapId);
    const palette = theme.personaPalette;
    const curves = map ? emotionCurves(map) : [];
    const k = curves.indexOf(personaId);
    const color = k >= 0 ? curveColors(curves, personas, palette.length)[k] : personaColor(personaId, personas, palette.length);
    return palette[color];
  });
}

/** The persona's photo (only a checked PNG/JPEG data URL is ever used as a source), else its initial on its colour. */
export function PersonaAvatar({ persona, size = 40 }: { persona: Persona; size?: number }) {
  const color = usePersonaColor(persona.id);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (isSafePhotoUrl(persona.photo)) {
    return (
      <img className="persona-photo" style={{ ...style, boxShadow: `0 0 0 2px ${color}` }} src={persona.photo} alt="" data-testid="persona-photo" />
    );
  }
  return (
    <span className="persona-avatar" style={{ ...style, background: color }} data-color={color} aria-hidden="true">
      {persona.name.trim().charAt(0).toUpperCase() || <UserIcon size={Math.round(size * 0.45)} />}
    </span>
  );
}

function PersonaEditor({ persona, map, onDelete }: { persona: Persona; map: Map; onDelete(): void }) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const fileRef = useRef<HTMLInputElement>(null);
  const [photoState, setPhotoState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const linked = map.persona_id === persona.id;

  const pickPhoto = async (file: File | undefined) => {
    if (fileRef.current) fileRef.current.value = "";
    if (!file) return;
    setPhotoState({ busy: true, error: null });
    try {
      const photo = await photoFromFile(file);
      await dispatch(edits.updatePersona(persona.id, { photo }));
      setPhotoState({ busy: false, error: null });
    } catch (e) {
      setPhotoState({ busy: false, error: e instanceof PhotoError ? e.code : toErrorInfo(e).code });
    }
  };

  return (
    <section className="persona-editor" data-testid="persona-editor" data-persona={persona.id} aria-label={persona.name}>
      <div className="persona-editor-photo">
        <PersonaAvatar persona={persona} size={112} />
        <div className="persona-photo-buttons">
          <input
            ref={fileRef}
            type="file"
            accept={PHOTO_ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="persona-photo-input"
            onChange={(e) => void pickPhoto(e.target.files?.[0])}
          />
          <button
            type="button"
            className="btn btn-small"
            data-testid="persona-photo-choose"
            disabled={photoState.busy}
            onClick={() => fileRef.current?.click()}
          >
            {photoState.busy ? t("personas.photoWorking") : persona.photo ? t("personas.photoChange") : t("personas.photoChoose")}
          </button>
          {persona.photo && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="persona-photo-remove"
              onClick={() => void dispatch(edits.updatePersona(persona.id, { photo: "" }))}
            >
              {t("personas.photoRemove")}
            </button>
          )}
          <p className="persona-photo-hint muted">{t("personas.photoHint")}</p>
          {photoState.error && (
            <p className="persona-photo-error" role="alert" data-testid="persona-photo-error">
              {t(`errors.${photoState.error}`, { defaultValue: t("errors.unknown") })}
            </p>
          )}
        </div>
      </div>

      <div className="persona-fields">
        {PERSONA_FIELDS.map((field) => (
          <div className={`persona-field persona-field-${field}`} key={field}>
            <div className="panel-label">{t(`personas.field.${field}`)}</div>
            <InlineField
              value={persona[field]}
              label={t(`personas.field.${field}`)}
              placeholder={t(`personas.placeholder.${field}`)}
              multiline={MULTILINE.has(field)}
              testId={`persona-field-${field}`}
              onSave={(value) => {
                // A persona keeps a name: an emptied name is refused here, not sent.
                if (field === "name" && !value) return Promise.resolve(false);
                return dispatch(edits.updatePersona(persona.id, { [field]: value }));
              }}
            />
          </div>
        ))}
      </div>

      <div className="persona-editor-actions">
        {linked ? (
          <>
            <span className="persona-linked" data-testid="persona-linked">
              {t("personas.linked")}
            </span>
            <button
              type="button"
              className="btn btn-small"
              data-testid="persona-unlink"
              onClick={() => void dispatch(edits.linkPersona(map.id, null))}
            >
              {t("personas.unlink")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="persona-link"
            onClick={() => void dispatch(edits.linkPersona(map.id, persona.id))}
          >
            {t("personas.link")}
          </button>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="btn btn-small btn-danger" data-testid="persona-delete" onClick={onDelete}>
          <TrashIcon size={14} />
          {t("personas.delete")}
        </button>
      </div>
    </section>
  );
}

/** The personas dialog, opened from the map panel; `initialId` is the persona shown first. */
export function PersonaPanel({ project, map, initialId, onClose }: { project: Project; map: Map; initialId?: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const dispatch = useStore((s) => s.dispatch);
  const undo = useStore((s) => s.undo);
  const personas = project.personas;
  const [selectedId, setSelectedId] = useState<string | null>(initialId ?? map.persona_id ?? personas[0]?.id ?? null);
  const [deleted, setDeleted] = useState<{ id: string; name: string; index: number } | null>(null);
  const selected = personas.find((p) => p.id === selectedId) ?? null;

  // The shown persona was deleted (here, or by an undo): show its neighbour.
  const lastIndex = useRef(0);
  if (selected) lastIndex.current = personas.indexOf(selected);
  useEffect(() => {
    if (!selected && personas.length) setSelectedId(personas[Math.min(lastIndex.current, personas.length - 1)].id);
  }, [selected, personas]);
  // An undone delete brings the persona back: show it again.
  useEffect(() => {
    if (deleted && personas.some((p) => p.id === deleted.id)) {
      setSelectedId(deleted.id);
      setDeleted(null);
    }
  }, [deleted, personas]);

  const add = async () => {
    const id = newId();
    const persona: Persona = {
      id,
      name: t("personas.newName"),
      description: "",
      role: "",
      goals: "",
      needs: "",
      frustrations: "",
      quote: "",
      photo: "",
    };
    if (await dispatch(edits.addPersona(persona, personas.length))) setSelectedId(id);
  };

  const remove = async (p: Persona) => {
    const index = personas.indexOf(p);
    if (await dispatch(edits.deletePersona(p.id))) setDeleted({ id: p.id, name: p.name, index });
  };

  return (
    <Modal labelledBy={titleId} className="persona-dialog" testId="persona-panel" onClose={onClose}>
      <header className="modal-header persona-dialog-header">
        <div>
          <h2 id={titleId}>{t("personas.title")}</h2>
          <div className="modal-subtitle">{t("personas.subtitle", { count: personas.length })}</div>
        </div>
        <button
          type="button"
          className="icon-btn"
          data-testid="persona-panel-close"
          aria-label={t("personas.close")}
          title={t("personas.close")}
          onClick={onClose}
        >
          <CloseIcon size={16} />
        </button>
      </header>
      <div className="persona-dialog-banner">
        <ErrorBanner />
        {deleted && (
          <div className="persona-deleted" role="status" data-testid="persona-deleted">
            <span>{t("personas.deleted", { name: deleted.name })}</span>
            <button type="button" className="btn btn-small" data-testid="persona-undo-delete" onClick={() => void undo()}>
              {t("personas.undoDelete")}
            </button>
          </div>
        )}
      </div>
      <div className="persona-dialog-body">
        <nav className="persona-list" aria-label={t("personas.list")}>
          <ul data-testid="persona-list">
            {personas.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`persona-list-item${p.id === selected?.id ? " on" : ""}`}
                  data-testid="persona-list-item"
                  aria-current={p.id === selected?.id ? "true" : undefined}
                  onClick={() => setSelectedId(p.id)}
                >
                  <PersonaAvatar persona={p} size={32} />
                  <span className="persona-list-text">
                    <span className="persona-list-name">{p.name}</span>
                    {p.role && <span className="persona-list-role">{p.role}</span>}
                  </span>
                  {map.persona_id === p.id && <span className="persona-badge">{t("personas.thisMap")}</span>}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small persona-add" data-testid="persona-add" onClick={() => void add()}>
            <PlusIcon size={14} />
            {t("personas.add")}
          </button>
        </nav>
        {selected ? (
          <PersonaEditor key={selected.id} persona={selected} map={map} onDelete={() => void remove(selected)} />
        ) : (
          <div className="persona-none muted" data-testid="persona-none">
            {t("personas.none")}
          </div>
        )}
      </div>
    </Modal>
  );
}
