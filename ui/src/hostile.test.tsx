// Hostile text in every text field of a project: markup, script, template and
// bidi payloads must show as the literal text they are, and never become
// elements, attributes or running code. The payloads are shared with the
// export test (tests/hostile_text.rs) in tests/fixtures/hostile-text.json.
//
// To cover a new text field, add one line to FIELDS below: how to put a value
// into a project, and where the UI shows it (or `null` if no view shows it yet).
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Project } from "./bindings";
import hostile from "../../tests/fixtures/hostile-text.json";
import type { TestCore } from "./test/testCore";
import { useInsights } from "./insights/insightsStore";
import { makeCard, makeProject } from "./test/projects";
import { freshCore, openApp } from "./test/harness";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

// The core's limits (src-tauri/core/edit.rs, mod limits), in characters.
const NAME = 500;
const TEXT = 20_000;
const CHANNEL = 64;
const AUTHOR = 100;

/** A card in the touchpoints lane (where the channel chip shows). */
const CARD = "hostile-card";

interface Field {
  name: string;
  max: number;
  set(p: Project, v: string): void;
  /** The elements whose text is exactly the field's value, or null if no view shows the field. */
  shown: (() => HTMLElement[]) | null;
}

const byTestId = (id: string) => () => screen.getAllByTestId(id);
const map = (p: Project) => p.maps[0];
const card = (p: Project) => map(p).cards.find((c) => c.id === CARD)!;

/** Every text field of the model, in one place. */
const FIELDS: Field[] = [
  { name: "project title", max: NAME, set: (p, v) => (p.title = v), shown: byTestId("project-title") },
  { name: "map name", max: NAME, set: (p, v) => (map(p).name = v), shown: byTestId("map-name") },
  { name: "map goal", max: TEXT, set: (p, v) => (map(p).goal = v), shown: byTestId("map-goal") },
  { name: "map scenario", max: TEXT, set: (p, v) => (map(p).scenario = v), shown: byTestId("map-scenario") },
  { name: "stage name", max: NAME, set: (p, v) => (map(p).stages[1].name = v), shown: () => [screen.getAllByTestId("stage-name")[1]] },
  { name: "lane name", max: NAME, set: (p, v) => (map(p).lanes[1].name = v), shown: () => [screen.getAllByTestId("lane-name")[1]] },
  { name: "card text", max: TEXT, set: (p, v) => (card(p).text = v), shown: byTestId("card-text") },
  // The canvas does not show a card's note (the PDF/SVG export does).
  { name: "card note", max: TEXT, set: (p, v) => (card(p).note = v), shown: null },
  {
    name: "card channel",
    max: CHANNEL,
    set: (p, v) => (card(p).channel = v),
    shown: () => screen.getAllByTestId("channel-chip").map((chip) => chip.querySelector("span")!),
  },
  { name: "persona name", max: NAME, set: (p, v) => (p.personas[0].name = v), shown: byTestId("persona-name") },
  { name: "persona description", max: TEXT, set: (p, v) => (p.personas[0].description = v), shown: byTestId("persona-description") },
  { name: "persona role", max: NAME, set: (p, v) => (p.personas[0].role = v), shown: byTestId("persona-role") },
  { name: "persona quote", max: TEXT, set: (p, v) => (p.personas[0].quote = v), shown: byTestId("persona-quote") },
  ...(["goals", "needs", "frustrations"] as const).map(
    (k): Field => ({
      name: `persona ${k}`,
      max: TEXT,
      set: (p, v) => (p.personas[0][k] = v),
      shown: () => [screen.getByTestId(`persona-${k}`).querySelector<HTMLElement>(".persona-detail-text")!],
    }),
  ),
  // Research items show in the research panel, closed here (its own tests open it;
  // it renders them through the same React text nodes).
  { name: "research title", max: TEXT, set: (p, v) => (map(p).research[0].title = v), shown: null },
  { name: "research detail", max: TEXT, set: (p, v) => (map(p).research[0].detail = v), shown: null },
  { name: "research insight", max: TEXT, set: (p, v) => (map(p).research[0].insight = v), shown: null },
  // Comments show in their thread pop-over and the Comments panel, closed here
  // (the test below opens the panel).
  { name: "comment body", max: TEXT, set: (p, v) => (map(p).comments[0].body = v), shown: null },
  { name: "comment author", max: AUTHOR, set: (p, v) => (map(p).comments[0].author = v), shown: null },
  { name: "comment resolved by", max: AUTHOR, set: (p, v) => (map(p).comments[1].resolved_by = v), shown: null },
];

/** Cut to `max` characters (code points, as the core counts them). */
const cut = (s: string, max: number) => Array.from(s).slice(0, max).join("");

function longPayload(): string {
  const { unit, length } = hostile.long;
  return cut(unit.repeat(Math.ceil(length / Array.from(unit).length)), length);
}

const PAYLOADS: { name: string; text: string }[] = [...hostile.payloads, { name: hostile.long.name, text: longPayload() }];

/** The template with one touchpoint card and a linked persona; every field set to `value(field)`. */
function projectWith(value: (f: Field) => string): Project {
  const p = makeProject("en");
  p.personas = [{ id: "p1", name: "", description: "", role: "", goals: "", needs: "", frustrations: "", quote: "", photo: "" }];
  map(p).persona_id = "p1";
  map(p).cards = [{ ...makeCard(CARD, "m1-s1", "m1-l0", ""), channel: "x" }];
  map(p).research = [{ id: "r1", kind: "question", title: "", detail: "", insight: "", card_ids: [CARD] }];
  const comment = { on: "card" as const, target_id: CARD, parent_id: null, author: "", body: "", created_at: 0 };
  map(p).comments = [
    { ...comment, id: "k1", resolved_at: null, resolved_by: "" },
    { ...comment, id: "k2", resolved_at: 1, resolved_by: "", author: "a", body: "b" },
  ];
  for (const f of FIELDS) f.set(p, value(f));
  return p;
}

/** Every element of the page, as tag names with their attribute names, counted. */
function structure(): Map<string, number> {
  const out = new Map<string, number>();
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const key = `${el.tagName}[${el.getAttributeNames().sort().join(",")}]`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function assertNothingInjected() {
  expect(window.__pwned).toBeUndefined();
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const handlers = el.getAttributeNames().filter((a) => a.toLowerCase().startsWith("on"));
    expect(handlers, `${el.tagName} has inline handlers`).toEqual([]);
    for (const a of ["href", "src", "action", "formaction", "xlink:href"]) {
      expect(el.getAttribute(a) ?? "", `${el.tagName} ${a}`).not.toMatch(/^\s*javascript:/i);
    }
  }
  expect(document.querySelectorAll("script, iframe, img, object, embed, x, b, a, foreignObject")).toHaveLength(0);
}

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  delete window.__pwned;
});
afterEach(() => {
  delete window.__pwned;
});

describe("hostile text", () => {
  it("lists every text field of the model", () => {
    // A field added to the model without a line in FIELDS fails here: the
    // project built by projectWith() must have no text left at its default.
    const marked = projectWith((f) => `«${f.name}»`);
    const texts: string[] = [];
    const walk = (v: unknown, key: string) => {
      if (typeof v === "string" && !/(^|_)(ids?|color|kind|photo|on)$/.test(key) && key !== "persona_id") texts.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    // Only the touched stage/lane and the one card: the others keep template names.
    // Of the comments, the fields FIELDS sets: the first's words, the second's resolver.
    const [c0, c1] = map(marked).comments;
    const comments = [
      { ...c0, resolved_by: undefined },
      { ...c1, author: undefined, body: undefined },
    ];
    walk({ ...marked, maps: [{ ...map(marked), stages: [map(marked).stages[1]], lanes: [map(marked).lanes[1]], comments }] }, "");
    expect(texts.filter((t) => !/^«.*»$/.test(t))).toEqual([]);
    expect(new Set(texts).size).toBe(FIELDS.length);
  });

  it.each(PAYLOADS.map((p) => [p.name, p.text] as const))("%s shows as literal text in every field", async (_, payload) => {
    // The same page with harmless text: the hostile one must have the same elements and attributes.
    await openApp(
      core,
      projectWith(() => "x"),
      "/tmp/safe.journey",
    );
    const baseline = structure();
    cleanup();

    core = await freshCore();
    const p = projectWith((f) => cut(payload, f.max));
    await openApp(core, p, "/tmp/hostile.journey");
    for (const f of FIELDS) {
      if (!f.shown) continue;
      const els = f.shown();
      expect(els.length, f.name).toBeGreaterThan(0);
      for (const el of els) expect(el.textContent, f.name).toBe(cut(payload, f.max));
    }
    // The window title, with the white space collapsed as document.title does.
    const title = cut(payload, NAME)
      .replace(/[\t\n\f\r ]+/g, " ")
      .trim();
    expect(document.title).toBe(`${title} — Journey Studio`);
    assertNothingInjected();
    expect(structure()).toEqual(baseline);
  });

  it.each(PAYLOADS.map((p) => [p.name, p.text] as const))("%s shows as literal text in the Comments panel", async (_, payload) => {
    const p = projectWith((f) => cut(payload, f.max));
    useInsights.getState().open(null);
    await openApp(core, p, "/tmp/hostile.journey");
    fireEvent.click(screen.getByTestId("toggle-comments"));
    const panel = await screen.findByTestId("comments-panel");
    expect(within(panel).getByTestId("comment-body").textContent).toBe(cut(payload, TEXT));
    expect(within(panel).getByTestId("comment-by").textContent).toBe(cut(payload, AUTHOR));
    fireEvent.click(within(panel).getByTestId("comments-filter-resolved"));
    expect(within(panel).getByTestId("comment-resolved").textContent).toContain(cut(payload, AUTHOR));
    assertNothingInjected();
  });

  it("text typed into the panel's fields is sent and shown as typed", async () => {
    await openApp(
      core,
      projectWith(() => "x"),
    );
    const fields = ["map-name", "map-goal", "map-scenario", "persona-name", "persona-description"];
    for (const [i, id] of fields.entries()) {
      const payload = hostile.payloads[i % hostile.payloads.length].text.trim();
      fireEvent.click(screen.getByTestId(id));
      const input = screen.getByTestId(`${id}-input`);
      // What typing or pasting fires: "input" (the field is set in one go, as a paste does).
      fireEvent.input(input, { target: { value: payload } });
      fireEvent.keyDown(input, { key: "Enter" });
      expect(await screen.findByTestId(id)).toHaveTextContent(payload, { normalizeWhitespace: false });
      expect(JSON.stringify(core.edits().at(-1))).toContain(JSON.stringify(payload));
    }
    assertNothingInjected();
    // The persona's initial is a character of its name, not markup.
    expect(within(screen.getByTestId("persona-card")).queryAllByRole("img")).toHaveLength(0);
  });
});
