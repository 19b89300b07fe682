// The edits the UI sends, one named builder per user intent, for components
// and shortcuts alike. The vocabulary is the core's (Edit in bindings.ts); the
// core decides what each does. A builder only says which edit an intent is.
import type { Card, CommentOn, Edit, Lane, LaneKind, Persona, ResearchItem, Stage } from "./bindings";

type Fields<T extends Edit["type"], Id extends string> = Omit<Extract<Edit, { type: T }>, "type" | Id>;

/** A new card of a cell: its text (and picture, if any), every other field empty. */
export function blankCard(id: string, stageId: string, laneId: string, text = "", imageId: string | null = null): Card {
  const card: Card = {
    id,
    stage_id: stageId,
    lane_id: laneId,
    text,
    note: "",
    color: "",
    channel: "",
    emotion: null,
    conversion: null,
    volume: null,
  };
  return imageId === null ? card : { ...card, image_id: imageId };
}

/** Several edits as one undoable step (one edit as itself). */
export function inOne(edits: Edit[]): Edit {
  return edits.length === 1 ? edits[0] : { type: "batch", edits };
}

export const edits = {
  // The map
  renameMap: (mapId: string, name: string): Edit => ({ type: "update_map", map_id: mapId, name }),
  setMapGoal: (mapId: string, goal: string): Edit => ({ type: "update_map", map_id: mapId, goal }),
  setMapScenario: (mapId: string, scenario: string): Edit => ({ type: "update_map", map_id: mapId, scenario }),
  /** Shows `personaId` on the map (null: none). */
  linkPersona: (mapId: string, personaId: string | null): Edit => ({ type: "set_map_persona", map_id: mapId, persona_id: personaId }),

  // Stages and lanes
  addStage: (mapId: string, stage: Stage, index: number): Edit => ({ type: "add_stage", map_id: mapId, stage, index }),
  renameStage: (stageId: string, name: string): Edit => ({ type: "update_stage", stage_id: stageId, name }),
  colourStage: (stageId: string, color: string): Edit => ({ type: "update_stage", stage_id: stageId, color }),
  moveStage: (stageId: string, index: number): Edit => ({ type: "move_stage", stage_id: stageId, index }),
  deleteStage: (stageId: string): Edit => ({ type: "delete_stage", stage_id: stageId }),
  addLane: (mapId: string, lane: Lane, index: number): Edit => ({ type: "add_lane", map_id: mapId, lane, index }),
  renameLane: (laneId: string, name: string): Edit => ({ type: "update_lane", lane_id: laneId, name }),
  setLaneKind: (laneId: string, kind: LaneKind): Edit => ({ type: "update_lane", lane_id: laneId, kind }),
  colourLane: (laneId: string, color: string): Edit => ({ type: "update_lane", lane_id: laneId, color }),
  moveLane: (laneId: string, index: number): Edit => ({ type: "move_lane", lane_id: laneId, index }),
  deleteLane: (laneId: string): Edit => ({ type: "delete_lane", lane_id: laneId }),

  // Cards
  addCard: (card: Card, index: number): Edit => ({ type: "add_card", card, index }),
  setCardText: (cardId: string, text: string): Edit => ({ type: "update_card", card_id: cardId, text }),
  setChannel: (cardId: string, channel: string): Edit => ({ type: "update_card", card_id: cardId, channel }),
  /** A card's feeling (null clears it); its other metrics stay as the core has them. */
  setEmotion: (cardId: string, emotion: number | null): Edit => ({ type: "set_card_metrics", card_id: cardId, emotion }),
  /** Whose feeling an emotion card scores: a persona, or null for the map's own (its shared curve). */
  setCardPersona: (cardId: string, personaId: string | null): Edit => ({ type: "set_card_persona", card_id: cardId, persona_id: personaId }),
  /** Gives a card a stored picture (cardImage.ts stores it first), or takes it away (null). */
  setCardImage: (cardId: string, imageId: string | null): Edit => ({ type: "set_card_image", card_id: cardId, image_id: imageId }),
  /** A touchpoint's conversion rate and volume (null clears one); its feeling stays. */
  setRate: (cardId: string, conversion: number | null, volume: number | null): Edit => ({
    type: "set_card_metrics",
    card_id: cardId,
    conversion,
    volume,
  }),
  moveCard: (cardId: string, stageId: string, laneId: string, index: number): Edit => ({
    type: "move_card",
    card_id: cardId,
    stage_id: stageId,
    lane_id: laneId,
    index,
  }),
  deleteCard: (cardId: string): Edit => ({ type: "delete_card", card_id: cardId }),

  // Personas
  addPersona: (persona: Persona, index: number): Edit => ({ type: "add_persona", persona, index }),
  updatePersona: (personaId: string, fields: Fields<"update_persona", "persona_id">): Edit => ({
    type: "update_persona",
    persona_id: personaId,
    ...fields,
  }),
  deletePersona: (personaId: string): Edit => ({ type: "delete_persona", persona_id: personaId }),

  // Research
  addResearchItem: (mapId: string, item: ResearchItem, index: number): Edit => ({ type: "add_research_item", map_id: mapId, item, index }),
  updateResearchItem: (itemId: string, fields: Fields<"update_research_item", "item_id">): Edit => ({
    type: "update_research_item",
    item_id: itemId,
    ...fields,
  }),
  linkCards: (itemId: string, cardIds: string[]): Edit => ({ type: "set_research_links", item_id: itemId, card_ids: cardIds }),
  moveResearchItem: (itemId: string, index: number): Edit => ({ type: "move_research_item", item_id: itemId, index }),
  deleteResearchItem: (itemId: string): Edit => ({ type: "delete_research_item", item_id: itemId }),

  // Review history
  takeSnapshot: (mapId: string, snapshotId: string, name: string, note: string, takenAt: number): Edit => ({
    type: "take_snapshot",
    map_id: mapId,
    snapshot_id: snapshotId,
    name,
    note,
    taken_at: takenAt,
  }),
  renameSnapshot: (snapshotId: string, name: string): Edit => ({ type: "update_snapshot", snapshot_id: snapshotId, name }),
  setSnapshotNote: (snapshotId: string, note: string): Edit => ({ type: "update_snapshot", snapshot_id: snapshotId, note }),
  restoreSnapshot: (snapshotId: string): Edit => ({ type: "restore_snapshot", snapshot_id: snapshotId }),
  deleteSnapshot: (snapshotId: string): Edit => ({ type: "delete_snapshot", snapshot_id: snapshotId }),

  // Review comments (the core gives them their time)
  /** A new thread on a card or stage (`parentId` null), or a reply to a thread's first comment. */
  postComment: (commentId: string, on: CommentOn, targetId: string, parentId: string | null, author: string, body: string): Edit => ({
    type: "post_comment",
    comment_id: commentId,
    on,
    target_id: targetId,
    parent_id: parentId,
    author,
    body,
  }),
  editComment: (commentId: string, body: string): Edit => ({ type: "update_comment", comment_id: commentId, body }),
  /** Deletes a comment; a thread's first comment goes with its replies. */
  deleteComment: (commentId: string): Edit => ({ type: "delete_comment", comment_id: commentId }),
  resolveThread: (commentId: string, by: string): Edit => ({ type: "resolve_comment", comment_id: commentId, by }),
  reopenThread: (commentId: string): Edit => ({ type: "reopen_comment", comment_id: commentId }),
};
