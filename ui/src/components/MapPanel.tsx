import { edits, inOne } from "../edits";
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import { newId } from "../api";
import type { Map, Persona, Project } from "../bindings";
import { useStore } from "../store";
import { CloseIcon, PencilIcon, PlusIcon } from "./Icons";
import { InlineField } from "./InlineField";
import { PersonaAvatar, PersonaPanel } from "./PersonaPanel";

function PersonaCard({ persona, map, onEdit }: { persona: Persona; map: Map; onEdit(): void }) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const lists = (["goals", "needs", "frustrations"] as const).filter((k) => persona[k].trim());
  return (
    <div className="persona-card" data-testid="persona-card">
      <PersonaAvatar persona={persona} size={44} />
      <div className="persona-body">
        <InlineField
          value={persona.name}
          label={t("panel.personaName")}
          placeholder={t("panel.personaNamePlaceholder")}
          testId="persona-name"
          onSave={(name) => (name ? dispatch(edits.updatePersona(persona.id, { name })) : Promise.resolve(false))}
        />
        {persona.role && (
          <div className="persona-role" data-testid="persona-role">
            {persona.role}
          </div>
        )}
        {persona.quote && (
          <blockquote className="persona-quote" data-testid="persona-quote">
            {persona.quote}
          </blockquote>
        )}
        <InlineField
          value={persona.description}
          label={t("panel.personaDescription")}
          placeholder={t("panel.personaDescriptionPlaceholder")}
          multiline
          testId="persona-description"
          onSave={(description) => dispatch(edits.updatePersona(persona.id, { description }))}
        />
        {lists.map((k) => (
          <div className="persona-detail" key={k} data-testid={`persona-${k}`}>
            <div className="persona-detail-label">{t(`personas.field.${k}`)}</div>
            <div className="persona-detail-text">{persona[k]}</div>
          </div>
        ))}
        <button type="button" className="btn btn-small btn-ghost persona-edit" data-testid="edit-persona" onClick={onEdit}>
          <PencilIcon size={13} />
          {t("personas.edit")}
        </button>
      </div>
      <button
        type="button"
        className="icon-btn"
        data-testid="unlink-persona"
        aria-label={t("panel.unlinkPersona")}
        title={t("panel.unlinkPersona")}
        onClick={() => void dispatch(edits.linkPersona(map.id, null))}
      >
        <CloseIcon size={14} />
      </button>
    </div>
  );
}

type MapPanelProps = { map: Map; project: Project };

/**
 * Whether the panel would show the same: it (its persona card and personas
 * dialog included) reads these fields of the map and the project's personas,
 * so an edit of a card does not draw it again.
 */
function sameHeader({ map: a, project: p }: MapPanelProps, { map: b, project: q }: MapPanelProps): boolean {
  return (
    p.personas === q.personas &&
    a.id === b.id &&
    a.name === b.name &&
    a.goal === b.goal &&
    a.scenario === b.scenario &&
    a.persona_id === b.persona_id &&
    a.stages.length === b.stages.length &&
    a.lanes.length === b.lanes.length &&
    a.cards.length === b.cards.length
  );
}

/** The map's header beside the grid: name, persona, goal and scenario, all editable in place. */
export const MapPanel = memo(function MapPanel({ map, project }: MapPanelProps) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const persona = project.personas.find((p) => p.id === map.persona_id) ?? null;
  // The personas dialog: closed, or open on one persona.
  const [personasOpen, setPersonasOpen] = useState<{ id: string | null } | null>(null);

  const newPersona = () => {
    const id = newId();
    // One undo step: create the persona and link it to this map.
    const persona = { id, name: t("panel.newPersonaName"), description: "", role: "", goals: "", needs: "", frustrations: "", quote: "", photo: "" };
    void dispatch(inOne([edits.addPersona(persona, project.personas.length), edits.linkPersona(map.id, id)]));
  };

  return (
    <aside className="map-panel" data-testid="map-panel" aria-label={t("panel.label")}>
      <div className="panel-section">
        <div className="panel-label">{t("panel.map")}</div>
        <div className="map-name">
          <InlineField
            value={map.name}
            label={t("panel.mapName")}
            placeholder={t("panel.mapNamePlaceholder")}
            testId="map-name"
            onSave={(name) => dispatch(edits.renameMap(map.id, name))}
          />
        </div>
        <div className="map-stats">{t("panel.stats", { stages: map.stages.length, lanes: map.lanes.length, cards: map.cards.length })}</div>
      </div>

      <div className="panel-section">
        <div className="panel-label">{t("panel.persona")}</div>
        {persona ? (
          <PersonaCard persona={persona} map={map} onEdit={() => setPersonasOpen({ id: persona.id })} />
        ) : (
          <div className="persona-empty">{t("panel.noPersona")}</div>
        )}
        <div className="persona-actions">
          {project.personas.length > 0 && (
            <select
              data-testid="persona-select"
              aria-label={t("panel.choosePersona")}
              value={map.persona_id ?? ""}
              onChange={(e) => void dispatch(edits.linkPersona(map.id, e.target.value || null))}
            >
              <option value="">{t("panel.noPersonaOption")}</option>
              {project.personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="btn btn-small" data-testid="new-persona" onClick={newPersona}>
            <PlusIcon size={14} />
            {t("panel.newPersona")}
          </button>
          <button type="button" className="btn btn-small" data-testid="manage-personas" onClick={() => setPersonasOpen({ id: null })}>
            {t("personas.manage")}
          </button>
        </div>
        {personasOpen && <PersonaPanel project={project} map={map} initialId={personasOpen.id} onClose={() => setPersonasOpen(null)} />}
      </div>

      <div className="panel-section">
        <div className="panel-label">{t("panel.goal")}</div>
        <InlineField
          value={map.goal}
          label={t("panel.goal")}
          placeholder={t("panel.goalPlaceholder")}
          multiline
          testId="map-goal"
          onSave={(goal) => dispatch(edits.setMapGoal(map.id, goal))}
        />
      </div>
      <div className="panel-section">
        <div className="panel-label">{t("panel.scenario")}</div>
        <InlineField
          value={map.scenario}
          label={t("panel.scenario")}
          placeholder={t("panel.scenarioPlaceholder")}
          multiline
          testId="map-scenario"
          onSave={(scenario) => dispatch(edits.setMapScenario(map.id, scenario))}
        />
      </div>
    </aside>
  );
}, sameHeader);
