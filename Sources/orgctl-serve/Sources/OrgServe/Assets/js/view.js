// Zoom, pan and fit, and the pointer: the background pans, a box is dragged to move it.
import { BOX_W, BOX_H, state, drag } from "./state.js";
import { $ } from "./dom.js";
import { api, roleUrl, canEdit } from "./api.js";
import { render } from "./render.js";
import { startMoveDrag, setDropTarget, dryRun, confirmMove } from "./editing.js";

// ---- Zoom, pan, fit ----
export function applyView() {
  const { x, y, k } = state.view;
  $("canvas").style.transform = `translate(${x}px, ${y}px) scale(${k})`;
}

export function zoomAt(factor, cx, cy) {
  const v = state.view;
  const k = Math.min(3, Math.max(0.05, v.k * factor));
  v.x = cx - ((cx - v.x) * k) / v.k;
  v.y = cy - ((cy - v.y) * k) / v.k;
  v.k = k;
  applyView();
}

export function fit() {
  if (!state.pos.size) return;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of state.pos.values()) {
    minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + BOX_W); maxY = Math.max(maxY, p.y + BOX_H);
  }
  const vp = $("viewport").getBoundingClientRect();
  const k = Math.max(0.05, Math.min(1.2, (vp.width - 40) / (maxX - minX), (vp.height - 40) / (maxY - minY)));
  state.view = {
    k,
    x: (vp.width - (maxX - minX) * k) / 2 - minX * k,
    y: Math.max(20, (vp.height - (maxY - minY) * k) / 2) - minY * k,
  };
  applyView();
}

export function bringIntoView(key) {
  const p = state.pos.get(key);
  if (!p) return;
  const vp = $("viewport").getBoundingClientRect();
  const v = state.view;
  const left = v.x + p.x * v.k;
  const top = v.y + p.y * v.k;
  const visible = left >= 0 && top >= 0 && left + BOX_W * v.k <= vp.width && top + BOX_H * v.k <= vp.height;
  // Moving the view only when the box is out of it keeps the reader's place.
  if (!visible || v.k < 0.45) {
    if (v.k < 0.45) v.k = 0.8;
    v.x = vp.width / 2 - (p.x + BOX_W / 2) * v.k;
    v.y = vp.height / 2 - (p.y + BOX_H / 2) * v.k;
    applyView();
  }
  const box = document.querySelector(`.box[data-key="${CSS.escape(key)}"]`);
  if (box) box.querySelector(".box-open").focus({ preventScroll: true });
}

// Dragging: the background pans; a box (for those who may edit) is moved
// onto another box (`drag` is declared with the state).

export function viewportPoint(event) {
  const r = $("viewport").getBoundingClientRect();
  return [event.clientX - r.left, event.clientY - r.top];
}

export function onPointerDown(event) {
  if (event.button !== 0) return;
  const box = event.target.closest(".box");
  if (box && box.dataset.key && !event.target.closest(".toggle") && canEdit()) {
    drag.mode = "maybe-move";
    drag.key = box.dataset.key;
    drag.startX = event.clientX;
    drag.startY = event.clientY;
    drag.revision = api(roleUrl(drag.key)).then((d) => d.revision).catch(() => null);
    return;
  }
  if (box || event.target.closest("button")) return;
  drag.mode = "pan";
  drag.startX = event.clientX - state.view.x;
  drag.startY = event.clientY - state.view.y;
  $("viewport").classList.add("panning");
  event.preventDefault();
}

export function onPointerMove(event) {
  if (drag.mode === "pan") {
    state.view.x = event.clientX - drag.startX;
    state.view.y = event.clientY - drag.startY;
    applyView();
  } else if (drag.mode === "maybe-move") {
    if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) > 6) startMoveDrag(event);
  } else if (drag.mode === "move") {
    drag.ghost.style.left = event.clientX + 8 + "px";
    drag.ghost.style.top = event.clientY + 8 + "px";
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const target = under && under.closest(".box[data-key]");
    setDropTarget(target && target.dataset.key !== drag.key ? target.dataset.key : null);
  }
}

export function onPointerUp() {
  if (drag.mode === "pan") $("viewport").classList.remove("panning");
  if (drag.mode === "move") {
    drag.ghost.remove();
    document.body.classList.remove("dragging");
    drag.suppressClick = true;
    setTimeout(() => { drag.suppressClick = false; }, 0);
    const { key, target } = drag;
    document.querySelectorAll(".drop-ok, .drop-bad, .drop-target").forEach((b) => b.classList.remove("drop-ok", "drop-bad", "drop-target"));
    if (target) confirmMove(key, target, dryRun(key, target), drag.revision);
  }
  drag.mode = null;
  if (drag.renderLater) { drag.renderLater = false; render(); }
}
