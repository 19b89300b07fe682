// How tall the grid's scroll area is. WebKitGTK without a GPU repaints the
// scroll bar whenever the scroll area changes height, and one rectangle around
// everything that changed in a frame: an edit that makes a lane taller or
// shorter would repaint most of the window (the card's cells on the left, the
// scroll bar on the right; tests/e2e/bench/timeline.mjs shows it). So the
// area keeps some room below the map and changes only when the map outgrows
// it or leaves much more of it empty.

/** The room kept below a map taller than the view, in px on screen. */
export const SCROLL_ROOM = 400;

/**
 * The scroll area's height for a map `height` px tall on screen in a view
 * `view` px tall, given the height it has now (`now`, 0 for none): 0 (the
 * map's own) while the map fits in the view; else `now` while the map fits
 * within it with at most 2 × SCROLL_ROOM left empty, else the map plus
 * SCROLL_ROOM.
 */
export function scrollRoom(now: number, height: number, view: number): number {
  if (height <= view) return 0;
  if (now >= height && now - height <= 2 * SCROLL_ROOM) return now;
  return Math.ceil(height + SCROLL_ROOM);
}
