// The PMO view: the check's findings, listed and marked on the chart.
import { state } from "./state.js";
import { $, el, fail, label } from "./dom.js";
import { api, roleUrl } from "./api.js";
import { render } from "./render.js";
import { openPath } from "./search.js";

// ---- PMO view ----
export async function loadFindings() {
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

export async function togglePmo() {
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
