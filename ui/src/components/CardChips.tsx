import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Card } from "../bindings";
import { BUILTIN_CHANNELS, customChannels, isBuiltin, normalizeChannel } from "../canvas/channels";
import { useStore } from "../store";
import { ChannelIcon, CloseIcon, FaceIcon, PlusIcon } from "./Icons";
import { Popover } from "./Popover";

/** Localized name of a channel: built-ins are translated, custom ones shown as typed. */
export function useChannelName() {
  const { t } = useTranslation();
  return channelName(t);
}

function channelName(t: TFunction) {
  return (channel: string) => (isBuiltin(channel) ? t(`channel.${channel}`) : channel);
}

/**
 * A touchpoint's channel (icon + name); click to pick another or type a new one.
 * `t` comes from the grid (one i18n subscription for hundreds of chips).
 */
export function ChannelChip({ card, t }: { card: Card; t: TFunction }) {
  const name = channelName(t);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [custom, setCustom] = useState("");
  const set = (channel: string) => {
    setMenu(null);
    setCustom("");
    if (channel !== card.channel) void useStore.getState().dispatch({ type: "update_card", card_id: card.id, channel });
  };
  // Read when the menu opens (a subscription here would re-render every chip on every edit).
  const project = menu ? useStore.getState().doc?.project : undefined;
  const extra = project ? customChannels(project) : [];

  return (
    <>
      <button
        type="button"
        className={`chip channel-chip${card.channel ? "" : " chip-empty hover-reveal"}`}
        data-testid="channel-chip"
        data-channel={card.channel}
        aria-label={card.channel ? t("channel.label", { name: name(card.channel) }) : t("channel.add")}
        onClick={(e) => setMenu(menu ? null : e.currentTarget)}
      >
        {card.channel ? <ChannelIcon channel={card.channel} size={13} /> : <PlusIcon size={12} />}
        <span>{card.channel ? name(card.channel) : t("channel.add")}</span>
      </button>
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label={t("channel.pick")} testId="channel-popover">
          <div className="popover-label">{t("channel.pick")}</div>
          <div className="channel-grid">
            {[...BUILTIN_CHANNELS, ...extra].map((ch) => (
              <button
                key={ch}
                type="button"
                className="menu-item"
                data-testid="channel-option"
                data-channel={ch}
                aria-pressed={card.channel === ch}
                onClick={() => set(ch)}
              >
                <ChannelIcon channel={ch} size={14} />
                <span>{name(ch)}</span>
              </button>
            ))}
          </div>
          <form
            className="channel-custom"
            onSubmit={(e) => {
              e.preventDefault();
              // (Built-in names, translated only here: chips are drawn by the hundred.)
              const names = Object.fromEntries(BUILTIN_CHANNELS.map((k) => [k, t(`channel.${k}`)]));
              const v = normalizeChannel(custom, names);
              if (v) set(v);
            }}
          >
            <input
              data-testid="channel-custom"
              value={custom}
              maxLength={64}
              placeholder={t("channel.customPlaceholder")}
              aria-label={t("channel.custom")}
              onChange={(e) => setCustom(e.target.value)}
            />
            <button type="submit" className="btn btn-small">
              {t("channel.addCustom")}
            </button>
          </form>
          {card.channel && (
            <button type="button" className="menu-item" data-testid="channel-clear" onClick={() => set("")}>
              <CloseIcon size={14} />
              {t("channel.none")}
            </button>
          )}
        </Popover>
      )}
    </>
  );
}

/** The card's emotion score as a face; click to set it (−2..2) or clear it. */
export function EmotionChip({ card }: { card: Card }) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const set = (emotion: number | null) => {
    setMenu(null);
    // The other metrics are kept as the core has them now.
    const now = useStore.getState().doc?.project.maps.flatMap((m) => m.cards).find((c) => c.id === card.id) ?? card;
    if (emotion !== now.emotion) {
      void dispatch({ type: "set_card_metrics", card_id: card.id, emotion, conversion: now.conversion, volume: now.volume });
    }
  };
  const scored = card.emotion !== null;
  return (
    <>
      <button
        type="button"
        className={`chip emotion-chip${scored ? ` emotion-${card.emotion}` : " chip-empty hover-reveal"}`}
        data-testid="emotion-chip"
        data-emotion={card.emotion ?? ""}
        onClick={(e) => setMenu(menu ? null : e.currentTarget)}
      >
        {scored ? (
          <>
            <FaceIcon score={card.emotion!} size={14} />
            <span>{t(`emotion.${card.emotion}`)}</span>
          </>
        ) : (
          <>
            <PlusIcon size={12} />
            <span>{t("emotion.set")}</span>
          </>
        )}
      </button>
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label={t("emotion.set")} testId="emotion-popover">
          <div className="popover-label">{t("emotion.set")}</div>
          {[2, 1, 0, -1, -2].map((v) => (
            <button key={v} type="button" className="menu-item" data-testid="emotion-option" data-emotion={v} aria-pressed={card.emotion === v} onClick={() => set(v)}>
              <span className={`face emotion-${v}`}><FaceIcon score={v} size={16} /></span>
              {t(`emotion.${v}`)}
              <span className="menu-hint">{v > 0 ? `+${v}` : v}</span>
            </button>
          ))}
          {scored && (
            <button type="button" className="menu-item" data-testid="emotion-clear" onClick={() => set(null)}>
              <CloseIcon size={14} />
              {t("emotion.clear")}
            </button>
          )}
        </Popover>
      )}
    </>
  );
}
