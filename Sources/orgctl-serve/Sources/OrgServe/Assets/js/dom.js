// Building elements (every text through textContent) and telling the reader.
import { ApiError } from "./api.js";

export const $ = (id) => document.getElementById(id);

export function el(tag, props, ...children) {
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

// ---- Messages ----
let statusTimer = null;
export function say(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
  status.hidden = !text;
  clearTimeout(statusTimer);
  if (text) statusTimer = setTimeout(() => { status.hidden = true; }, isError ? 12000 : 5000);
}

export function fail(error) {
  say(error instanceof ApiError ? error.text : String(error.message || error), true);
}

export function label(ref) {
  if (!ref) return "";
  return ref.holder ? `${ref.key} (${ref.holder})` : `${ref.key} (vacant)`;
}
