// The page's shared state, and the sizes of the layout.

// ---- Sizes of the layout (CSS pixels at zoom 1) ----
export const BOX_W = 210;
export const BOX_H = 78;
export const GAP_X = 18; // between peers
export const GAP_Y = 46; // between a manager and its team
export const LEAF_GAP = 10; // between the stacked boxes of a compact leaf team
export const LEAF_INDENT = 18; // a stacked team hangs right of its trunk
export const PAGE = 200; // children per request; "show more" loads the next page
export const MORE = "\u0000more:"; // prefix of the ids of "show more" boxes

// ---- State ----
export const state = {
  token: null,
  me: null,
  asOf: "",
  version: null,
  roots: [],
  nodes: new Map(), // key -> {data, kids: [key] | null, total, expanded, pinned: Set}
  pos: new Map(), // id -> {x, y}
  view: { x: 20, y: 20, k: 1 },
  chain: new Set(),
  hit: null,
  selected: null,
  findings: new Map(), // key -> [message]
  pmoView: false,
  historyView: false,
  showDotted: true, // the dotted (matrix) lines between the roles shown
  events: null, // AbortController of the event stream
};

export const drag = { mode: null, suppressClick: false, renderLater: false };
