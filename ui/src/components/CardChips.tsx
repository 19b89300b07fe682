import { edits } from "../edits";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Card, Persona } from "../bindings";
import { BUILTIN_CHANNELS, channelName, customChannels, normalizeChannel } from "../canvas/channels";
import { useStore } from "../store";
import { ChannelIcon, CloseIcon, FaceIcon, PlusIcon } from "./Icons";
import { Popover } from "./Popover";

/**
 * What a grid opens from a card's chip: one menu at a time, drawn once by the
 * grid (ChipMenu) rather than a popover and its state in every chip, as chips
 * are drawn by the hundred.
 */
export type ChipKind = "channel" | "rate" | "emotion";
export type OpenChip = (kind: ChipKind, cardId: string, anchor: HTMLElement) => void;

/**
 * Labels longer than this may not fit a card's width (16 of the widest
 * letters, icon and padding do): their chip clips its label (.chip-clip).
 * Shorter ones are not clipped at all: a clip inside a rounded chip costs
 * WebKit an anti-aliased rounded clip per chip in every repaint (12 % of a
 * repaint of the 2,000-card map's touchpoints, timeline.mjs paint-cost).
 */
export const CHIP_CLIP_FROM = 16;
export const chipClip = (label: string): string => (label.length > CHIP_CLIP_FROM ? " chip-clip" : "");

/**
 * A touchpoint's channel (icon + name); a click opens the channel menu.
 * `t` comes from the grid (one i18n subscription for hundreds of chips).
 */
export function ChannelChip({ card, t, onOpen }: { card: Card; t: TFunction; onOpen: OpenChip }) {
  const name = channelName(t);
  const label = card.channel ? name(card.channel) : t("channel.add");
  return (
    <button
      type="button"
      className={`chip channel-chip${card.channel ? "" : " chip-empty hover-reveal"}${chipClip(label)}`}
      data-testid="channel-chip"
      data-channel={card.channel}
      aria-label={card.channel ? t("channel.label", { name: label }) : label}
      onClick={(e) => onOpen("channel", card.id, e.currentTarget)}
    >
      {card.channel ? <ChannelIcon channel={card.channel} size={13} /> : <PlusIcon size={12} />}
      <span>{label}</span>
    </button>
  );
}

/** The channel menu of a card: built-in and custom channels, a new one typed, or none. */
export function ChannelMenu({ card, anchor, onClose }: { card: Card; anchor: HTMLElement; onClose(): void }) {
  const { t } = useTranslation();
  const name = channelName(t);
  const [custom, setCustom] = useState("");
  const set = (channel: string) => {
    onClose();
    if (channel !== card.channel) void useStore.getState().dispatch(edits.setChannel(card.id, channel));
  };
  // Read when the menu opens (a subscription would re-render it on every edit).
  const project = useStore.getState().doc?.project;
  const extra = project ? customChannels(project) : [];
  return (
    <Popover anchor={anchor} onClose={onClose} label={t("channel.pick")} testId="channel-popover">
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
  );
}

/** The card's emotion score as a face; a click opens the emotion menu (−2..2 or none). */
export function EmotionChip({ card, t, onOpen }: { card: Card; t: TFunction; onOpen: OpenChip }) {
  const scored = card.emotion !== null;
  const label = scored ? t(`emotion.${card.emotion}`) : t("emotion.set");
  return (
    <button
      type="button"
      className={`chip emotion-chip${scored ? ` emotion-${card.emotion}` : " chip-empty hover-reveal"}${chipClip(label)}`}
      data-testid="emotion-chip"
      data-emotion={card.emotion ?? ""}
      onClick={(e) => onOpen("emotion", card.id, e.currentTarget)}
    >
      {scored ? (
        <>
          <FaceIcon score={card.emotion!} size={14} />
          <span>{label}</span>
        </>
      ) : (
        <>
          <PlusIcon size={12} />
          <span>{label}</span>
        </>
      )}
    </button>
  );
}

const NO_PERSONAS: Persona[] = [];

/** The emotion menu of a card: its feeling and, when the project has other personas than the map's, whose it is. */
export function EmotionMenu({ card, anchor, onClose }: { card: Card; anchor: HTMLElement; onClose(): void }) {
  const { t } = useTranslation();
  const personas = useStore((s) => s.doc?.project.personas ?? NO_PERSONAS);
  const mapPersona = useStore((s) => s.doc?.project.maps.find((m) => m.cards.some((c) => c.id === card.id))?.persona_id ?? null);
  const others = personas.filter((p) => p.id !== mapPersona);
  const own = card.persona_id == null || card.persona_id === mapPersona;
  const setPersona = (personaId: string | null) => {
    onClose();
    if (personaId !== (card.persona_id ?? null)) void useStore.getState().dispatch(edits.setCardPersona(card.id, personaId));
  };
  const set = (emotion: number | null) => {
    onClose();
    // Only the emotion is sent: the core keeps the other metrics as they are.
    const now =
      useStore
        .getState()
        .doc?.project.maps.flatMap((m) => m.cards)
        .find((c) => c.id === card.id) ?? card;
    if (emotion !== now.emotion) {
      void useStore.getState().dispatch(edits.setEmotion(card.id, emotion));
    }
  };
  return (
    <Popover anchor={anchor} onClose={onClose} label={t("emotion.set")} testId="emotion-popover">
      <div className="popover-label">{t("emotion.set")}</div>
      {[2, 1, 0, -1, -2].map((v) => (
        <button
          key={v}
          type="button"
          className="menu-item"
          data-testid="emotion-option"
          data-emotion={v}
          aria-pressed={card.emotion === v}
          onClick={() => set(v)}
        >
          <span className={`face emotion-${v}`}>
            <FaceIcon score={v} size={16} />
          </span>
          {t(`emotion.${v}`)}
          <span className="menu-hint">{v > 0 ? `+${v}` : v}</span>
        </button>
      ))}
      {card.emotion !== null && (
        <button type="button" className="menu-item" data-testid="emotion-clear" onClick={() => set(null)}>
          <CloseIcon size={14} />
          {t("emotion.clear")}
        </button>
      )}
      {others.length > 0 && (
        <>
          <div className="popover-label">{t("emotion.whose")}</div>
          <button type="button" className="menu-item" data-testid="emotion-persona" aria-pressed={own} onClick={() => setPersona(null)}>
            {personas.find((p) => p.id === mapPersona)?.name ?? t("emotion.curve")}
          </button>
          {others.map((p) => (
            <button
              key={p.id}
              type="button"
              className="menu-item"
              data-testid="emotion-persona"
              aria-pressed={card.persona_id === p.id}
              onClick={() => setPersona(p.id)}
            >
              {p.name}
            </button>
          ))}
        </>
      )}
    </Popover>
  );
}
