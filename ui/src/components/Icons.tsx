// Small stroke icons (24×24 viewBox, currentColor; stroke style in styles.css .icon).
// Each is one <path> (circles and rounded rects as arcs: circle, roundRect): hundreds are
// drawn on a large map, and every element costs style, layout and paint.
import type { LaneKind } from "../bindings";

type P = { size?: number };

/** A circle as path data (icons are one path each). */
export function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
}

/** A rectangle with rounded corners (radius `r`) as path data. */
export function roundRect(x: number, y: number, w: number, h: number, r: number): string {
  const iw = w - 2 * r;
  const ih = h - 2 * r;
  return `M${x + r} ${y}h${iw}a${r} ${r} 0 0 1 ${r} ${r}v${ih}a${r} ${r} 0 0 1 ${-r} ${r}h${-iw}a${r} ${r} 0 0 1 ${-r} ${-r}v${-ih}a${r} ${r} 0 0 1 ${r} ${-r}Z`;
}

/**
 * The frame of every icon. Its stroke style comes from the .icon rule in
 * styles.css rather than five attributes on each of the hundreds of icons a
 * large map draws.
 */
export function Svg({ size = 16, children }: P & { children: React.ReactNode }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      {children}
    </svg>
  );
}

export const UndoIcon = (p: P) => (
  <Svg {...p}>
    <path d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" />
  </Svg>
);
export const RedoIcon = (p: P) => (
  <Svg {...p}>
    <path d="M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3" />
  </Svg>
);
export const PlusIcon = (p: P) => (
  <Svg {...p}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);
export const CloseIcon = (p: P) => (
  <Svg {...p}>
    <path d="M18 6 6 18M6 6l12 12" />
  </Svg>
);
export const PencilIcon = (p: P) => (
  <Svg {...p}>
    <path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
  </Svg>
);
export const TrashIcon = (p: P) => (
  <Svg {...p}>
    <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6" />
  </Svg>
);
export const FileIcon = (p: P) => (
  <Svg {...p}>
    <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9ZM14 3v6h6" />
  </Svg>
);
export const FolderIcon = (p: P) => (
  <Svg {...p}>
    <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2Z" />
  </Svg>
);
export const AlertIcon = (p: P) => (
  <Svg {...p}>
    <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0ZM12 9v4M12 17h.01" />
  </Svg>
);
export const CheckIcon = (p: P) => (
  <Svg {...p}>
    <path d="m5 12 5 5L20 7" />
  </Svg>
);
export const ChevronDownIcon = (p: P) => (
  <Svg {...p}>
    <path d="m6 9 6 6 6-6" />
  </Svg>
);

export function LaneKindIcon({ kind, size = 14 }: P & { kind: LaneKind }) {
  switch (kind) {
    case "touchpoints":
      return (
        <Svg size={size}>
          <path d={`${circle(12, 12, 9)}${circle(12, 12, 4)}`} />
        </Svg>
      );
    case "actions":
      return (
        <Svg size={size}>
          <path d="M13 2 4 14h7l-1 8 9-12h-7Z" />
        </Svg>
      );
    case "thoughts":
      return (
        <Svg size={size}>
          <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z" />
        </Svg>
      );
    case "emotions":
      return (
        <Svg size={size}>
          <path d={`${circle(12, 12, 9)}M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01`} />
        </Svg>
      );
    case "pain_points":
      return <AlertIcon size={size} />;
    case "opportunities":
      return (
        <Svg size={size}>
          <path d="M9 18h6M10 22h4M12 2a7 7 0 0 0-4 12.7V16h8v-1.3A7 7 0 0 0 12 2Z" />
        </Svg>
      );
    case "metrics":
      return (
        <Svg size={size}>
          <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
        </Svg>
      );
    case "evidence":
      return (
        <Svg size={size}>
          <path d="M6 2h9l5 5v15H6ZM14 2v6h6M9 13h8M9 17h5" />
        </Svg>
      );
    case "frontstage":
      return (
        <Svg size={size}>
          <path d={`${circle(12, 7, 4)}M4 21v-1a8 8 0 0 1 16 0v1`} />
        </Svg>
      );
    case "backstage":
      return (
        <Svg size={size}>
          <path d={`${circle(12, 7, 4)}M4 21v-1a8 8 0 0 1 16 0v1M2 2l20 20`} />
        </Svg>
      );
    case "images":
      return (
        <Svg size={size}>
          <path d="M3 4h18v16H3ZM3 16l5-5 4 4 3-3 6 6M15.5 8.5h.01" />
        </Svg>
      );
    case "support":
      return (
        <Svg size={size}>
          <path d="M4 4h16v6H4ZM4 14h16v6H4ZM8 7h.01M8 17h.01" />
        </Svg>
      );
    default: // "text" and any kind this build does not know
      return (
        <Svg size={size}>
          <path d="M4 6h16M4 12h16M4 18h10" />
        </Svg>
      );
  }
}

export const GripIcon = (p: P) => (
  <Svg {...p}>
    <path d="M9 5h.01M9 12h.01M9 19h.01M15 5h.01M15 12h.01M15 19h.01" />
  </Svg>
);
export const ZoomInIcon = (p: P) => (
  <Svg {...p}>
    <path d={`${circle(11, 11, 7)}M20 20l-3.5-3.5M11 8v6M8 11h6`} />
  </Svg>
);
export const ZoomOutIcon = (p: P) => (
  <Svg {...p}>
    <path d={`${circle(11, 11, 7)}M20 20l-3.5-3.5M8 11h6`} />
  </Svg>
);
export const FitIcon = (p: P) => (
  <Svg {...p}>
    <path d="M4 9V5a1 1 0 0 1 1-1h4M15 4h4a1 1 0 0 1 1 1v4M20 15v4a1 1 0 0 1-1 1h-4M9 20H5a1 1 0 0 1-1-1v-4" />
  </Svg>
);
export const MapIcon = (p: P) => (
  <Svg {...p}>
    <path d="M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2ZM9 4v14M15 6v14" />
  </Svg>
);
export const HelpIcon = (p: P) => (
  <Svg {...p}>
    <path d={`${circle(12, 12, 9)}M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01`} />
  </Svg>
);
export const PanelIcon = (p: P) => (
  <Svg {...p}>
    <path d={`${roundRect(3, 4, 18, 16, 2)}M15 4v16`} />
  </Svg>
);
export const UserIcon = (p: P) => (
  <Svg {...p}>
    <path d={`${circle(12, 8, 4)}M4 21a8 8 0 0 1 16 0`} />
  </Svg>
);
export const CopyIcon = (p: P) => (
  <Svg {...p}>
    <path d={`${roundRect(9, 9, 12, 12, 2)}M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1`} />
  </Svg>
);

/** Outlines of the built-in channels' icons (one path each), by channel id. */
const CHANNEL_PATHS: Record<string, string> = {
  ads: "M3 11v3a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1ZM15 9a4 4 0 0 1 0 6M18 6a8 8 0 0 1 0 12",
  social: `${circle(6, 12, 2.5)}${circle(18, 6, 2.5)}${circle(18, 18, 2.5)}M8.2 10.8l7.6-3.6M8.2 13.2l7.6 3.6`,
  search: `${circle(11, 11, 7)}M20 20l-3.5-3.5`,
  website: `${circle(12, 12, 9)}M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18`,
  landing_page: `${roundRect(3, 4, 18, 16, 2)}M3 9h18M8 14h8M10 17h4`,
  email: `${roundRect(3, 5, 18, 14, 2)}M3 7l9 6 9-6`,
  phone: "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2",
  sms: "M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2ZM8 10h.01M12 10h.01M16 10h.01",
  store: "M4 10v10h16V10M3 4h18l-1 6H4ZM9 20v-6h6v6",
  event: `${roundRect(3, 5, 18, 16, 2)}M3 10h18M8 3v4M16 3v4`,
  app: `${roundRect(6, 2, 12, 20, 2)}M11 18h2`,
  chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12ZM8 12h.01M12 12h.01M16 12h.01",
  delivery: "M3 6h11v10H3ZM14 10h4l3 3v3h-7M7.5 19a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM17.5 19a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z",
  review: "m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9Z",
  word_of_mouth: `${circle(9, 8, 3.5)}M3 20a6 6 0 0 1 12 0M16 7a3 3 0 0 1 0 6M18 20a6 6 0 0 0-2-4.5`,
};
/** A custom channel's icon: a tag. */
const TAG_PATH = "M20.6 13.4 13.4 20.6a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8ZM7.5 7.5h.01";

/** Icon of a touchpoint channel; custom channels get a generic tag. */
export function ChannelIcon({ channel, size = 14 }: P & { channel: string }) {
  return (
    <Svg size={size}>
      <path d={Object.hasOwn(CHANNEL_PATHS, channel) ? CHANNEL_PATHS[channel] : TAG_PATH} />
    </Svg>
  );
}

/** Mouth curve of a face for an emotion score (−2..2): control point below (smile) or above (frown). */
export function facePaths(score: number): { mouth: string; brows: string } {
  const bend = score * 2.2;
  const mouth = `M8 ${15 - Math.max(0, -score) * 0.4} Q12 ${15 + bend} 16 ${15 - Math.max(0, -score) * 0.4}`;
  const brows = score <= -2 ? "M7.5 8.5l2.5 1M16.5 8.5l-2.5 1" : "";
  return { mouth, brows };
}

/** A drawn face for an emotion score (no emoji font needed). */
export function FaceIcon({ score, size = 16 }: P & { score: number }) {
  const { mouth, brows } = facePaths(score);
  return (
    <Svg size={size}>
      <path d={`${circle(12, 12, 9)}${mouth}${brows}`} />
      <path d="M9 10.5h.01M15 10.5h.01" strokeWidth={2.6} />
    </Svg>
  );
}
