import { memo, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useCanvas } from "../canvas/canvasStore";
import { CloseIcon } from "./Icons";

/** Shortcut groups: [i18n key of the action, keys]. */
export const SHORTCUTS: { group: string; items: [string, string[]][] }[] = [
  {
    group: "cards",
    items: [
      ["add", ["N"]],
      ["edit", ["Enter"]],
      ["newline", ["Shift", "Enter"]],
      ["cancel", ["Esc"]],
      ["delete", ["Delete"]],
      ["duplicate", ["Ctrl", "D"]],
      ["copy", ["Ctrl", "C"]],
      ["cut", ["Ctrl", "X"]],
      ["paste", ["Ctrl", "V"]],
    ],
  },
  {
    group: "select",
    items: [
      ["toggle", ["Shift / Ctrl", "Click"]],
      ["box", ["Drag on empty space"]],
      ["all", ["Ctrl", "A"]],
      ["clear", ["Esc"]],
      ["move", ["Drag a card"]],
      ["cancelDrag", ["Esc"]],
    ],
  },
  {
    group: "view",
    items: [
      ["zoom", ["Ctrl", "Wheel"]],
      ["zoomInOut", ["Ctrl", "+ / −"]],
      ["reset", ["Ctrl", "0"]],
      ["fit", ["Shift", "1"]],
      ["pan", ["Space", "Drag"]],
    ],
  },
  {
    group: "undo",
    items: [
      ["undo", ["Ctrl", "Z"]],
      ["redo", ["Ctrl", "Shift", "Z"]],
      ["redoAlt", ["Ctrl", "Y"]],
      ["help", ["?"]],
    ],
  },
  {
    group: "present",
    items: [
      ["next", ["→ / Space"]],
      ["previous", ["←"]],
      ["map", ["M"]],
      ["funnel", ["F"]],
      ["persona", ["P"]],
      ["leave", ["Esc"]],
    ],
  },
];

/** The keyboard shortcuts; it has no props, so an edit never draws it again. */
export const HelpPanel = memo(function HelpPanel() {
  const { t } = useTranslation();
  const open = useCanvas((s) => s.help);
  const toggle = useCanvas((s) => s.toggle);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        toggle("help", false);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open, toggle]);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onPointerDown={(e) => e.target === e.currentTarget && toggle("help", false)}>
      <div className="modal help-panel" role="dialog" aria-modal="true" aria-label={t("help.title")} data-testid="help-panel">
        <div className="modal-head">
          <h2>{t("help.title")}</h2>
          <button
            ref={closeRef}
            type="button"
            className="icon-btn"
            aria-label={t("help.close")}
            data-testid="close-help"
            onClick={() => toggle("help", false)}
          >
            <CloseIcon size={16} />
          </button>
        </div>
        <div className="help-groups">
          {SHORTCUTS.map((g) => (
            <section key={g.group}>
              <h3>{t(`help.group.${g.group}`)}</h3>
              <dl>
                {g.items.map(([action, keys]) => (
                  <div key={action} className="help-row" data-testid="shortcut">
                    <dt>{t(`help.${g.group}.${action}`)}</dt>
                    <dd>
                      {keys.map((k) => (
                        <kbd key={k}>{t(`help.key.${k}`, { defaultValue: k })}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
});
