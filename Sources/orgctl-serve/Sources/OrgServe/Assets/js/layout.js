// The layout: a tidy top-down tree over the loaded roles.
import { BOX_W, BOX_H, GAP_X, GAP_Y, LEAF_GAP, LEAF_INDENT, MORE, state } from "./state.js";

// ---- Layout: a tidy top-down tree over the loaded nodes ----
export function visibleKids(key) {
  const node = state.nodes.get(key);
  if (!node || !node.expanded || !node.kids) return [];
  const kids = node.kids.concat([...node.pinned].filter((k) => !node.kids.includes(k)));
  if (node.kids.length < node.total) kids.push(MORE + key);
  return kids;
}

// Only a role without reports is a leaf: a collapsed manager keeps its own
// column, so that opening it later does not reshuffle its peers.
export function isLeaf(id) {
  if (id.startsWith(MORE)) return true;
  return state.nodes.get(id).data.directReports === 0;
}

// Each subtree is laid out on its own, relative to its root's box, with its
// contour: the leftmost and rightmost x on each level below. A team's
// subtrees are then pushed right only as far as their contours need (a tidy
// tree), so a small branch tucks in beside a big one.
export const LEVEL = BOX_H + GAP_Y;
export const shapes = new Map(); // id -> {left: [x], right: [x], kids: [{id, dx, dy}], compact}

export function shape(id) {
  const kids = visibleKids(id);
  const result = { left: [0], right: [BOX_W], kids: [], compact: false };
  shapes.set(id, result);
  if (!kids.length) return result;
  // A team of four or more without reports of their own is stacked in
  // columns under its manager, so that a wide team does not make a wide chart.
  if (kids.length >= 4 && kids.every(isLeaf)) {
    // Columns for a roughly square block (a box is about 2.8 times as wide as tall).
    const cols = Math.max(2, Math.ceil(Math.sqrt(kids.length * 0.36)));
    const rows = Math.ceil(kids.length / cols);
    const gridW = cols * (BOX_W + LEAF_INDENT) + (cols - 1) * GAP_X;
    const gridLeft = (BOX_W - gridW) / 2;
    kids.forEach((kid, i) => {
      shapes.set(kid, { left: [0], right: [BOX_W], kids: [], compact: false });
      result.kids.push({
        id: kid,
        dx: gridLeft + Math.floor(i / rows) * (BOX_W + LEAF_INDENT + GAP_X) + LEAF_INDENT,
        dy: LEVEL + (i % rows) * (BOX_H + LEAF_GAP),
      });
    });
    const levels = Math.ceil((rows * (BOX_H + LEAF_GAP)) / LEVEL);
    for (let d = 1; d <= levels; d++) { result.left[d] = gridLeft; result.right[d] = gridLeft + gridW; }
    result.compact = true;
    return result;
  }
  const placed = pack(kids.map((kid) => [kid, shape(kid)]));
  // The manager sits centred over its first and last report.
  const mid = (placed.offsets[0] + placed.offsets[placed.offsets.length - 1]) / 2;
  kids.forEach((kid, i) => result.kids.push({ id: kid, dx: placed.offsets[i] - mid, dy: LEVEL }));
  placed.left.forEach((x, d) => { result.left[d + 1] = x - mid; });
  placed.right.forEach((x, d) => { result.right[d + 1] = x - mid; });
  return result;
}

// Puts subtrees side by side, each as far left as the contours allow.
export function pack(subtrees) {
  const left = [];
  const right = [];
  const offsets = [];
  for (const [, sub] of subtrees) {
    let shift = 0;
    if (offsets.length) {
      shift = -Infinity;
      for (let d = 0; d < sub.left.length && d < right.length; d++) shift = Math.max(shift, right[d] + GAP_X - sub.left[d]);
      // Peers stay in order even when their contours do not meet.
      shift = Math.max(shift, offsets[offsets.length - 1] + BOX_W + GAP_X);
    }
    offsets.push(shift);
    sub.left.forEach((x, d) => { left[d] = d < left.length && left[d] !== undefined ? Math.min(left[d], x + shift) : x + shift; });
    sub.right.forEach((x, d) => { right[d] = d < right.length && right[d] !== undefined ? Math.max(right[d], x + shift) : x + shift; });
  }
  return { left, right, offsets };
}

export const links = []; // [parentId, childId, compact]

export function place(id, x, y, level = 1) {
  state.pos.set(id, { x, y, level });
  const sh = shapes.get(id);
  for (const kid of sh.kids) {
    place(kid.id, x + kid.dx, y + kid.dy, level + 1);
    links.push([id, kid.id, sh.compact]);
  }
}

export function layout() {
  state.pos.clear();
  shapes.clear();
  links.length = 0;
  const placed = pack(state.roots.map((root) => [root, shape(root)]));
  const minX = Math.min(0, ...placed.left.filter((x) => x !== undefined));
  state.roots.forEach((root, i) => place(root, placed.offsets[i] - minX, 0));
}
