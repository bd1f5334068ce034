// The page of `orgctl serve`: the live chart, loaded branch by branch from the
// JSON API. Plain JavaScript, no library: the Content-Security-Policy allows
// only this file, and every text from the server is inserted with textContent
// (never innerHTML), so a hostile name stays text.
"use strict";

// ---- Sizes of the layout (CSS pixels at zoom 1) ----
const BOX_W = 210;
const BOX_H = 78;
const GAP_X = 18; // between peers
const GAP_Y = 46; // between a manager and its team
const LEAF_GAP = 10; // between the stacked boxes of a compact leaf team
const LEAF_INDENT = 18; // a stacked team hangs right of its trunk
const PAGE = 200; // children per request; "show more" loads the next page
const MORE = "\u0000more:"; // prefix of the ids of "show more" boxes

// ---- State ----
const state = {
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
  events: null, // AbortController of the event stream
};

const drag = { mode: null, suppressClick: false, renderLater: false };

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// ---- The API ----
class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `the server answered ${status}`);
    this.status = status;
    this.code = error.code || "http_" + status;
    this.fix = error.fix || null;
    this.value = error.value || null;
    this.changes = error.changes || [];
  }
  get text() {
    return this.fix ? `${this.message}. ${this.fix}` : this.message;
  }
}

async function api(path, { method = "GET", body, asOf = true } = {}) {
  let url = path;
  if (method === "GET" && asOf && state.asOf) {
    url += (url.includes("?") ? "&" : "?") + "asOf=" + encodeURIComponent(state.asOf);
  }
  const headers = { Accept: "application/json" };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "omit",
  });
  let answer = null;
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) answer = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, answer);
    if (response.status === 401) signOut(error.message);
    throw error;
  }
  return answer;
}

const roleUrl = (key) => "/api/roles/" + encodeURIComponent(key);
const canEdit = () => state.me && state.me.level === "edit" && !state.asOf;

// ---- Messages ----
let statusTimer = null;
function say(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
  status.hidden = !text;
  clearTimeout(statusTimer);
  if (text) statusTimer = setTimeout(() => { status.hidden = true; }, isError ? 12000 : 5000);
}

function fail(error) {
  say(error instanceof ApiError ? error.text : String(error.message || error), true);
}

function label(ref) {
  if (!ref) return "";
  return ref.holder ? `${ref.key} (${ref.holder})` : `${ref.key} (vacant)`;
}

// ---- Token and sign-in ----
function readToken() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem("orgToken", decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem("orgToken");
}

function signOut(message) {
  state.token = null;
  sessionStorage.removeItem("orgToken");
  if (state.events) state.events.abort();
  $("signin").hidden = false;
  const error = $("signin-error");
  error.textContent = message || "";
  error.hidden = !message;
  $("signin-token").focus();
}

async function start() {
  state.token = readToken();
  if (!state.token) {
    // Without a token the server may still answer (--public-read).
    try {
      state.me = await api("/api/me");
    } catch (error) {
      return signOut(null);
    }
  } else {
    try {
      state.me = await api("/api/me");
    } catch (error) {
      if (error.status !== 401) fail(error);
      return;
    }
  }
  $("signin").hidden = true;
  showWho();
  await loadChart(true);
  listen();
}

function showWho() {
  const me = state.me;
  const who = $("who");
  who.textContent = "";
  if (!me) return;
  const branch = me.branch ? ` · branch ${label(me.branch)}` : "";
  who.append(el("span", { text: `${me.name || "anonymous"} · ${me.level === "edit" ? "can edit" : "read only"}${branch}` }));
  document.body.classList.toggle("can-edit", me.level === "edit");
}

// ---- Loading the chart ----
function nodeFor(data) {
  let node = state.nodes.get(data.key);
  if (!node) {
    node = { data, kids: null, total: data.directReports, expanded: false, pinned: new Set() };
    state.nodes.set(data.key, node);
  } else {
    node.data = data;
    node.total = Math.max(data.directReports, node.kids ? node.kids.length : 0);
  }
  return node;
}

async function loadChart(first) {
  const chart = await api("/api/chart");
  state.version = chart.version;
  state.roots = chart.roots.map((r) => nodeFor(r).data.key);
  if (first) {
    for (const key of state.roots) {
      const node = state.nodes.get(key);
      if (node.data.directReports > 0) node.expanded = true;
    }
  }
  await reloadExpanded();
  render();
  if (first) fit();
  if (state.pmoView) loadFindings();
}

async function loadChildren(key, offset = 0) {
  const answer = await api(`${roleUrl(key)}/children?offset=${offset}&limit=${PAGE}`);
  const node = state.nodes.get(key);
  const keys = answer.children.map((c) => nodeFor(c).data.key);
  if (offset === 0 || !node.kids) node.kids = keys;
  else node.kids = node.kids.concat(keys.filter((k) => !node.kids.includes(k)));
  node.total = answer.total;
  // A pinned child (opened by a search beyond the first page) stays shown
  // until its page is loaded.
  for (const pinned of node.pinned) if (node.kids.includes(pinned)) node.pinned.delete(pinned);
  return node;
}

// Refetch what is visible, keeping which branches are open.
async function reloadExpanded() {
  const queue = [...state.roots];
  const seen = new Set();
  while (queue.length) {
    const batch = queue.splice(0, queue.length).filter((k) => !seen.has(k));
    batch.forEach((k) => seen.add(k));
    await Promise.all(batch.map(async (key) => {
      const node = state.nodes.get(key);
      if (!node || !node.expanded) return;
      const shown = node.kids ? node.kids.length : 0;
      try {
        const answer = await api(`${roleUrl(key)}/children?offset=0&limit=${Math.max(PAGE, shown)}`);
        node.kids = answer.children.map((c) => nodeFor(c).data.key);
        node.total = answer.total;
        for (const pinned of [...node.pinned]) if (node.kids.includes(pinned)) node.pinned.delete(pinned);
      } catch (error) {
        if (error.status === 404) { node.expanded = false; node.kids = null; } else throw error;
      }
      queue.push(...visibleKids(key).filter((k) => !k.startsWith(MORE)));
    }));
  }
}

let refreshing = null;
let refreshAgain = false;
function refresh() {
  if (refreshing) { refreshAgain = true; return refreshing; }
  refreshing = (async () => {
    try {
      do {
        refreshAgain = false;
        const chart = await api("/api/chart");
        state.version = chart.version;
        state.roots = chart.roots.map((r) => nodeFor(r).data.key);
        await reloadExpanded();
        render();
        if (state.pmoView) await loadFindings();
        if (state.historyView) await showHistory();
        if (state.selected && !$("panel").hidden) await openPanel(state.selected, { quiet: true });
      } while (refreshAgain);
    } catch (error) {
      fail(error);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function toggle(key) {
  const node = state.nodes.get(key);
  if (!node) return;
  if (node.expanded) {
    node.expanded = false;
  } else {
    node.expanded = true;
    if (!node.kids) {
      try { await loadChildren(key); } catch (error) { node.expanded = false; return fail(error); }
    }
  }
  render();
  const box = document.querySelector(`.box[data-key="${CSS.escape(key)}"] .toggle`);
  if (box) box.focus({ preventScroll: true });
}

async function showMore(key) {
  const node = state.nodes.get(key);
  try { await loadChildren(key, node.kids.length); } catch (error) { return fail(error); }
  render();
}

// ---- Layout: a tidy top-down tree over the loaded nodes ----
function visibleKids(key) {
  const node = state.nodes.get(key);
  if (!node || !node.expanded || !node.kids) return [];
  const kids = node.kids.concat([...node.pinned].filter((k) => !node.kids.includes(k)));
  if (node.kids.length < node.total) kids.push(MORE + key);
  return kids;
}

// Only a role without reports is a leaf: a collapsed manager keeps its own
// column, so that opening it later does not reshuffle its peers.
function isLeaf(id) {
  if (id.startsWith(MORE)) return true;
  return state.nodes.get(id).data.directReports === 0;
}

// Each subtree is laid out on its own, relative to its root's box, with its
// contour: the leftmost and rightmost x on each level below. A team's
// subtrees are then pushed right only as far as their contours need (a tidy
// tree), so a small branch tucks in beside a big one.
const LEVEL = BOX_H + GAP_Y;
const shapes = new Map(); // id -> {left: [x], right: [x], kids: [{id, dx, dy}], compact}

function shape(id) {
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
function pack(subtrees) {
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

const links = []; // [parentId, childId, compact]

function place(id, x, y, level = 1) {
  state.pos.set(id, { x, y, level });
  const sh = shapes.get(id);
  for (const kid of sh.kids) {
    place(kid.id, x + kid.dx, y + kid.dy, level + 1);
    links.push([id, kid.id, sh.compact]);
  }
}

function layout() {
  state.pos.clear();
  shapes.clear();
  links.length = 0;
  const placed = pack(state.roots.map((root) => [root, shape(root)]));
  const minX = Math.min(0, ...placed.left.filter((x) => x !== undefined));
  state.roots.forEach((root, i) => place(root, placed.offsets[i] - minX, 0));
}

// ---- Drawing ----
const SVG = "http://www.w3.org/2000/svg";

function render() {
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
  applyView();
  if (focusedKey && focusedKey.key) {
    const box = document.querySelector(`.box[data-key="${CSS.escape(focusedKey.key)}"]`);
    const target = box && (box.querySelector("." + (focusClass.split(" ")[0] || "box-open")) || box.querySelector(".box-open"));
    if (target) target.focus({ preventScroll: true });
  }
}

function roleBox(key, p) {
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

function moreBox(parent, p) {
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

// ---- Zoom, pan, fit ----
function applyView() {
  const { x, y, k } = state.view;
  $("canvas").style.transform = `translate(${x}px, ${y}px) scale(${k})`;
}

function zoomAt(factor, cx, cy) {
  const v = state.view;
  const k = Math.min(3, Math.max(0.05, v.k * factor));
  v.x = cx - ((cx - v.x) * k) / v.k;
  v.y = cy - ((cy - v.y) * k) / v.k;
  v.k = k;
  applyView();
}

function fit() {
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

function bringIntoView(key) {
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

function viewportPoint(event) {
  const r = $("viewport").getBoundingClientRect();
  return [event.clientX - r.left, event.clientY - r.top];
}

function onPointerDown(event) {
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

function onPointerMove(event) {
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

function startMoveDrag(event) {
  drag.mode = "move";
  const role = state.nodes.get(drag.key).data;
  drag.ghost = el("div", { class: "drag-ghost", "aria-hidden": "true", text: `Move ${label(role)}` });
  document.body.append(drag.ghost);
  document.body.classList.add("dragging");
  drag.target = null;
  drag.checks = new Map();
  onPointerMove(event);
}

function setDropTarget(key) {
  if (drag.target === key) return;
  document.querySelectorAll(".drop-ok, .drop-bad, .drop-target").forEach((b) => b.classList.remove("drop-ok", "drop-bad", "drop-target"));
  drag.target = key;
  if (!key) { say(""); return; }
  const box = document.querySelector(`.box[data-key="${CSS.escape(key)}"]`);
  box.classList.add("drop-target");
  dryRun(drag.key, key).then((result) => {
    if (drag.target !== key || drag.mode !== "move") return;
    box.classList.add(result.ok ? "drop-ok" : "drop-bad");
    say(result.ok ? `Drop to move ${drag.key} under ${key}` : result.error ? result.error.message : "not allowed", !result.ok);
  });
}

function dryRun(key, to) {
  if (drag.checks && drag.checks.has(to)) return drag.checks.get(to);
  const check = (async () => {
    const revision = await drag.revision;
    try {
      return await api(`${roleUrl(key)}/move`, { method: "POST", body: { revision, to, dryRun: true } });
    } catch (error) {
      return { ok: false, error: { message: error.text }, newFindings: [] };
    }
  })();
  if (drag.checks) drag.checks.set(to, check);
  return check;
}

function onPointerUp() {
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

async function confirmMove(key, to, checkPromise, revisionPromise) {
  const check = await checkPromise;
  const revision = await revisionPromise;
  const mover = state.nodes.get(key) ? state.nodes.get(key).data : { key };
  const manager = state.nodes.get(to) ? state.nodes.get(to).data : { key: to };
  const body = [el("p", { text: `Move ${label(mover)} under ${label(manager)}? Everyone below ${key} moves too.` })];
  if (!check.ok && check.error) body.push(el("p", { class: "error", text: check.error.message }));
  for (const finding of check.newFindings || []) {
    body.push(el("p", { class: "warning", text: finding.message || String(finding) }));
  }
  await ask({
    title: "Move a role",
    body,
    okLabel: "Move",
    disabled: !check.ok,
    submit: () => write(`${roleUrl(key)}/move`, { method: "POST", body: { revision, to, dryRun: false } }, key),
  });
}

// ---- Writes, their changes and undo ----
async function write(path, options, key) {
  try {
    const answer = await api(path, { ...options, asOf: false });
    showChange(answer.change);
    // The dialog closes now; the chart follows as soon as it is refetched.
    refresh();
    return answer;
  } catch (error) {
    if (error.status === 409) {
      // Show what changed in between now; the chart and the role's panel
      // (with its new revision) reload behind the message.
      say(error.message, true);
      refresh().then(() => key && openPanel(key, { quiet: true }));
    }
    throw error;
  }
}

function showChange(change) {
  if (!change) return;
  const list = $("changes");
  const item = el("div", { class: "change", role: "group", "aria-label": `Change ${change.id}` },
    el("p", { class: "change-head", text: `Change #${change.id}${change.planned ? " (planned)" : ""}` }),
    el("ul", {}, (change.summary || []).map((line) => el("li", { text: line }))));
  const buttons = el("div", { class: "change-buttons" });
  if (canEdit()) {
    buttons.append(el("button", { type: "button", class: "undo", onclick: async (event) => {
      event.target.disabled = true;
      try {
        await write("/api/undo", { method: "POST", body: { change: change.id } });
        item.remove();
      } catch (error) {
        event.target.disabled = false;
        fail(error);
      }
    } }, "Undo"));
  }
  buttons.append(el("button", { type: "button", class: "close", "aria-label": "Dismiss", onclick: () => item.remove() }, "×"));
  item.append(buttons);
  list.prepend(item);
  while (list.children.length > 3) list.lastChild.remove();
}

// A modal dialog. `submit` runs on OK; its error is shown in the dialog,
// which stays open until it succeeds or is cancelled.
function ask({ title, body = [], fields = [], okLabel = "OK", disabled = false, submit }) {
  const dialog = $("dialog");
  $("dialog-title").textContent = title;
  const holder = $("dialog-body");
  holder.textContent = "";
  holder.append(...body);
  const inputs = {};
  for (const field of fields) {
    const id = "field-" + field.name;
    const input = field.options
      ? el("select", { id, name: field.name }, field.options.map((o) => el("option", { value: o.value, text: o.label })))
      : el("input", { id, name: field.name, type: "text", required: field.required, autocomplete: "off" });
    if (field.value !== undefined && field.value !== null) input.value = field.value;
    inputs[field.name] = input;
    holder.append(el("label", { for: id, text: field.label }), input);
  }
  const error = $("dialog-error");
  error.hidden = true;
  const ok = $("dialog-ok");
  ok.textContent = okLabel;
  ok.disabled = disabled;
  return new Promise((resolve) => {
    const form = $("dialog-form");
    const finish = (value) => {
      form.onsubmit = null;
      $("dialog-cancel").onclick = null;
      dialog.oncancel = null;
      if (dialog.open) dialog.close();
      resolve(value);
    };
    form.onsubmit = async (event) => {
      event.preventDefault();
      const values = {};
      for (const [name, input] of Object.entries(inputs)) values[name] = input.value.trim();
      ok.disabled = true;
      try {
        const answer = submit ? await submit(values) : values;
        finish(answer || values);
      } catch (failure) {
        error.textContent = failure instanceof ApiError ? failure.text : String(failure.message || failure);
        error.hidden = false;
        ok.disabled = false;
      }
    };
    $("dialog-cancel").onclick = () => finish(null);
    dialog.oncancel = () => finish(null);
    dialog.showModal();
    const first = holder.querySelector("input, select");
    (first || (disabled ? $("dialog-cancel") : ok)).focus();
  });
}

// ---- Search ----
let searchTimer = null;
let searchSerial = 0;

function onSearchInput() {
  clearTimeout(searchTimer);
  const text = $("search-input").value.trim();
  if (!text) { showResults(null); return; }
  searchTimer = setTimeout(async () => {
    const serial = ++searchSerial;
    try {
      const answer = await api("/api/search?limit=20&q=" + encodeURIComponent(text));
      if (serial === searchSerial) showResults(answer.results, text);
    } catch (error) {
      fail(error);
    }
  }, 200);
}

function showResults(results, query = "") {
  const list = $("search-results");
  list.textContent = "";
  list.dataset.query = query;
  list.hidden = results === null;
  if (results === null) return;
  if (!results.length) {
    list.append(el("li", { class: "none", text: "No role matches." }));
    return;
  }
  for (const result of results) {
    list.append(el("li", {}, el("button", {
      type: "button",
      class: "result",
      "data-key": result.key,
      onclick: () => { list.hidden = true; openPath(result.path, result); },
    }, el("span", { class: "result-holder", text: result.holder || "vacant" }),
    el("span", { class: "result-title", text: result.title }),
    el("span", { class: "result-meta", text: result.key + (result.unit ? " · " + result.unit.name : "") }))));
  }
}

// Opens every branch from the top down to the last key of `path`, then
// highlights the chain and brings the role into view.
async function openPath(path, found) {
  try {
    if (!state.nodes.has(path[0])) await loadChart(false);
    for (let i = 0; i < path.length - 1; i++) {
      const node = state.nodes.get(path[i]);
      if (!node) break;
      node.expanded = true;
      if (!node.kids) await loadChildren(path[i]);
      const next = path[i + 1];
      if (!node.kids.includes(next) && !node.pinned.has(next)) {
        if (!state.nodes.has(next)) {
          const details = await api(roleUrl(next));
          nodeFor(details.role);
        }
        node.pinned.add(next);
      }
    }
    const key = path[path.length - 1];
    if (found && !state.nodes.has(key)) nodeFor(found);
    state.chain = new Set(path);
    state.hit = key;
    render();
    bringIntoView(key);
    await openPanel(key);
  } catch (error) {
    fail(error);
  }
}

// ---- The role's panel ----
let panelSerial = 0;

async function openPanel(key, { quiet = false } = {}) {
  // Only the latest request fills the panel: a refresh of the old role that
  // answers late must not replace a role opened since.
  const serial = ++panelSerial;
  state.selected = key;
  let details;
  try {
    details = await api(roleUrl(key));
  } catch (error) {
    if (serial !== panelSerial) return;
    if (!quiet) fail(error);
    if (error.status === 404) closePanel();
    return;
  }
  if (serial !== panelSerial) return;
  document.querySelectorAll(".box.selected").forEach((b) => b.classList.remove("selected"));
  const box = document.querySelector(`.box[data-key="${CSS.escape(key)}"]`);
  if (box) box.classList.add("selected");
  const role = details.role;
  const panel = $("panel");
  panel.textContent = "";
  panel.hidden = false;
  panel.dataset.key = key;
  panel.dataset.revision = details.revision;
  const section = (title, ...content) => el("section", {}, el("h3", { text: title }), ...content);
  const refButton = (ref) => el("button", { type: "button", class: "ref", "data-key": ref.key,
    onclick: () => openPath(pathTo(ref.key, details), null) }, label(ref) + (ref.title ? " — " + ref.title : ""));
  panel.append(el("div", { class: "panel-head" },
    el("h2", { text: role.title }),
    el("button", { type: "button", class: "close", "aria-label": "Close the panel", onclick: closePanel }, "×")));
  panel.append(el("p", { class: "panel-holder" + (role.vacant ? " vacant" : ""), text: role.holder || "vacant" }));
  const facts = el("dl", { class: "facts" });
  const fact = (name, value) => { if (value !== null && value !== undefined && value !== "") facts.append(el("dt", { text: name }), el("dd", { text: String(value) })); };
  fact("Key", role.key);
  const unit = details.unitDetails || role.unit;
  fact("Unit", unit ? `${unit.name} (${unit.key}${unit.kind ? ", " + unit.kind : ""})` : "none");
  // The PMO the role sits in, when the server names it; else its own unit's type.
  const pmo = details.pmo || role.pmo || (unit && unit.pmoType ? { name: unit.name, type: unit.pmoType } : null);
  if (pmo) fact("PMO", `${pmo.name || pmo.key} (${pmo.type || pmo.pmoType || ""})`);
  if (role.pmoType) fact("Heads a PMO", role.pmoType);
  fact("Grade", role.grade);
  if (role.salary) fact("Salary", `${role.salary.amount} ${role.salary.currency}`);
  fact("Rung", role.rung);
  fact("Reports", `${role.directReports} direct` + (role.dottedReports ? `, ${role.dottedReports} dotted` : ""));
  panel.append(facts);

  panel.append(section("Chain to the top", details.chain && details.chain.length
    ? el("ol", { class: "chain-list" }, details.chain.map((ref) => el("li", {}, refButton(ref))))
    : el("p", { text: "Top of the chart." })));

  const rollup = details.rollup || {};
  const cost = (rollup.cost || []).map((c) => `${c.amount} ${c.currency}`).join(", ") || "none";
  const team = el("dl", { class: "facts" },
    el("dt", { text: "Headcount" }), el("dd", { text: String(rollup.headcount ?? "") }),
    el("dt", { text: "Vacancies" }), el("dd", { text: String(rollup.vacancies ?? "") }),
    el("dt", { text: "Cost" }), el("dd", { text: cost }));
  panel.append(section("Team (this role and everyone below it)", team));

  const dotted = [];
  for (const ref of details.dottedManagers || []) dotted.push(el("li", {}, "dotted line to ", refButton(ref)));
  for (const ref of details.dottedReports || []) dotted.push(el("li", {}, "dotted report ", refButton(ref)));
  panel.append(section("Dotted lines", dotted.length ? el("ul", {}, dotted) : el("p", { text: "None." })));

  if (role.pmoType && role.unit) panel.append(typePreview(role));

  if (canEdit()) panel.append(editActions(key, details));
  else if (state.me && state.me.level === "edit" && state.asOf) {
    panel.append(el("p", { class: "note", text: "Editing is for today's chart: clear the date to edit." }));
  }

  const changes = details.history || [];
  panel.append(section("History", changes.length
    ? el("ol", { class: "history" }, changes.map(changeItem))
    : el("p", { text: "No recorded change." })));
}

function pathTo(key, details) {
  const i = details.path.indexOf(key);
  if (i >= 0) return details.path.slice(0, i + 1);
  return [key];
}

function changeItem(change) {
  return el("li", {},
    el("span", { class: "change-id", text: `#${change.id}` }),
    el("span", { class: "change-at", text: ` ${(change.effective || change.at || "").slice(0, 10)}${change.planned ? " planned" : ""} ` }),
    el("span", { text: (change.summary || []).join("; ") }));
}

function closePanel() {
  $("panel").hidden = true;
  state.selected = null;
  document.querySelectorAll(".box.selected").forEach((b) => b.classList.remove("selected"));
}

function typePreview(role) {
  const types = ["supportive", "controlling", "directive", "enterprise"].filter((t) => t !== role.pmoType);
  const select = el("select", { "aria-label": "New PMO type" }, types.map((t) => el("option", { value: t, text: t })));
  const out = el("div", { class: "preview" });
  const button = el("button", { type: "button", onclick: async () => {
    out.textContent = "";
    try {
      const answer = await api(`/api/units/${encodeURIComponent(role.unit.key)}/type-preview?to=${select.value}`);
      out.append(renderPreview(answer));
    } catch (error) {
      out.append(el("p", { class: "error", text: error.text || String(error) }));
    }
  } }, "Preview");
  return el("section", { class: "type-preview" }, el("h3", { text: `PMO type change for ${role.unit.name}` }),
    el("p", { text: `Now ${role.pmoType}. What would change under another type:` }), select, " ", button, out);
}

// The preview is the CLI's plan: the line changes the new type implies, with
// their reasons, and notes on what the plan cannot do by itself.
function renderPreview(plan) {
  const items = [];
  for (const change of plan.changes || []) {
    const where = [change.from ? `from ${change.from}` : null, change.to ? `to ${change.to}` : null].filter(Boolean).join(" ");
    items.push(el("li", {}, el("strong", { text: `${change.action} ${change.role}` }), where ? " " + where : "",
      change.reason ? el("span", { class: "reason", text: ` (${change.reason})` }) : null));
  }
  for (const note of plan.notes || []) {
    items.push(el("li", { class: "warning", text: note.message + (note.fix ? ` ${note.fix}` : "") }));
  }
  if (!items.length) return el("p", { text: `Changing ${plan.pmo || "the PMO"} to ${plan.to || "that type"} would move nobody.` });
  return el("ul", {}, items);
}

function editActions(key, details) {
  const role = details.role;
  const revision = details.revision;
  const action = (text, handler, cls) => el("button", { type: "button", class: cls, onclick: () => handler().catch(fail) }, text);
  const wrap = el("section", { class: "actions" }, el("h3", { text: "Change" }));
  wrap.append(
    action("Edit title and holder", () => ask({
      title: `Edit ${role.key}`,
      fields: [{ name: "title", label: "Title", value: role.title, required: true },
        { name: "holder", label: "Holder (empty for vacant)", value: role.holder || "" }],
      okLabel: "Save",
      submit: (v) => {
        const body = { revision, title: v.title };
        if (v.holder) body.holder = v.holder; else body.vacant = true;
        return write(roleUrl(key), { method: "PATCH", body }, key);
      },
    }), "edit"),
    action("Vacate", () => ask({
      title: `Vacate ${role.key}`,
      body: [el("p", { text: `${role.holder || "Nobody"} leaves ${role.key}; the role stays, vacant.` })],
      okLabel: "Vacate",
      disabled: role.vacant,
      submit: () => write(roleUrl(key), { method: "PATCH", body: { revision, vacant: true } }, key),
    }), "vacate"),
    action("Add a role below", () => ask({
      title: `Add a role reporting to ${role.key}`,
      fields: [{ name: "key", label: "Key", required: true }, { name: "title", label: "Title", required: true },
        { name: "holder", label: "Holder (empty for vacant)" }],
      okLabel: "Add",
      submit: async (v) => {
        const body = { key: v.key, title: v.title, reportsTo: key };
        if (v.holder) body.holder = v.holder;
        const node = state.nodes.get(key);
        if (node) node.expanded = true;
        return write("/api/roles", { method: "POST", body });
      },
    }), "add"),
    action("Move under…", () => ask({
      title: `Move ${role.key}`,
      fields: [{ name: "to", label: "Key of the new manager", required: true }],
      okLabel: "Move",
      submit: async (v) => {
        const check = await api(`${roleUrl(key)}/move`, { method: "POST", body: { revision, to: v.to, dryRun: true } });
        if (!check.ok) throw new Error(check.error ? check.error.message : "The move is refused.");
        return write(`${roleUrl(key)}/move`, { method: "POST", body: { revision, to: v.to, dryRun: false } }, key);
      },
    }), "move"),
    action("Add a dotted line", () => ask({
      title: `Dotted line from ${role.key}`,
      fields: [{ name: "to", label: "Key of the dotted-line manager", required: true }],
      okLabel: "Add",
      submit: (v) => write(`${roleUrl(key)}/dotted`, { method: "POST", body: { to: v.to } }, key),
    }), "dotted"),
    action("Remove", () => ask({
      title: `Remove ${role.key}`,
      body: [el("p", { text: `Remove ${label(role)}? Its reports go to its manager.` })],
      okLabel: "Remove",
      submit: async () => {
        const answer = await write(`${roleUrl(key)}?revision=${encodeURIComponent(revision)}`, { method: "DELETE" }, key);
        closePanel();
        return answer;
      },
    }), "remove danger"),
  );
  for (const ref of details.dottedManagers || []) {
    wrap.append(action(`Remove dotted line to ${ref.key}`, () => write(
      `${roleUrl(key)}/dotted/${encodeURIComponent(ref.key)}`, { method: "DELETE" }, key), "undot"));
  }
  return wrap;
}

// ---- PMO view ----
async function loadFindings() {
  const answer = await api("/api/check");
  state.findings = new Map();
  for (const finding of answer.findings) {
    if (!finding.role) continue;
    const list = state.findings.get(finding.role.key) || [];
    list.push(finding.message);
    state.findings.set(finding.role.key, list);
  }
  if (state.pmoView) {
    const side = $("side");
    side.textContent = "";
    side.hidden = false;
    side.dataset.view = "pmo";
    side.append(el("h2", { text: "PMO check" }));
    if (!answer.findings.length) side.append(el("p", { text: "No findings: the chart follows the PMO rules." }));
    side.append(el("ul", { class: "findings" }, answer.findings.map((f) => el("li", { class: f.severity || "" },
      el("span", { class: "rule", text: f.rule }), " ",
      f.role ? el("button", { type: "button", class: "ref", "data-key": f.role.key,
        onclick: async () => { try { const d = await api(roleUrl(f.role.key)); openPath(d.path); } catch (e) { fail(e); } } }, label(f.role)) : null,
      el("p", { text: f.message })))));
  }
  render();
}

async function togglePmo() {
  state.pmoView = !state.pmoView;
  state.historyView = false;
  $("history-toggle").setAttribute("aria-pressed", "false");
  $("pmo-toggle").setAttribute("aria-pressed", String(state.pmoView));
  if (state.pmoView) {
    try { await loadFindings(); } catch (error) { fail(error); }
  } else {
    state.findings = new Map();
    $("side").hidden = true;
    render();
  }
}

// ---- History, as-of and diff ----
// The side's compare form is built once; a refresh replaces only the list of
// changes, so that dates being typed are kept.
async function showHistory() {
  const side = $("side");
  if (side.dataset.view !== "history" || side.hidden) buildHistory(side);
  const answer = await api("/api/history?limit=50", { asOf: false });
  const list = $("history-list");
  list.textContent = "";
  list.append(...answer.changes.map((change) => {
    const item = changeItem(change);
    if (canEdit()) {
      item.append(" ", el("button", { type: "button", class: "undo", onclick: () =>
        write("/api/undo", { method: "POST", body: { change: change.id } }).catch(fail) }, "Undo"));
    }
    return item;
  }));
}

function buildHistory(side) {
  side.textContent = "";
  side.hidden = false;
  side.dataset.view = "history";
  const from = el("input", { type: "date", id: "diff-from", "aria-label": "From date", required: true });
  const to = el("input", { type: "date", id: "diff-to", "aria-label": "To date", required: true });
  const out = el("div", { class: "diff", "aria-live": "polite" });
  const compare = el("form", { class: "compare", onsubmit: async (event) => {
    event.preventDefault();
    out.textContent = "";
    try {
      const diff = await api(`/api/diff?from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`, { asOf: false });
      const changes = diff.changes || [];
      out.append(el("p", { text: `${changes.length} difference${changes.length === 1 ? "" : "s"} from ${from.value} to ${to.value}` }));
      out.append(el("ul", {}, changes.map((c) => el("li", { text: c.text || (c.summary || []).join("; ") || JSON.stringify(c) }))));
    } catch (error) {
      out.append(el("p", { class: "error", text: error.text || String(error) }));
    }
  } }, el("h3", { text: "Compare two dates" }), from, " ", to, " ", el("button", { type: "submit" }, "Compare"));
  side.append(el("h2", { text: "History" }), compare, out, el("h3", { text: "Recorded changes" }),
    el("ol", { class: "history", id: "history-list" }));
}

async function toggleHistory() {
  state.historyView = !state.historyView;
  state.pmoView = false;
  state.findings = new Map();
  $("pmo-toggle").setAttribute("aria-pressed", "false");
  $("history-toggle").setAttribute("aria-pressed", String(state.historyView));
  if (state.historyView) {
    try { await showHistory(); } catch (error) { fail(error); }
  } else {
    $("side").hidden = true;
  }
  render();
}

async function setAsOf(date) {
  state.asOf = date;
  $("as-of").value = date;
  $("as-of-clear").hidden = !date;
  document.body.classList.toggle("past", Boolean(date));
  try {
    await refresh();
    say(date ? `The chart as of ${date} (planned changes included).` : "Today's chart.");
  } catch (error) {
    fail(error);
  }
}

// ---- Live: the server's event stream ----
async function listen() {
  if (state.events) state.events.abort();
  const controller = new AbortController();
  state.events = controller;
  let wait = 500;
  while (!controller.signal.aborted) {
    try {
      const headers = { Accept: "text/event-stream" };
      if (state.token) headers.Authorization = "Bearer " + state.token;
      const response = await fetch("/api/events", { headers, signal: controller.signal, cache: "no-store", credentials: "omit" });
      if (response.status === 401) { signOut("The token is no longer valid."); return; }
      if (!response.ok || !response.body) throw new Error("events " + response.status);
      wait = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
          onEvent(block);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 10000);
    // Something may have changed while the stream was down.
    refresh();
  }
}

function onEvent(block) {
  let name = "message";
  let data = "";
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(":")) continue;
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data += line.slice(5).trim();
  }
  if (name !== "change") return;
  let version = null;
  try { version = JSON.parse(data).version; } catch (error) { /* a change without a version still refreshes */ }
  if (version && version === state.version) return;
  refresh();
}

// ---- Wiring ----
function wire() {
  $("signin").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("signin-token").value.trim();
    if (!token) return;
    sessionStorage.setItem("orgToken", token);
    $("signin-token").value = "";
    start();
  });
  // A new link with a token opened in the same tab switches to that token.
  window.addEventListener("hashchange", () => {
    if (/(?:^#|&)token=/.test(location.hash)) {
      state.nodes.clear();
      state.chain = new Set();
      state.hit = null;
      closePanel();
      start();
    }
  });
  $("search-input").addEventListener("input", onSearchInput);
  $("search-input").addEventListener("keydown", (event) => {
    if (event.key === "Escape") showResults(null);
    if (event.key === "ArrowDown") {
      const first = $("search-results").querySelector("button");
      if (first) { first.focus(); event.preventDefault(); }
    }
  });
  $("search-results").addEventListener("keydown", (event) => {
    const buttons = [...$("search-results").querySelectorAll("button")];
    const i = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i < buttons.length - 1) { buttons[i + 1].focus(); event.preventDefault(); }
    if (event.key === "ArrowUp") { (i > 0 ? buttons[i - 1] : $("search-input")).focus(); event.preventDefault(); }
    if (event.key === "Escape") { showResults(null); $("search-input").focus(); }
  });
  const center = () => { const r = $("viewport").getBoundingClientRect(); return [r.width / 2, r.height / 2]; };
  $("zoom-in").addEventListener("click", () => zoomAt(1.25, ...center()));
  $("zoom-out").addEventListener("click", () => zoomAt(0.8, ...center()));
  $("fit").addEventListener("click", fit);
  $("pmo-toggle").addEventListener("click", togglePmo);
  $("history-toggle").addEventListener("click", toggleHistory);
  $("as-of").addEventListener("change", (event) => setAsOf(event.target.value));
  $("as-of-clear").addEventListener("click", () => setAsOf(""));
  const viewport = $("viewport");
  viewport.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [x, y] = viewportPoint(event);
    zoomAt(Math.exp(-event.deltaY * 0.0015), x, y);
  }, { passive: false });
  viewport.addEventListener("pointerdown", onPointerDown);
  window.addEventListener("pointermove", onPointerMove);
  window.addEventListener("pointerup", onPointerUp);
  window.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea, dialog")) return;
    if (event.key === "+" || event.key === "=") zoomAt(1.25, ...center());
    if (event.key === "-") zoomAt(0.8, ...center());
    if (event.key === "0") fit();
  });
}

wire();
start();
