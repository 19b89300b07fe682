// A modal dialog: focus moves into it and back out when it closes, Tab stays
// inside it, Escape closes it, and keys typed in it never reach the canvas's
// shortcuts (Delete must not delete selected cards behind the dialog).
import { useEffect, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[inert]") && el.tabIndex >= 0);
}

export function Modal({
  labelledBy,
  className,
  testId,
  onClose,
  children,
}: {
  labelledBy: string;
  className?: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root) (root.querySelector<HTMLElement>("[data-autofocus]") ?? focusables(root)[0] ?? root).focus();
    // Escape with the focus outside the dialog (on the page body after a click on nothing).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented && !(e.target instanceof Node && ref.current?.contains(e.target))) close.current();
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const undoKey = mod && ["z", "y"].includes(e.key.toLowerCase());
    // Undo and redo still work from the dialog; nothing else reaches the page's shortcuts.
    if (!undoKey) e.stopPropagation();
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      close.current();
    } else if (e.key === "Tab" && ref.current) {
      const list = focusables(ref.current);
      if (!list.length) return;
      const first = list[0];
      const last = list[list.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  // On the body: a dialog opened from the toolbar or the side panel must not be
  // caught in their stacking contexts (under the canvas) or their overflow.
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal${className ? ` ${className}` : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
