// Touchpoint channels: a built-in list (channels.json; icon + localized name) that users extend
// by typing their own; channels already used in the project are offered again.
import type { TFunction } from "i18next";
import type { Project } from "../bindings";
import channels from "./channels.json";

export const BUILTIN_CHANNELS: readonly string[] = channels.builtin;
export function isBuiltin(channel: string): boolean {
  return BUILTIN_CHANNELS.includes(channel);
}

/** Localized name of a channel: built-ins are translated (channel.<id>), custom ones shown as typed (the core's channel_label). */
export function channelName(t: TFunction) {
  return (channel: string) => (isBuiltin(channel) ? t(`channel.${channel}`) : channel);
}

/** Channels used in the project that are not built in, sorted, each once (case-insensitively). */
export function customChannels(project: Project): string[] {
  const seen = new globalThis.Map<string, string>();
  for (const m of project.maps) {
    for (const c of m.cards) {
      const ch = c.channel.trim();
      if (ch && !isBuiltin(ch) && !seen.has(ch.toLocaleLowerCase())) seen.set(ch.toLocaleLowerCase(), ch);
    }
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** Normalises what a user typed: a built-in key if it names one, else the trimmed text (max 64 chars). */
export function normalizeChannel(input: string, names: Record<string, string>): string {
  const t = input.trim().slice(0, 64);
  const lower = t.toLocaleLowerCase();
  for (const key of BUILTIN_CHANNELS) {
    if (key === lower || names[key]?.toLocaleLowerCase() === lower) return key;
  }
  return t;
}
