// Generated from the Rust types in src-tauri/ by src-tauri/bindings.rs. Do not edit:
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
cards: Array<Card>, };

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

export type LaneKind = "touchpoints" | "actions" | "thoughts" | "emotions" | "pain_points" | "opportunities" | "metrics" | "text";

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
volume: number | null, };

export type Persona = { id: string, name: string, description: string, };

export type DocumentView = { 
/**
 * Absolute path of the project file.
 */
path: string, project: Project, 
/**
 * Number of edits applied to this file so far; grows with every acknowledged edit.
 */
revision: number, can_undo: boolean, can_redo: boolean, };

export type Edit = { "type": "set_project_title", title: string, } | { "type": "add_map", map: Map, index: number, } | { "type": "update_map", map_id: string, name?: string, goal?: string, scenario?: string, } | { "type": "set_map_persona", map_id: string, persona_id: string | null, } | { "type": "delete_map", map_id: string, } | { "type": "add_stage", map_id: string, stage: Stage, index: number, } | { "type": "update_stage", stage_id: string, name?: string, color?: string, } | { "type": "move_stage", stage_id: string, index: number, } | { "type": "delete_stage", stage_id: string, } | { "type": "add_lane", map_id: string, lane: Lane, index: number, } | { "type": "update_lane", lane_id: string, name?: string, kind?: LaneKind, color?: string, } | { "type": "move_lane", lane_id: string, index: number, } | { "type": "delete_lane", lane_id: string, } | { "type": "add_card", card: Card, index: number, } | { "type": "update_card", card_id: string, text?: string, note?: string, color?: string, channel?: string, } | { "type": "set_card_metrics", card_id: string, emotion: number | null, conversion: number | null, volume: number | null, } | { "type": "move_card", card_id: string, stage_id: string, lane_id: string, index: number, } | { "type": "delete_card", card_id: string, } | { "type": "add_persona", persona: Persona, index: number, } | { "type": "update_persona", persona_id: string, name?: string, description?: string, } | { "type": "delete_persona", persona_id: string, } | { "type": "batch", edits: Array<Edit>, };

export type ErrorInfo = { code: string, message: string, };

export type Lang = "en" | "vi";

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
 * Language of the labels the export adds ("Page", "Persona"…).
 */
lang: Lang, 
/**
 * Date shown on the cover and in the footer (free text); today's date when `None`.
 */
date: string | null, };

export type PageSize = "a4" | "a3" | "letter" | "tabloid";

export type Orientation = "landscape" | "portrait";

export type PageLayout = "fit_to_page" | "tiled";

export type ExportFormat = "pdf" | "png" | "svg";

