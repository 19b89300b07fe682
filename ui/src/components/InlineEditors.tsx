import { useEffect, useLayoutEffect, useRef, useState } from "react";

/** True while an input method (e.g. a Vietnamese Telex/VNI engine) is composing. */
function composing(e: React.KeyboardEvent): boolean {
  return e.nativeEvent.isComposing || e.keyCode === 229;
}

interface EditorProps {
  initial: string;
  label: string;
  hint?: string;
  /** Called with the trimmed, changed, non-empty text; resolves true when the core accepted it. */
  onCommit(text: string): Promise<boolean>;
  onCancel(): void;
}

/**
 * Shared commit/cancel logic: Enter or blur commits, Escape cancels; empty or
 * unchanged text cancels. While the core works the field is read-only; if the
 * core refuses, the field stays open with the text so nothing typed is lost
 * (Enter retries, Escape gives up).
 */
function useInlineCommit({ initial, onCommit, onCancel }: EditorProps) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const done = useRef(false);
  /** The core refused the last commit: only an explicit Enter retries (not a blur). */
  const refused = useRef(false);

  const cancel = () => {
    if (done.current) return;
    done.current = true;
    onCancel();
  };

  const commit = async (fromBlur = false) => {
    if (done.current || (fromBlur && refused.current)) return;
    const value = text.trim();
    if (value === "" || value === initial.trim()) {
      cancel();
      return;
    }
    done.current = true;
    setBusy(true);
    const ok = await onCommit(value);
    if (!ok) {
      refused.current = true;
      done.current = false;
      setBusy(false);
    }
  };

  return { text, setText, busy, commit, cancel };
}

/** The text no longer fits a textarea that may still grow (below its max-height). */
function grows(el: HTMLTextAreaElement): boolean {
  if (el.scrollHeight <= el.clientHeight) return false;
  const max = parseFloat(getComputedStyle(el).maxHeight);
  return !(el.clientHeight >= max);
}

export function CardEditor(props: EditorProps) {
  const { text, setText, busy, commit, cancel } = useInlineCommit(props);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  // Grow with the text (the card's max height still applies). A textarea is
  // laid out on its own while its size stays put, so typing a character lays
  // out only it; changing its height lays out the whole grid (twice when
  // measured at "auto"), which on a large map took most of a keystroke's
  // frame. So its height changes only when the text no longer fits (grow), or
  // when text was removed (measured at "auto": it may shrink).
  const length = useRef(text.length);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const shorter = text.length < length.current;
    length.current = text.length;
    if (!shorter && el.style.height !== "" && !grows(el)) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  return (
    <div className="card card-editing">
      <textarea
        ref={ref}
        className="card-editor"
        data-testid="card-editor"
        aria-label={props.label}
        title={props.hint}
        rows={2}
        value={text}
        readOnly={busy}
        aria-busy={busy}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (composing(e)) return;
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            void commit();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            cancel();
          }
        }}
        onBlur={() => void commit(true)}
      />
      {props.hint && <div className="card-editor-hint">{props.hint}</div>}
    </div>
  );
}

export function NameInput(props: EditorProps & { testId: string; className?: string }) {
  const { text, setText, busy, commit, cancel } = useInlineCommit(props);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  return (
    <input
      ref={ref}
      className={props.className}
      data-testid={props.testId}
      aria-label={props.label}
      value={text}
      readOnly={busy}
      aria-busy={busy}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (composing(e)) return;
        if (e.key === "Enter") {
          e.preventDefault();
          void commit();
        } else if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          cancel();
        }
      }}
      onBlur={() => void commit(true)}
    />
  );
}
