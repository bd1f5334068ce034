// Changing the chart: moving by dragging, the dialogs, writes, their changes and undo.
import { state, drag } from "./state.js";
import { $, el, say, fail, label } from "./dom.js";
import { ApiError, api, roleUrl, canEdit } from "./api.js";
import { refresh } from "./chart.js";
import { onPointerMove } from "./view.js";
import { openPanel, closePanel } from "./panel.js";

export function startMoveDrag(event) {
  drag.mode = "move";
  const role = state.nodes.get(drag.key).data;
  drag.ghost = el("div", { class: "drag-ghost", "aria-hidden": "true", text: `Move ${label(role)}` });
  document.body.append(drag.ghost);
  document.body.classList.add("dragging");
  drag.target = null;
  drag.checks = new Map();
  onPointerMove(event);
}

export function setDropTarget(key) {
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

export function dryRun(key, to) {
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


export async function confirmMove(key, to, checkPromise, revisionPromise) {
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
export async function write(path, options, key) {
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

export function showChange(change) {
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
export function ask({ title, body = [], fields = [], okLabel = "OK", disabled = false, submit }) {
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

export function editActions(key, details) {
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
