// Review comments: the badge on commented cards and stage headers, the thread
// pop-over (comment, reply, resolve, reopen, edit, delete) and the panel that
// lists a map's open or resolved threads. Comments are records of the
// document: every change is an edit (edits.ts) and the core gives them their
// time; the author's name is this user's preference (author.ts).
import { createContext, useContext, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { create } from "zustand";
import { newId } from "../api";
import { AUTHOR_MAX, useAuthor } from "../author";
import type { Comment, CommentOn, Map } from "../bindings";
import { edits } from "../edits";
import { revealCards } from "../insights/reveal";
import { useStore } from "../store";
import { Popover } from "./Popover";
import "./comments.css";

/** The thread pop-over shown now: what it is about, and where it is anchored. */
export interface OpenThread {
  on: CommentOn;
  targetId: string;
  anchor: HTMLElement;
}

export const useThread = create<{ open: OpenThread | null; show(open: OpenThread | null): void }>()((set) => ({
  open: null,
  show: (open) => set({ open }),
}));

/** A thread: its first comment and its replies, oldest first. */
export interface Thread {
  root: Comment;
  replies: Comment[];
}

/** The map's threads, in the order of their first comments (oldest first). */
export function threadsOf(comments: Comment[]): Thread[] {
  const byRoot = new globalThis.Map<string, Thread>();
  for (const c of comments) if (c.parent_id === null) byRoot.set(c.id, { root: c, replies: [] });
  for (const c of comments) if (c.parent_id !== null) byRoot.get(c.parent_id)?.replies.push(c);
  return [...byRoot.values()];
}

/** Comments of open threads, by the card or stage they are about: the badges' numbers. */
export function openCounts(comments: Comment[]): ReadonlyMap<string, number> {
  const counts = new globalThis.Map<string, number>();
  for (const { root, replies } of threadsOf(comments)) {
    if (root.resolved_at === null) counts.set(root.target_id, (counts.get(root.target_id) ?? 0) + 1 + replies.length);
  }
  return counts;
}

/** Open-comment counts of the shown map, for the cells and stage headers. */
export const CommentCounts = createContext<ReadonlyMap<string, number>>(new globalThis.Map());

export function useCommentCount(targetId: string): number {
  return useContext(CommentCounts).get(targetId) ?? 0;
}

function formatDate(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(ms);
}

/** The number of open comments on a card or stage; opens its thread. */
/**
 * The hover button that opens the thread of a card or stage (an icon drawn by
 * CSS, .mask-icon: no SVG in each of a large map's cards and headers); `label`
 * is translated once by the grid, not per card.
 */
export function CommentButton({ on, targetId, label }: { on: CommentOn; targetId: string; label: string }) {
  return (
    <button
      type="button"
      className="icon-btn hover-reveal mask-icon mask-comment"
      data-testid={`comment-${on}`}
      aria-label={label}
      title={label}
      onClick={(e) => useThread.getState().show({ on, targetId, anchor: e.currentTarget })}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  );
}

export function CommentBadge({ on, targetId, count }: { on: CommentOn; targetId: string; count: number }) {
  const { t } = useTranslation();
  const show = useThread((s) => s.show);
  if (count === 0) return null;
  const label = t("comments.badge", { count });
  return (
    <button
      type="button"
      className="comment-badge"
      data-testid="comment-badge"
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        show({ on, targetId, anchor: e.currentTarget });
      }}
      onDoubleClick={(e) => e.stopPropagation()}
      onPointerDown={(e) => e.stopPropagation()}
    >
      {count}
    </button>
  );
}

/** The name field of the author preference (asked before a first comment). */
function AuthorField({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  const name = useAuthor((s) => s.name);
  const setName = useAuthor((s) => s.setName);
  const [draft, setDraft] = useState(name);
  return (
    <label className="comment-author-field">
      <span className="panel-label">{t("comments.yourName")}</span>
      <input
        className="comment-name-input"
        data-testid="comment-author"
        value={draft}
        maxLength={AUTHOR_MAX}
        // biome-ignore lint/a11y/noAutofocus: asked right when the user starts a first comment
        autoFocus={autoFocus}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => setName(draft)}
        onKeyDown={(e) => {
          if (e.key === "Enter") setName(draft);
        }}
      />
      <span className="comment-hint">{t("comments.yourNameHint")}</span>
    </label>
  );
}

/** A text box and its button; Ctrl+Enter sends. Asks the author's name first when unset. */
function Composer({
  placeholder,
  submit,
  onSubmit,
  onCancel,
  initial = "",
  testId,
}: {
  placeholder: string;
  submit: string;
  onSubmit(body: string, author: string): Promise<boolean>;
  onCancel?(): void;
  initial?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const author = useAuthor((s) => s.name);
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!body.trim() || !author || busy) return;
    setBusy(true);
    const ok = await onSubmit(body.trim(), author);
    setBusy(false);
    if (ok) setBody("");
  };
  return (
    <div className="comment-composer" data-testid={testId}>
      {!author && (
        <>
          <p className="comment-ask">{t("comments.askName")}</p>
          <AuthorField autoFocus />
        </>
      )}
      <textarea
        className="comment-input"
        data-testid={`${testId}-text`}
        placeholder={placeholder}
        aria-label={placeholder}
        value={body}
        rows={2}
        onChange={(e) => setBody(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          } else if (e.key === "Escape" && onCancel) {
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <div className="comment-composer-actions">
        {onCancel && (
          <button type="button" className="btn btn-small btn-ghost" data-testid={`${testId}-cancel`} onClick={onCancel}>
            {t("comments.cancel")}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid={`${testId}-send`}
          disabled={!body.trim() || !author || busy}
          onClick={() => void send()}
        >
          {submit}
        </button>
      </div>
    </div>
  );
}

function CommentItem({ comment, first }: { comment: Comment; first: boolean }) {
  const { t, i18n } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const author = useAuthor((s) => s.name);
  const [editing, setEditing] = useState(false);
  const own = author !== "" && comment.author === author;
  return (
    <div className="comment" data-testid="comment" data-comment-id={comment.id}>
      <div className="comment-head">
        <span className="comment-by" data-testid="comment-by">
          {comment.author}
        </span>
        <time className="comment-date" dateTime={new Date(comment.created_at).toISOString()}>
          {formatDate(comment.created_at, i18n.language)}
        </time>
      </div>
      {editing ? (
        <Composer
          testId="comment-edit"
          initial={comment.body}
          placeholder={t("comments.newPlaceholder")}
          submit={t("comments.save")}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const ok = await dispatch(edits.editComment(comment.id, body));
            if (ok) setEditing(false);
            return ok;
          }}
        />
      ) : (
        <div className="comment-body" data-testid="comment-body">
          {comment.body}
        </div>
      )}
      {!editing && (
        <div className="comment-actions">
          {own && (
            <button type="button" className="link-btn" data-testid="comment-edit-open" onClick={() => setEditing(true)}>
              {t("comments.edit")}
            </button>
          )}
          <button
            type="button"
            className="link-btn danger"
            data-testid="comment-delete"
            title={first ? t("comments.deleteThread") : undefined}
            onClick={() => void dispatch(edits.deleteComment(comment.id))}
          >
            {t("comments.delete")}
          </button>
        </div>
      )}
    </div>
  );
}

/** A thread with its replies, reply box and resolve / reopen. */
export function ThreadView({ thread }: { thread: Thread }) {
  const { t, i18n } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const author = useAuthor((s) => s.name);
  const [replying, setReplying] = useState(false);
  const { root, replies } = thread;
  const resolved = root.resolved_at !== null;
  return (
    <div
      className={`comment-thread${resolved ? " is-resolved" : ""}`}
      data-testid="comment-thread"
      data-comment-id={root.id}
      data-resolved={resolved}
    >
      <CommentItem comment={root} first />
      {replies.length > 0 && (
        <div className="comment-replies">
          {replies.map((r) => (
            <CommentItem key={r.id} comment={r} first={false} />
          ))}
        </div>
      )}
      {resolved && root.resolved_at !== null && (
        <div className="comment-resolved" data-testid="comment-resolved">
          {t("comments.resolvedBy", { name: root.resolved_by, date: formatDate(root.resolved_at, i18n.language) })}
        </div>
      )}
      {replying ? (
        <Composer
          testId="comment-reply"
          placeholder={t("comments.replyPlaceholder")}
          submit={t("comments.reply")}
          onCancel={() => setReplying(false)}
          onSubmit={async (body, by) => {
            const ok = await dispatch(edits.postComment(newId(), root.on, root.target_id, root.id, by, body));
            if (ok) setReplying(false);
            return ok;
          }}
        />
      ) : (
        <div className="comment-thread-actions">
          {!resolved && (
            <button type="button" className="btn btn-small" data-testid="comment-reply-open" onClick={() => setReplying(true)}>
              {t("comments.reply")}
            </button>
          )}
          {resolved ? (
            <button type="button" className="btn btn-small" data-testid="comment-reopen" onClick={() => void dispatch(edits.reopenThread(root.id))}>
              {t("comments.reopen")}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small"
              data-testid="comment-resolve"
              // Resolving signs the thread: ask for the name first, as for a comment.
              onClick={() => (author ? void dispatch(edits.resolveThread(root.id, author)) : setReplying(true))}
            >
              {t("comments.resolve")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** What a comment is about, in words: a stage's name, or a card's text. */
function targetName(map: Map, on: CommentOn, targetId: string, untitled: string): string {
  if (on === "stage") return map.stages.find((s) => s.id === targetId)?.name || untitled;
  return map.cards.find((c) => c.id === targetId)?.text || untitled;
}

/** The threads on one card or stage, and a box for a new one: shown from its badge or its comment button. */
export function ThreadPopover({ map }: { map: Map }) {
  const { t } = useTranslation();
  const open = useThread((s) => s.open);
  const show = useThread((s) => s.show);
  const dispatch = useStore((s) => s.dispatch);
  const threads = useMemo(
    () => (open ? threadsOf(map.comments).filter((th) => th.root.on === open.on && th.root.target_id === open.targetId) : []),
    [map.comments, open],
  );
  if (!open) return null;
  const exists = open.on === "stage" ? map.stages.some((s) => s.id === open.targetId) : map.cards.some((c) => c.id === open.targetId);
  if (!exists) return null;
  const name = targetName(map, open.on, open.targetId, t("comments.untitled"));
  // Open threads first, each group oldest first.
  const sorted = [...threads.filter((th) => th.root.resolved_at === null), ...threads.filter((th) => th.root.resolved_at !== null)];
  return (
    <Popover anchor={open.anchor} onClose={() => show(null)} label={t("comments.thread", { name })} testId="comment-popover">
      <div className="comment-popover">
        <div className="popover-title comment-popover-title">{t("comments.thread", { name })}</div>
        {sorted.length === 0 && <p className="comment-none">{t("comments.none")}</p>}
        {sorted.map((th) => (
          <ThreadView key={th.root.id} thread={th} />
        ))}
        <Composer
          testId="comment-new"
          placeholder={t("comments.newPlaceholder")}
          submit={t("comments.post")}
          onSubmit={(body, author) => dispatch(edits.postComment(newId(), open.on, open.targetId, null, author, body))}
        />
      </div>
    </Popover>
  );
}

/** Scrolls to a stage's header and puts the focus on it. */
function revealStage(stageId: string) {
  const el = document.querySelector<HTMLElement>(`[data-testid="grid"] [data-stage-id="${stageId.replace(/["\\]/g, "\\$&")}"].stage-header`);
  el?.scrollIntoView?.({ block: "nearest", inline: "center", behavior: "smooth" });
  el?.focus({ preventScroll: true });
}

/** The panel of a map's review comments: open or resolved threads, by stage. */
export function CommentsPanel({ map }: { map: Map }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<"open" | "resolved">("open");
  const threads = useMemo(() => threadsOf(map.comments), [map.comments]);
  const shown = threads.filter((th) => (th.root.resolved_at === null) === (filter === "open"));
  const stageOf = (th: Thread) => (th.root.on === "stage" ? th.root.target_id : map.cards.find((c) => c.id === th.root.target_id)?.stage_id);
  const groups = map.stages.map((stage) => ({ stage, threads: shown.filter((th) => stageOf(th) === stage.id) })).filter((g) => g.threads.length > 0);
  const where = (th: Thread) => {
    if (th.root.on === "stage") return t("comments.onStage", { name: targetName(map, "stage", th.root.target_id, t("comments.untitled")) });
    return targetName(map, "card", th.root.target_id, t("comments.untitled"));
  };
  const laneOf = (th: Thread) => {
    const card = map.cards.find((c) => c.id === th.root.target_id);
    return card ? map.lanes.find((l) => l.id === card.lane_id)?.name : undefined;
  };
  return (
    <div className="comments-panel" data-testid="comments-panel">
      <AuthorField />
      <fieldset className="segmented comments-filter" aria-label={t("comments.filter")}>
        {(["open", "resolved"] as const).map((f) => (
          <button key={f} type="button" data-testid={`comments-filter-${f}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`comments.${f}`)} ({threads.filter((th) => (th.root.resolved_at === null) === (f === "open")).length})
          </button>
        ))}
      </fieldset>
      {groups.length === 0 && <p className="comment-none">{t(filter === "open" ? "comments.noneOpen" : "comments.noneResolved")}</p>}
      {groups.map(({ stage, threads }) => (
        <section key={stage.id} className="comments-group" data-testid="comments-group">
          <h3 className="panel-label">{stage.name}</h3>
          {threads.map((th) => (
            <div key={th.root.id} className="comments-entry">
              <button
                type="button"
                className="comment-target"
                data-testid="comment-target"
                title={t("comments.show")}
                onClick={() => (th.root.on === "card" ? revealCards([th.root.target_id]) : revealStage(th.root.target_id))}
              >
                <span className="comment-target-name">{where(th)}</span>
                {th.root.on === "card" && <span className="comment-target-lane">{laneOf(th)}</span>}
              </button>
              <ThreadView thread={th} />
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
