// Dotted (matrix) reporting lines between the roles shown: asked of the server
// for the boxes on the page (it names only lines whose both ends the token may
// see), drawn dashed over the solid lines, and hidden or shown by a control.
import { BOX_W, BOX_H, MORE, state } from "./state.js";
import { $, fail } from "./dom.js";
import { api } from "./api.js";

const SVG = "http://www.w3.org/2000/svg";

// The lines of the last answer, and what it was asked for (version, date and
// boxes), so that a redraw of the same boxes asks nothing.
const dotted = { asked: null, lines: [], serial: 0 };

export function shownRoleKeys() {
  return [...state.pos.keys()].filter((id) => !id.startsWith(MORE));
}

// Draws the lines known for the boxes now laid out, then asks for the lines
// of these boxes when they are not the ones asked for last.
export function drawDotted() {
  const svg = $("links");
  for (const old of [...svg.querySelectorAll(".dotted-link, defs.dotted-defs")]) old.remove();
  updateLegend();
  if (!state.showDotted) return;
  svg.append(arrowDefs());
  for (const line of dotted.lines) {
    const from = state.pos.get(line.role);
    const to = state.pos.get(line.manager);
    if (!from || !to) continue;
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", route(from, to));
    path.setAttribute("class", "dotted-link");
    path.setAttribute("marker-end", "url(#dotted-arrow)");
    path.dataset.from = line.role;
    path.dataset.to = line.manager;
    svg.append(path);
  }
  const keys = shownRoleKeys();
  const asked = [state.version, state.asOf, keys.slice().sort().join("\n")].join("|");
  if (asked !== dotted.asked) load(keys, asked);
}

async function load(keys, asked) {
  dotted.asked = asked;
  const serial = ++dotted.serial;
  try {
    const query = state.asOf ? "?asOf=" + encodeURIComponent(state.asOf) : "";
    const answer = keys.length ? await api("/api/dotted-lines" + query, { method: "POST", body: { keys } }) : { lines: [] };
    // Only the newest answer is drawn: the boxes may have changed meanwhile.
    if (serial !== dotted.serial) return;
    dotted.lines = answer.lines;
    drawDotted();
  } catch (error) {
    if (serial === dotted.serial) dotted.asked = null;
    fail(error);
  }
}

// From the reporting role's box to its dotted-line manager's: out of the side
// that faces the manager, or the top when the manager is above, in one curve.
// Above or below, the ends sit a quarter of the way in from the box's middle,
// towards the other box, clear of the solid lines and the count buttons.
function route(from, to) {
  const above = to.y + BOX_H <= from.y;
  const below = to.y >= from.y + BOX_H;
  if (above || below) {
    const towards = to.x >= from.x ? 1 : -1;
    const x1 = from.x + BOX_W / 2 + towards * BOX_W / 4;
    const y1 = above ? from.y : from.y + BOX_H;
    const x2 = to.x + BOX_W / 2 - towards * BOX_W / 4;
    const y2 = above ? to.y + BOX_H : to.y;
    const bend = (y2 - y1) / 2;
    return `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
  }
  const right = to.x > from.x;
  const x1 = right ? from.x + BOX_W : from.x;
  const x2 = right ? to.x : to.x + BOX_W;
  const y1 = from.y + BOX_H / 2;
  const y2 = to.y + BOX_H / 2;
  const bend = (x2 - x1) / 2;
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

function arrowDefs() {
  const defs = document.createElementNS(SVG, "defs");
  defs.setAttribute("class", "dotted-defs");
  const marker = document.createElementNS(SVG, "marker");
  for (const [name, value] of [["id", "dotted-arrow"], ["viewBox", "0 0 8 8"], ["refX", "7"], ["refY", "4"],
    ["markerWidth", "7"], ["markerHeight", "7"], ["orient", "auto"]]) marker.setAttribute(name, value);
  const tip = document.createElementNS(SVG, "path");
  tip.setAttribute("d", "M0,0 L8,4 L0,8 z");
  tip.setAttribute("class", "dotted-arrow");
  marker.append(tip);
  defs.append(marker);
  return defs;
}

function updateLegend() {
  $("dotted-toggle").setAttribute("aria-pressed", String(state.showDotted));
  $("legend-dotted").hidden = !state.showDotted;
}

export function toggleDotted() {
  state.showDotted = !state.showDotted;
  drawDotted();
}
