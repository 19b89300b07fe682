// Generated from the Rust types in src-tauri/core/ by src-tauri/core/bindings.rs. Do not edit:
// change the Rust type, then run `UPDATE_BINDINGS=1 cargo test --lib bindings`.

export type Project = { title: string, maps: Array<Map>, personas: Array<Persona>, };

export type Map = { id: string, name: string, goal: string, scenario: string, persona_id: string | null, 
/**
 * Columns, left to right.
 */
stages: Array<Stage>, 
/**
 * Rows, top to bottom.
 */
lanes: Array<Lane>, 
/**
 * Every card of the map. Within one (stage, lane) cell, cards are listed in
 * their order in that cell; see [`Map::cell`].
 */
cards: Array<Card>, 
/**
 * The research behind the map: its goals, survey questions with their
 * answers and insights, and the resources to act with; each can point at cards.
 */
research: Array<ResearchItem>, 
/**
 * Review comments on the map's cards and stages, oldest first (by
 * `created_at`, then id): threads' first comments and their replies.
 */
comments: Array<Comment>, };

export type Stage = { id: string, name: string, 
/**
 * CSS hex colour (`#rrggbb`) or empty for the default.
 */
color: string, };

export type Lane = { id: string, name: string, kind: LaneKind, 
/**
 * CSS hex colour (`#rrggbb`) or empty for the kind's default.
 */
color: string, };

export type LaneKind = "touchpoints" | "actions" | "thoughts" | "emotions" | "pain_points" | "opportunities" | "metrics" | "text" | "frontstage" | "backstage" | "support" | "evidence" | "images";

export type Card = { id: string, stage_id: string, lane_id: string, text: string, note: string, 
/**
 * CSS hex colour (`#rrggbb`) or empty for the lane's default.
 */
color: string, 
/**
 * Channel of a touchpoint card (`website`, `email`, `store`…); empty elsewhere.
 */
channel: string, 
/**
 * How the customer feels at this point, on a card of an emotions lane:
 * [`EMOTION_MIN`] (very negative) to [`EMOTION_MAX`] (very positive). The
 * emotion curve goes through one point per scored card.
 */
emotion: number | null, 
/**
 * Conversion rate of a touchpoint: the percentage (0–100) of the people
 * who reach it that go on to the next step.
 */
conversion: number | null, 
/**
 * How many people reach this touchpoint (for absolute funnel figures).
 */
volume: number | null, 
/**
 * Whose feeling an emotion card scores: one of the project's personas, or
 * none for the map's persona (the shared curve). The emotions lane draws
 * one curve per persona through its scored cards. Left out of JSON when
 * none, so files without it read as before.
 */
persona_id?: string, 
/**
 * The card's picture (a screenshot of the ad, the landing page, a store
 * photo): the id of an image kept in the project file (`card_image.rs`), whose
 * bytes travel apart from the card. Left out of JSON when none.
 */
image_id?: string, };

export type Persona = { id: string, name: string, 
/**
 * Free description (demographics, background).
 */
description: string, 
/**
 * Role or demographics in one line ("Office worker, 28, Hà Nội").
 */
role: string, goals: string, needs: string, frustrations: string, 
/**
 * Something this persona would say, in their words.
 */
quote: string, 
/**
 * The persona's picture, kept inside the project file as a `data:` URL
 * (`data:image/png;base64,…` or `image/jpeg`); empty for none.
 */
photo: string, };

export type ResearchItem = { id: string, kind: ResearchKind, 
/**
 * The goal, the question, or the resource's name.
 */
title: string, 
/**
 * Answers to a question; details of a goal or resource.
 */
detail: string, 
/**
 * What was learnt (mostly for questions).
 */
insight: string, 
/**
 * Cards of the same map this item is about, in the order they were linked.
 */
card_ids: Array<string>, };

export type ResearchKind = "goal" | "question" | "resource";

export type Snapshot = { id: string, name: string, note: string, 
/**
 * When it was taken, in milliseconds since 1970 (UTC).
 */
taken_at: number, 
/**
 * The map as it was (its `id` is the map it belongs to).
 */
map: Map, };

export type SnapshotInfo = { id: string, map_id: string, name: string, note: string, taken_at: number, 
/**
 * Number of cards in the snapshot.
 */
cards: number, 
/**
 * Overall conversion of the snapshot's funnel, if it had one.
 */
overall_conversion: number | null, };

export type Comment = { id: string, on: CommentOn, 
/**
 * The card or stage (of the same map) it is about; a reply's is its thread's.
 */
target_id: string, 
/**
 * The first comment of the thread this one replies to.
 */
parent_id: string | null, 
/**
 * Who wrote it, as their preferences name them (not an account).
 */
author: string, body: string, 
/**
 * When it was written, in milliseconds since 1970 (UTC), by the core's clock.
 */
created_at: number, 
/**
 * When the thread was resolved (first comments only); none while open.
 */
resolved_at: number | null, 
/**
 * Who resolved it; empty while open.
 */
resolved_by: string, };

export type CommentOn = "card" | "stage";

export type DocumentView = { 
/**
 * Absolute path of the project file.
 */
path: string, project: Project, 
/**
 * Snapshots of every map, oldest first.
 */
snapshots: Array<SnapshotInfo>, 
/**
 * Number of edits applied to this file so far; grows with every acknowledged edit.
 */
revision: number, can_undo: boolean, can_redo: boolean, };

export type DocumentChange = { 
/**
 * The revision this change applies to. A view at any other revision must
 * not merge it: it reloads the whole document instead.
 */
from_revision: number, 
/**
 * The revision after the change.
 */
revision: number, can_undo: boolean, can_redo: boolean, 
/**
 * The project's new title, when it changed.
 */
title: string | null, maps: Records<MapRecord>, personas: Records<PersonaRecord>, stages: Records<StageRecord>, lanes: Records<LaneRecord>, cards: Records<CardRecord>, research: Records<ResearchRecord>, snapshots: Records<SnapshotRecord>, comments: Records<CommentRecord>, };

export type Records<T> = { added: Array<T>, updated: Array<T>, removed: Array<string>, };

export type MapRecord = { id: string, 
/**
 * Place among the project's maps (0 = first).
 */
position: number, name: string, goal: string, scenario: string, persona_id: string | null, };

export type StageRecord = { map_id: string, 
/**
 * Place among the map's stages (0 = leftmost).
 */
position: number, id: string, name: string, 
/**
 * CSS hex colour (`#rrggbb`) or empty for the default.
 */
color: string, };

export type LaneRecord = { map_id: string, 
/**
 * Place among the map's lanes (0 = top).
 */
position: number, id: string, name: string, kind: LaneKind, 
/**
 * CSS hex colour (`#rrggbb`) or empty for the kind's default.
 */
color: string, };

export type CardRecord = { map_id: string, 
/**
 * Place within its cell (`stage_id` × `lane_id`, 0 = top).
 */
position: number, id: string, stage_id: string, lane_id: string, text: string, note: string, 
/**
 * CSS hex colour (`#rrggbb`) or empty for the lane's default.
 */
color: string, 
/**
 * Channel of a touchpoint card (`website`, `email`, `store`…); empty elsewhere.
 */
channel: string, 
/**
 * How the customer feels at this point, on a card of an emotions lane:
 * [`EMOTION_MIN`] (very negative) to [`EMOTION_MAX`] (very positive). The
 * emotion curve goes through one point per scored card.
 */
emotion: number | null, 
/**
 * Conversion rate of a touchpoint: the percentage (0–100) of the people
 * who reach it that go on to the next step.
 */
conversion: number | null, 
/**
 * How many people reach this touchpoint (for absolute funnel figures).
 */
volume: number | null, 
/**
 * Whose feeling an emotion card scores: one of the project's personas, or
 * none for the map's persona (the shared curve). The emotions lane draws
 * one curve per persona through its scored cards. Left out of JSON when
 * none, so files without it read as before.
 */
persona_id?: string, 
/**
 * The card's picture (a screenshot of the ad, the landing page, a store
 * photo): the id of an image kept in the project file (`card_image.rs`), whose
 * bytes travel apart from the card. Left out of JSON when none.
 */
image_id?: string, };

export type PersonaRecord = { 
/**
 * Place among the project's personas.
 */
position: number, with_photo: boolean, id: string, name: string, 
/**
 * Free description (demographics, background).
 */
description: string, 
/**
 * Role or demographics in one line ("Office worker, 28, Hà Nội").
 */
role: string, goals: string, needs: string, frustrations: string, 
/**
 * Something this persona would say, in their words.
 */
quote: string, 
/**
 * The persona's picture, kept inside the project file as a `data:` URL
 * (`data:image/png;base64,…` or `image/jpeg`); empty for none.
 */
photo: string, };

export type ResearchRecord = { map_id: string, 
/**
 * Place among the map's research items.
 */
position: number, id: string, kind: ResearchKind, 
/**
 * The goal, the question, or the resource's name.
 */
title: string, 
/**
 * Answers to a question; details of a goal or resource.
 */
detail: string, 
/**
 * What was learnt (mostly for questions).
 */
insight: string, 
/**
 * Cards of the same map this item is about, in the order they were linked.
 */
card_ids: Array<string>, };

export type SnapshotRecord = { 
/**
 * Place among its map's snapshots (0 = oldest).
 */
position: number, id: string, map_id: string, name: string, note: string, taken_at: number, 
/**
 * Number of cards in the snapshot.
 */
cards: number, 
/**
 * Overall conversion of the snapshot's funnel, if it had one.
 */
overall_conversion: number | null, };

export type CommentRecord = { map_id: string, id: string, on: CommentOn, 
/**
 * The card or stage (of the same map) it is about; a reply's is its thread's.
 */
target_id: string, 
/**
 * The first comment of the thread this one replies to.
 */
parent_id: string | null, 
/**
 * Who wrote it, as their preferences name them (not an account).
 */
author: string, body: string, 
/**
 * When it was written, in milliseconds since 1970 (UTC), by the core's clock.
 */
created_at: number, 
/**
 * When the thread was resolved (first comments only); none while open.
 */
resolved_at: number | null, 
/**
 * Who resolved it; empty while open.
 */
resolved_by: string, };

export type Edit = { "type": "set_project_title", title: string, } | { "type": "add_map", map: Map, index: number, } | { "type": "update_map", map_id: string, name?: string, goal?: string, scenario?: string, } | { "type": "set_map_persona", map_id: string, persona_id: string | null, } | { "type": "delete_map", map_id: string, } | { "type": "add_stage", map_id: string, stage: Stage, index: number, } | { "type": "update_stage", stage_id: string, name?: string, color?: string, } | { "type": "move_stage", stage_id: string, index: number, } | { "type": "delete_stage", stage_id: string, } | { "type": "add_lane", map_id: string, lane: Lane, index: number, } | { "type": "update_lane", lane_id: string, name?: string, kind?: LaneKind, color?: string, } | { "type": "move_lane", lane_id: string, index: number, } | { "type": "delete_lane", lane_id: string, } | { "type": "add_card", card: Card, index: number, } | { "type": "update_card", card_id: string, text?: string, note?: string, color?: string, channel?: string, } | { "type": "set_card_metrics", card_id: string, emotion?: number | null, conversion?: number | null, volume?: number | null, } | { "type": "move_card", card_id: string, stage_id: string, lane_id: string, index: number, } | { "type": "delete_card", card_id: string, } | { "type": "add_persona", persona: Persona, index: number, } | { "type": "update_persona", persona_id: string, name?: string, description?: string, role?: string, goals?: string, needs?: string, frustrations?: string, quote?: string, 
/**
 * A `data:image/png;base64,…` or `data:image/jpeg;base64,…` URL, or empty to remove the photo.
 */
photo?: string, } | { "type": "set_card_persona", card_id: string, persona_id: string | null, } | { "type": "set_card_image", card_id: string, image_id: string | null, } | { "type": "delete_persona", persona_id: string, } | { "type": "add_research_item", map_id: string, item: ResearchItem, index: number, } | { "type": "update_research_item", item_id: string, kind?: ResearchKind, title?: string, detail?: string, insight?: string, } | { "type": "set_research_links", item_id: string, card_ids: Array<string>, } | { "type": "move_research_item", item_id: string, index: number, } | { "type": "delete_research_item", item_id: string, } | { "type": "take_snapshot", map_id: string, snapshot_id: string, name: string, note: string, 
/**
 * When, in milliseconds since 1970 (UTC), as the user's clock says.
 */
taken_at: number, } | { "type": "add_snapshot", snapshot: Snapshot, index: number, } | { "type": "update_snapshot", snapshot_id: string, name?: string, note?: string, } | { "type": "delete_snapshot", snapshot_id: string, } | { "type": "restore_snapshot", snapshot_id: string, } | { "type": "replace_map", map: Map, } | { "type": "post_comment", comment_id: string, on: CommentOn, target_id: string, parent_id: string | null, author: string, body: string, } | { "type": "add_comment", comment: Comment, } | { "type": "update_comment", comment_id: string, body: string, } | { "type": "delete_comment", comment_id: string, } | { "type": "resolve_comment", comment_id: string, by: string, at?: number, } | { "type": "reopen_comment", comment_id: string, } | { "type": "batch", edits: Array<Edit>, };

export type ErrorInfo = { code: string, message: string, };

export type Lang = "en" | "vi";

export type TemplateId = "marketing" | "experience" | "decision_path" | "ecommerce" | "telesales" | "service_blueprint";

export type TemplateInfo = { id: TemplateId, name: string, description: string, 
/**
 * Stage names, left to right.
 */
stages: Array<string>, 
/**
 * Number of example cards.
 */
cards: number, };

export type Funnel = { steps: Array<FunnelStep>, 
/**
 * One entry per stage of the map, in order.
 */
stages: Array<StageFunnel>, 
/**
 * Overall conversion in percent: the product of every known rate.
 */
overall: number, 
/**
 * Index into `steps` of the step that loses the largest share of its
 * people (lowest rate; the first one on a tie).
 */
biggest_drop: number, 
/**
 * Some touchpoints on the path have no rate, so `overall` only covers the rated ones.
 */
incomplete: boolean, };

export type FunnelStep = { card_id: string, 
/**
 * Index of the card's stage in [`Map::stages`].
 */
stage_index: number, text: string, 
/**
 * Percentage (0–100) of the people reaching this step who go on; `None`
 * when the card has no rate (the step is listed but not counted).
 */
rate: number | null, volume: number | null, 
/**
 * Percentage of the people entering the first rated step who are still
 * there after this one (product of the rates so far).
 */
cumulative: number | null, };

export type StageFunnel = { 
/**
 * Index of the stage in [`Map::stages`].
 */
stage_index: number, 
/**
 * Percentage of the people entering this stage's first rated touchpoint
 * who get through all of its rated touchpoints (product of the stage's
 * rates); `None` when no touchpoint of the stage has a rate.
 */
rate: number | null, 
/**
 * Percentage of everyone entering the funnel still there after this stage.
 */
cumulative: number | null, };

export type RateChange = { card_id: string, rate: number | null, };

export type MetricSource = { sheet: string | null, sheets: Array<string>, headers: Array<string>, 
/**
 * The first rows (at most [`PREVIEW_ROWS`]).
 */
preview: Array<Array<string>>, row_count: number, mapping: MetricMapping, };

export type MetricMapping = { 
/**
 * The workbook sheet (spreadsheets only; `null`: the first).
 */
sheet: string | null, 
/**
 * The column naming the touchpoint (its text, or its card id with `by_id`).
 */
key_column: number, by_id: boolean, 
/**
 * A column naming the stage, for names found on several stages.
 */
stage_column: number | null, conversion_column: number | null, rate_scale: RateScale, volume_column: number | null, };

export type RateScale = "percent" | "fraction";

export type MetricPlan = { rows: Array<PlannedRow>, changes: number, unchanged: number, problems: number, 
/**
 * The touchpoints of the map no row mentions.
 */
untouched: number, 
/**
 * The edit that applies every change as one undo step; `null` when nothing changes.
 */
edit: Edit | null, };

export type PlannedRow = { line: number, key: string, outcome: RowOutcome, };

export type RowOutcome = { "kind": "change", card_id: string, card_text: string, stage: string, before: Metrics, after: Metrics, } | { "kind": "unchanged", card_id: string, card_text: string, stage: string, } | { "kind": "problem", problem: RowProblem, } | { "kind": "blank" };

export type RowProblem = { "code": "no_key" } | { "code": "not_found" } | { "code": "ambiguous", stages: Array<string>, } | { "code": "not_a_rate", value: string, } | { "code": "rate_out_of_range", value: string, } | { "code": "not_a_volume", value: string, } | { "code": "repeated", line: number, } | { "code": "no_values" };

export type Metrics = { conversion: number | null, volume: number | null, };

export type MapDiff = { 
/**
 * Cards only in `after`, in its order.
 */
added: Array<CardRef>, 
/**
 * Cards only in `before`, in its order.
 */
removed: Array<CardRef>, changed: Array<CardChange>, 
/**
 * Names of stages only in one of the two.
 */
stages_added: Array<string>, stages_removed: Array<string>, lanes_added: Array<string>, lanes_removed: Array<string>, 
/**
 * Overall conversion of each version's funnel, if it has one.
 */
conversion_before: number | null, conversion_after: number | null, };

export type CardRef = { id: string, text: string, 
/**
 * Names of its stage and lane in that version.
 */
stage: string, lane: string, conversion: number | null, };

export type CardChange = { before: CardRef, after: CardRef, fields: Array<CardField>, };

export type CardField = "text" | "note" | "color" | "channel" | "emotion" | "conversion" | "volume" | "place" | "image";

export type PdfOptions = { page_size: PageSize, orientation: Orientation, layout: PageLayout, 
/**
 * A first page with the project title, persona, goal and date.
 */
cover: boolean, 
/**
 * A key to the lane colours, markers and the emotion scale (on the last page).
 */
legend: boolean, 
/**
 * "n / N" at the foot of every page.
 */
page_numbers: boolean, 
/**
 * The conversion funnel (on the last page), when the map has rates.
 */
funnel: boolean, 
/**
 * An appendix listing the map's open review comments, when it has any.
 */
comments: boolean, 
/**
 * Language of the labels the export adds ("Page", "Persona"…).
 */
lang: Lang, 
/**
 * Date shown on the cover and in the footer (free text); today's date when `None`.
 */
date: string | null, 
/**
 * The emotion curves left out (as hidden on the canvas): persona ids, `""`
 * for the shared curve of a map without persona. The legend and the
 * summary name only the curves drawn.
 */
hidden_curves: Array<string>, };

export type PreviewPages = { page_count: number, 
/**
 * The index of `pages[0]` among all the pages.
 */
first: number, pages: Array<string>, };

export type PageSize = "a4" | "a3" | "letter" | "tabloid";

export type Orientation = "landscape" | "portrait";

export type PageLayout = "fit_to_page" | "tiled";

export type ExportFormat = "pdf" | "png" | "svg";

export type ImageInfo = { id: string, width: number, height: number, };

export type CollabStatus = { "state": "connecting" } | { "state": "online" } | { "state": "offline", code: string, } | { "state": "refused", code: string, };

export type Presence = { 
/**
 * Their app's id for this connection (stable while it lasts).
 */
peer: string, 
/**
 * The name they comment under (empty until they set one).
 */
name: string, 
/**
 * The card they are editing or have selected, if any.
 */
card_id?: string, };

