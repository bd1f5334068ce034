// The token, signing in and out, and who the reader is.
import { state } from "./state.js";
import { $, el, fail, label } from "./dom.js";
import { api } from "./api.js";
import { loadChart } from "./chart.js";
import { listen } from "./live.js";

// ---- Token and sign-in ----
export function readToken() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem("orgToken", decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem("orgToken");
}

export function signOut(message) {
  state.token = null;
  sessionStorage.removeItem("orgToken");
  if (state.events) state.events.abort();
  $("signin").hidden = false;
  const error = $("signin-error");
  error.textContent = message || "";
  error.hidden = !message;
  $("signin-token").focus();
}

export async function start() {
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

export function showWho() {
  const me = state.me;
  const who = $("who");
  who.textContent = "";
  if (!me) return;
  const branch = me.branch ? ` · branch ${label(me.branch)}` : "";
  who.append(el("span", { text: `${me.name || "anonymous"} · ${me.level === "edit" ? "can edit" : "read only"}${branch}` }));
  document.body.classList.toggle("can-edit", me.level === "edit");
}
