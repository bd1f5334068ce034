// Loading the chart branch by branch, and refreshing what is shown.
import { PAGE, MORE, state } from "./state.js";
import { $, fail } from "./dom.js";
import { api, roleUrl } from "./api.js";
import { render } from "./render.js";
import { fit } from "./view.js";
import { openPanel } from "./panel.js";
import { loadFindings } from "./pmo.js";
import { showHistory } from "./history.js";
import { visibleKids } from "./layout.js";

// ---- Loading the chart ----
export function nodeFor(data) {
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

export async function loadChart(first) {
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

export async function loadChildren(key, offset = 0) {
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
export async function reloadExpanded() {
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
// True while the chart is being refetched.
export function isRefreshing() {
  return refreshing !== null;
}

export function refresh() {
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

export async function toggle(key) {
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

export async function showMore(key) {
  const node = state.nodes.get(key);
  try { await loadChildren(key, node.kids.length); } catch (error) { return fail(error); }
  render();
}
