// Where the grid's parts are in its DOM (Grid.tsx draws them: a header row,
// then a row per lane), for the code that measures the laid-out grid.

/** The stage headers, in order, from the grid element. */
export const STAGE_HEADERS = ':scope > .grid-head > [data-testid="stage-header"]';
/** The lane headers, in order, from the grid element. */
export const LANE_HEADERS = ':scope > .lane-row > [data-testid="lane-header"]';
/** The cells drawn with their cards (not placeholders), from the grid element. */
export const DRAWN_CELLS = ':scope > .lane-row > [data-testid="cell"]:not(.cell-virtual)';
