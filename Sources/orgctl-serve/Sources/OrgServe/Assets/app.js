// The page of `orgctl serve`: wires the controls and starts. Plain JavaScript
// modules, no library: the Content-Security-Policy allows only the page's own
// files, and every text from the server is inserted with textContent (never
// innerHTML), so a hostile name stays text.
import { state } from "./js/state.js";
import { canEdit } from "./js/api.js";
import { isRefreshing } from "./js/chart.js";
import { $ } from "./js/dom.js";
import { start } from "./js/session.js";
import { zoomAt, fit, viewportPoint, onPointerDown, onPointerMove, onPointerUp } from "./js/view.js";
import { onSearchInput, showResults } from "./js/search.js";
import { closePanel } from "./js/panel.js";
import { togglePmo } from "./js/pmo.js";
import { toggleHistory, setAsOf } from "./js/history.js";
import { toggleDotted } from "./js/dotted.js";

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
  $("dotted-toggle").addEventListener("click", toggleDotted);
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

// What the browser test (and the console) looks at: the modules keep their
// state to themselves.
window.orgPage = { state, canEdit, isRefreshing, onPointerUp };

wire();
start();
