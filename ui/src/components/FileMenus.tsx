// The toolbar's "New…" (the template gallery) and its project JSON menu
// (import a JSON file as a new project, export the open one as JSON).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { exportJsonFlow, importJsonFlow } from "../flows";
import { ChevronDownIcon } from "./Icons";
import { TemplateGallery } from "./TemplateGallery";

/** "New…": opens the template gallery. */
export function NewButton({
  disabled,
  className = "btn btn-ghost",
  testId = "toolbar-new",
  label,
}: {
  disabled: boolean;
  className?: string;
  testId?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} data-testid={testId} aria-haspopup="dialog" disabled={disabled} onClick={() => setOpen(true)}>
        {label ?? t("gallery.newButton")}
      </button>
      {open && <TemplateGallery onClose={() => setOpen(false)} />}
    </>
  );
}

/** A button with a drop-down menu; Escape or a click elsewhere closes it. */
function useMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    // The first item takes the focus, so the menu works from the keyboard.
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return { open, setOpen, ref };
}

/** Up/Down move between the items of an open menu. */
function onMenuKeys(e: React.KeyboardEvent<HTMLDivElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  e.preventDefault();
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const i = items.indexOf(document.activeElement as HTMLElement);
  const next = e.key === "ArrowDown" ? (i + 1) % items.length : (i - 1 + items.length) % items.length;
  items[next]?.focus();
}

/** "JSON ▾": import a project from JSON (as a new file), export the open one as JSON. */
export function JsonMenu({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const { open, setOpen, ref } = useMenu();
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), 5000);
    return () => clearTimeout(timer);
  }, [done]);

  const run = async (what: "import" | "export") => {
    setOpen(false);
    if (what === "import") await importJsonFlow();
    else setDone(await exportJsonFlow());
  };

  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="toolbar-json"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {t("projectJson.menu")}
        <ChevronDownIcon size={14} />
      </button>
      {open && (
        <div className="menu" role="menu" onKeyDown={onMenuKeys}>
          <button type="button" role="menuitem" data-testid="export-json" onClick={() => void run("export")}>
            {t("projectJson.export")}
          </button>
          <button type="button" role="menuitem" data-testid="import-json" onClick={() => void run("import")}>
            {t("projectJson.import")}
          </button>
        </div>
      )}
      {done && (
        <div className="json-done" role="status" data-testid="export-json-done" title={done}>
          {t("projectJson.exported")}
        </div>
      )}
    </div>
  );
}
