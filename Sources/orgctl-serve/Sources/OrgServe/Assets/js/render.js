// Drawing the laid-out tree: boxes and reporting lines.
import { BOX_W, BOX_H, GAP_Y, LEAF_INDENT, PAGE, MORE, state, drag } from "./state.js";
import { $, el } from "./dom.js";
import { toggle, showMore } from "./chart.js";
import { links, layout } from "./layout.js";
import { applyView } from "./view.js";
import { openPanel } from "./panel.js";
import { drawDotted } from "./dotted.js";

// ---- Drawing ----
export const SVG = "http://www.w3.org/2000/svg";

export function render() {
  // Redrawing under a dragged box would lose its drop target: wait for the drop.
  if (drag.mode === "move") { drag.renderLater = true; return; }
  layout();
  const boxes = $("boxes");
  const svg = $("links");
  const focusedKey = document.activeElement && document.activeElement.closest
    ? (document.activeElement.closest(".box") || {}).dataset : null;
  const focusClass = document.activeElement ? document.activeElement.className : "";
  boxes.textContent = "";
  svg.textContent = "";
  let maxX = 0;
  let maxY = 0;
  for (const [id, p] of state.pos) {
    maxX = Math.max(maxX, p.x + BOX_W);
    maxY = Math.max(maxY, p.y + BOX_H);
    boxes.append(id.startsWith(MORE) ? moreBox(id.slice(MORE.length), p) : roleBox(id, p));
  }
  for (const [from, to, compact] of links) {
    const a = state.pos.get(from);
    const b = state.pos.get(to);
    const x1 = a.x + BOX_W / 2;
    const y1 = a.y + BOX_H;
    let d;
    if (compact) {
      const trunk = b.x - LEAF_INDENT / 2;
      const mid = y1 + GAP_Y / 2;
      d = `M${x1},${y1} V${mid} H${trunk} V${b.y + BOX_H / 2} H${b.x}`;
    } else {
      const mid = y1 + GAP_Y / 2;
      d = `M${x1},${y1} V${mid} H${b.x + BOX_W / 2} V${b.y}`;
    }
    const onChain = state.chain.has(from) && state.chain.has(to);
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    path.setAttribute("class", onChain ? "link chain" : "link");
    path.dataset.from = from;
    path.dataset.to = to;
    svg.append(path);
  }
  // Chain links drawn last, so that they are on top of their neighbours.
  for (const path of [...svg.querySelectorAll(".chain")]) svg.append(path);
  const canvas = $("canvas");
  canvas.style.width = maxX + 40 + "px";
  canvas.style.height = maxY + 40 + "px";
  svg.setAttribute("width", maxX + 40);
  svg.setAttribute("height", maxY + 40);
  drawDotted();
  applyView();
  if (focusedKey && focusedKey.key) {
    const box = document.querySelector(`.box[data-key="${CSS.escape(focusedKey.key)}"]`);
    const target = box && (box.querySelector("." + (focusClass.split(" ")[0] || "box-open")) || box.querySelector(".box-open"));
    if (target) target.focus({ preventScroll: true });
  }
}

export function roleBox(key, p) {
  const node = state.nodes.get(key);
  const role = node.data;
  const classes = ["box"];
  if (role.vacant) classes.push("vacant");
  if (state.chain.has(key)) classes.push("chain");
  if (state.hit === key) classes.push("hit");
  if (state.findings.has(key)) classes.push("finding");
  if (state.selected === key) classes.push("selected");
  if (role.pmoType) classes.push("pmo");
  const holder = role.holder || "vacant";
  const unit = role.unit ? role.unit.name : "";
  const ariaLabel = `${role.title}, ${holder}, ${role.key}${unit ? ", " + unit : ""}`
    + (role.directReports ? `, ${role.directReports} direct reports` : "");
  const box = el("div", {
    class: classes.join(" "),
    role: "treeitem",
    "aria-label": ariaLabel,
    "aria-expanded": role.directReports ? String(node.expanded) : undefined,
    "aria-level": String(p.level || 1),
    "data-key": key,
  });
  box.style.left = p.x + "px";
  box.style.top = p.y + "px";
  const findings = state.findings.get(key);
  const open = el("button", { type: "button", class: "box-open", "aria-label": "Details of " + ariaLabel,
    title: findings ? findings.join("\n") : undefined },
  el("span", { class: "box-title", text: role.title }),
  el("span", { class: "box-holder", text: holder }),
  el("span", { class: "box-meta" },
    el("span", { class: "box-key", text: role.key }),
    unit ? el("span", { class: "box-unit", text: unit }) : null,
    role.pmoType ? el("span", { class: "box-pmo", text: role.pmoType + " PMO" }) : null,
    role.dottedReports ? el("span", { class: "box-dotted", title: `${role.dottedReports} dotted-line reports`, text: `┈${role.dottedReports}` }) : null));
  open.addEventListener("click", () => {
    if (drag.suppressClick) { drag.suppressClick = false; return; }
    openPanel(key);
  });
  box.append(open);
  if (role.directReports > 0) {
    const count = role.directReports;
    box.append(el("button", {
      type: "button",
      class: "toggle",
      "aria-label": `${node.expanded ? "Collapse" : "Expand"} the ${role.directReports} direct reports of ${role.key}`,
      onclick: () => toggle(key),
    }, el("span", { class: "toggle-sign", text: node.expanded ? "−" : "+" }), el("span", { text: String(count) })));
  }
  if (findings) box.append(el("span", { class: "finding-mark", "aria-hidden": "true", text: "!" }));
  return box;
}

export function moreBox(parent, p) {
  const node = state.nodes.get(parent);
  const left = node.total - node.kids.length;
  const button = el("button", {
    type: "button",
    class: "box more",
    "data-more": parent,
    onclick: () => showMore(parent),
  }, `Show ${Math.min(left, PAGE)} more`, el("span", { class: "box-meta", text: `${left} not shown of ${node.total}` }));
  button.style.left = p.x + "px";
  button.style.top = p.y + "px";
  return button;
}
