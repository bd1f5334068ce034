// Search, and opening the chart down to a role.
import { state } from "./state.js";
import { $, el, fail } from "./dom.js";
import { api, roleUrl } from "./api.js";
import { nodeFor, loadChart, loadChildren } from "./chart.js";
import { render } from "./render.js";
import { bringIntoView } from "./view.js";
import { openPanel } from "./panel.js";

// ---- Search ----
let searchTimer = null;
let searchSerial = 0;

export function onSearchInput() {
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

export function showResults(results, query = "") {
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
export async function openPath(path, found) {
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
