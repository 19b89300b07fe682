// Presentation mode for client meetings: the map full screen without any
// editing chrome, one stage at a time or the whole map. Arrow keys (and Page
// Up/Down, Space, Home, End) move between stages; M switches between one stage
// and the whole map; F shows the funnel and P the persona on demand; Esc
// closes what is on top, then leaves. Nothing here can change the document.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Card, Funnel, Lane, Map, Project } from "../bindings";
import { channelName } from "../canvas/channels";
import { setFullscreen } from "../fullscreen";
import { formatPct } from "../insights/format";
import { CardPicture } from "./CardImage";
import "./present.css";

type View = "stage" | "map";
type Overlay = "funnel" | "persona" | null;

function CardView({ card, lane }: { card: Card; lane: Lane }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`present-card kind-${lane.kind}`} data-testid="present-card" style={card.color ? { borderColor: card.color } : undefined}>
      {card.image_id && <CardPicture imageId={card.image_id} kind={lane.kind} t={t} />}
      <span className="present-card-text">{card.text}</span>
      {(card.channel || card.conversion !== null || (lane.kind === "emotions" && card.emotion !== null)) && (
        <span className="present-card-meta">
          {card.channel && <span className="present-chip">{channelName(t)(card.channel)}</span>}
          {card.conversion !== null && (
            <span className="present-chip is-rate">{t("present.goOn", { rate: formatPct(card.conversion, i18n.language) })}</span>
          )}
          {lane.kind === "emotions" && card.emotion !== null && (
            <span className={`present-chip is-emotion e${card.emotion}`}>{t(`emotion.${card.emotion}`)}</span>
          )}
        </span>
      )}
    </li>
  );
}

/** The cards of `lane` in the stage `stageId`, in their order. */
const cardsIn = (map: Map, stageId: string, laneId: string) => map.cards.filter((c) => c.stage_id === stageId && c.lane_id === laneId);

function StageSlide({ map, index }: { map: Map; index: number }) {
  const { t } = useTranslation();
  const stage = map.stages[index];
  const lanes = map.lanes.filter((l) => cardsIn(map, stage.id, l.id).length > 0);
  return (
    <section className="present-stage" data-testid="present-stage" data-index={index}>
      <header className="present-stage-head" style={stage.color ? { borderColor: stage.color } : undefined}>
        <span className="present-step">{t("present.stageOf", { n: index + 1, total: map.stages.length })}</span>
        <h1>{stage.name}</h1>
      </header>
      {lanes.length === 0 ? (
        <p className="present-empty">{t("present.emptyStage")}</p>
      ) : (
        <div className="present-lanes">
          {lanes.map((lane) => (
            <div key={lane.id} className={`present-lane kind-${lane.kind}`}>
              <h2>{lane.name}</h2>
              <ul>
                {cardsIn(map, stage.id, lane.id).map((c) => (
                  <CardView key={c.id} card={c} lane={lane} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function WholeMap({ map, onPick }: { map: Map; onPick(index: number): void }) {
  const { t } = useTranslation();
  const lanes = map.lanes.filter((l) => map.cards.some((c) => c.lane_id === l.id));
  return (
    <section
      className="present-map"
      data-testid="present-map"
      style={{ gridTemplateColumns: `minmax(120px, 0.7fr) repeat(${map.stages.length}, 1fr)` }}
    >
      <div className="present-corner">{map.name}</div>
      {map.stages.map((s, i) => (
        <button key={s.id} type="button" className="present-map-stage" title={t("present.openStage")} onClick={() => onPick(i)}>
          {s.name}
        </button>
      ))}
      {lanes.map((lane) => (
        <div key={lane.id} className="present-map-row">
          <div className="present-map-lane">{lane.name}</div>
          {map.stages.map((s) => (
            <ul key={s.id} className={`present-map-cell kind-${lane.kind}`}>
              {cardsIn(map, s.id, lane.id).map((c) => (
                <CardView key={c.id} card={c} lane={lane} />
              ))}
            </ul>
          ))}
        </div>
      ))}
    </section>
  );
}

function FunnelOverlay({ map }: { map: Map }) {
  const { t, i18n } = useTranslation();
  const [funnel, setFunnel] = useState<Funnel | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api.funnel(map.id).then(
      (f) => current && setFunnel(f),
      () => current && setFunnel(null),
    );
    return () => {
      current = false;
    };
  }, [map]);
  if (funnel === undefined) return null;
  if (funnel === null) return <p data-testid="present-funnel">{t("funnel.empty")}</p>;
  const drop = funnel.steps[funnel.biggest_drop];
  return (
    <div data-testid="present-funnel">
      <div className="present-big">{formatPct(funnel.overall, i18n.language)}</div>
      <div className="present-big-label">{t("funnel.overall")}</div>
      {drop && drop.rate !== null && (
        <p className="present-drop">
          {t("present.biggestDrop", { text: drop.text, stage: map.stages[drop.stage_index]?.name ?? "", rate: formatPct(drop.rate, i18n.language) })}
        </p>
      )}
      <ol className="present-funnel-stages">
        {funnel.stages.map((s) => (
          <li key={s.stage_index}>
            <span>{map.stages[s.stage_index]?.name}</span>
            <strong>{s.rate === null ? "—" : formatPct(s.rate, i18n.language)}</strong>
          </li>
        ))}
      </ol>
    </div>
  );
}

function PersonaOverlay({ map, project }: { map: Map; project: Project }) {
  const { t } = useTranslation();
  const persona = project.personas.find((p) => p.id === map.persona_id);
  if (!persona) return <p data-testid="present-persona">{t("present.noPersona")}</p>;
  const lines = (text: string) => text.split("\n").filter((l) => l.trim());
  return (
    <div className="present-persona" data-testid="present-persona">
      {persona.photo && <img src={persona.photo} alt="" />}
      <div>
        <h2>{persona.name}</h2>
        {persona.role && <p className="present-persona-role">{persona.role}</p>}
        {persona.quote && <blockquote>{persona.quote}</blockquote>}
        {(["goals", "needs", "frustrations"] as const).map(
          (k) =>
            persona[k] && (
              <div key={k}>
                <h3>{t(`personas.field.${k}`)}</h3>
                <ul>
                  {lines(persona[k]).map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              </div>
            ),
        )}
      </div>
    </div>
  );
}

export function Presentation({ map, project, onExit }: { map: Map; project: Project; onExit(): void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>("stage");
  const [index, setIndex] = useState(0);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const last = map.stages.length - 1;
  const at = Math.min(index, last);
  const exit = useRef(onExit);
  exit.current = onExit;

  // Full screen while presenting.
  useEffect(() => {
    void setFullscreen(true);
    return () => void setFullscreen(false);
  }, []);

  // The presentation takes the keyboard as a whole, before the editor's own
  // shortcuts (capture phase): nothing can be changed from here. Keys may come
  // faster than renders, so every move reads the state it changes; the keys are
  // taken from the first paint on (a layout effect), not a moment later.
  const state = useRef({ view, overlay });
  state.current = { view, overlay };
  useLayoutEffect(() => {
    const go = (next: (i: number) => number) => setIndex((i) => Math.max(0, Math.min(last, next(Math.min(i, last)))));
    const onKey = (e: KeyboardEvent) => {
      e.stopImmediatePropagation();
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const { view, overlay } = state.current;
      const key = e.key;
      if (key === "Escape") overlay ? setOverlay(null) : exit.current();
      else if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "ArrowDown")
        view === "stage" ? go((i) => i + 1) : setView("stage");
      else if (key === "ArrowLeft" || key === "PageUp" || key === "ArrowUp") go((i) => i - 1);
      else if (key === "Home") go(() => 0);
      else if (key === "End") go(() => last);
      else if (key.toLowerCase() === "m") setView((v) => (v === "map" ? "stage" : "map"));
      else if (key.toLowerCase() === "f") setOverlay((o) => (o === "funnel" ? null : "funnel"));
      else if (key.toLowerCase() === "p") setOverlay((o) => (o === "persona" ? null : "persona"));
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [last]);

  return (
    <section className="presentation" data-testid="presentation" data-view={view} aria-roledescription={t("present.title")} aria-label={map.name}>
      {view === "stage" && map.stages.length > 0 ? (
        <StageSlide map={map} index={at} />
      ) : (
        <WholeMap
          map={map}
          onPick={(i) => {
            setIndex(i);
            setView("stage");
          }}
        />
      )}
      {overlay && (
        <div className="present-overlay" data-testid="present-overlay">
          {overlay === "funnel" ? <FunnelOverlay map={map} /> : <PersonaOverlay map={map} project={project} />}
        </div>
      )}
      <footer className="present-hint" data-testid="present-hint">
        {view === "stage" && <span className="present-dots">{map.stages.map((_, i) => (i === at ? "●" : "○")).join(" ")}</span>}
        <span>{t("present.keys")}</span>
      </footer>
    </section>
  );
}
