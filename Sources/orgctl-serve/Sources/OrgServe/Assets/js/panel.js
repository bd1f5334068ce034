// The role's panel: its facts, chain, team, dotted lines and history.
import { state } from "./state.js";
import { $, el, fail, label } from "./dom.js";
import { api, roleUrl, canEdit } from "./api.js";
import { editActions } from "./editing.js";
import { openPath } from "./search.js";

// ---- The role's panel ----
let panelSerial = 0;

export async function openPanel(key, { quiet = false } = {}) {
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

export function pathTo(key, details) {
  const i = details.path.indexOf(key);
  if (i >= 0) return details.path.slice(0, i + 1);
  return [key];
}

export function changeItem(change) {
  return el("li", {},
    el("span", { class: "change-id", text: `#${change.id}` }),
    el("span", { class: "change-at", text: ` ${(change.effective || change.at || "").slice(0, 10)}${change.planned ? " planned" : ""} ` }),
    el("span", { text: (change.summary || []).join("; ") }));
}

export function closePanel() {
  $("panel").hidden = true;
  state.selected = null;
  document.querySelectorAll(".box.selected").forEach((b) => b.classList.remove("selected"));
}

export function typePreview(role) {
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
export function renderPreview(plan) {
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
