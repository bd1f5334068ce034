// History: recorded changes with undo, the difference between two dates, and the as-of date.
import { state } from "./state.js";
import { $, el, say, fail } from "./dom.js";
import { api, canEdit } from "./api.js";
import { refresh } from "./chart.js";
import { render } from "./render.js";
import { write } from "./editing.js";
import { changeItem } from "./panel.js";

// ---- History, as-of and diff ----
// The side's compare form is built once; a refresh replaces only the list of
// changes, so that dates being typed are kept.
export async function showHistory() {
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

export function buildHistory(side) {
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

export async function toggleHistory() {
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

export async function setAsOf(date) {
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
