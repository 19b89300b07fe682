import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { DocumentView, Map } from "../bindings";
import { useInsights, type InsightsTab } from "../insights/insightsStore";
import { FunnelPanel } from "./FunnelPanel";
import { HistoryPanel } from "./HistoryPanel";
import { CloseIcon } from "./Icons";
import { BookIcon, CommentIcon, FunnelIcon, HistoryIcon } from "./InsightIcons";
import { CommentsPanel } from "./Comments";
import { ResearchPanel } from "./ResearchPanel";
import "./insights.css";

const TABS: { tab: InsightsTab; Icon: typeof FunnelIcon }[] = [
  { tab: "funnel", Icon: FunnelIcon },
  { tab: "research", Icon: BookIcon },
  { tab: "history", Icon: HistoryIcon },
  { tab: "comments", Icon: CommentIcon },
];

/**
 * Keeps the shown map's funnel as the core computes it, after every change of
 * that map: merged changes keep an unchanged map's identity (change.ts), so an
 * edit elsewhere (a persona, another map, a snapshot) asks the core nothing.
 */
export function useFunnelSync(map: Map | null) {
  const refresh = useInsights((s) => s.refreshFunnel);
  useEffect(() => {
    if (map) void refresh(map);
  }, [map, refresh]);
}

/** Toolbar buttons that open the funnel, research and review history panels. */
export function InsightsToggles() {
  const { t } = useTranslation();
  const tab = useInsights((s) => s.tab);
  const toggle = useInsights((s) => s.toggle);
  return (
    <div className="insights-toggles" role="group" aria-label={t("insights.label")}>
      {TABS.map(({ tab: k, Icon }) => (
        <button
          key={k}
          type="button"
          className="btn btn-ghost insights-toggle"
          data-testid={`toggle-${k}`}
          aria-pressed={tab === k}
          aria-label={t(`insights.${k}`)}
          title={t(`insights.${k}Hint`)}
          onClick={() => toggle(k)}
        >
          <Icon size={16} />
          <span>{t(`insights.${k}`)}</span>
        </button>
      ))}
    </div>
  );
}

/** The side panel with the funnel, the research and the review history of the shown map. */
export function InsightsPanel({ map, doc }: { map: Map; doc: DocumentView }) {
  const { t } = useTranslation();
  const tab = useInsights((s) => s.tab);
  const open = useInsights((s) => s.open);
  if (!tab) return null;
  return (
    <aside className="insights-panel" data-testid="insights-panel" data-tab={tab} aria-label={t(`insights.${tab}Title`)}>
      <div className="insights-tabs" role="tablist">
        {TABS.map(({ tab: k, Icon }) => (
          // Four tabs and the close button fit the panel's width in both languages
          // when only the open tab spells its name; the others show it on hover.
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-label={t(`insights.${k}`)}
            title={t(`insights.${k}`)}
            data-testid={`tab-${k}`}
            onClick={() => open(k)}
          >
            <Icon size={14} />
            {tab === k && t(`insights.${k}`)}
          </button>
        ))}
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="icon-btn"
          data-testid="insights-close"
          aria-label={t("insights.close")}
          title={t("insights.close")}
          onClick={() => open(null)}
        >
          <CloseIcon size={14} />
        </button>
      </div>
      <h2 className="insights-title">{t(`insights.${tab}Title`)}</h2>
      <div className="insights-body">
        {tab === "funnel" && <FunnelPanel map={map} />}
        {tab === "research" && <ResearchPanel map={map} />}
        {tab === "history" && <HistoryPanel map={map} doc={doc} />}
        {tab === "comments" && <CommentsPanel map={map} />}
      </div>
    </aside>
  );
}
