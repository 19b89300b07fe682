// A text field edited in place: the map panel's name, goal, scenario and
// persona fields, and the research items.
import { useEffect, useRef, useState } from "react";

/**
 * A text shown as text; click (or Enter) to edit it in place. Enter commits
 * (Shift+Enter adds a line in multi-line fields), Escape cancels, blur commits.
 * Unlike card text it may be emptied.
 */
export function InlineField({
  value,
  label,
  placeholder,
  multiline,
  testId,
  autoEdit,
  onSave,
}: {
  value: string;
  label: string;
  placeholder: string;
  multiline?: boolean;
  testId: string;
  /** Starts in edit mode (a just-added item). */
  autoEdit?: boolean;
  onSave(v: string): Promise<boolean>;
}) {
  const [editing, setEditing] = useState(!!autoEdit);
  const [text, setText] = useState(value);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    if (editing) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [editing]);
  const start = () => {
    setText(value);
    done.current = false;
    setEditing(true);
  };
  const commit = async () => {
    if (done.current) return;
    done.current = true;
    const v = multiline ? text.replace(/\s+$/, "") : text.trim();
    if (v === value) return setEditing(false);
    if (await onSave(v)) setEditing(false);
    else done.current = false;
  };
  if (!editing) {
    return (
      <button
        type="button"
        className={`field-view${value ? "" : " is-empty"}${multiline ? " multiline" : ""}`}
        data-testid={testId}
        aria-label={label}
        onClick={start}
      >
        {value || placeholder}
      </button>
    );
  }
  const common = {
    ref,
    className: "field-input",
    "data-testid": `${testId}-input`,
    "aria-label": label,
    value: text,
    onChange: (e: React.ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => setText(e.target.value),
    onBlur: () => void commit(),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.nativeEvent.isComposing || e.keyCode === 229) return;
      if (e.key === "Enter" && !(multiline && e.shiftKey)) {
        e.preventDefault();
        void commit();
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        done.current = true;
        setEditing(false);
      }
    },
  };
  return multiline ? <textarea rows={4} {...common} /> : <input {...common} />;
}
