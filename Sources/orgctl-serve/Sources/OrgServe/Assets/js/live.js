// Live: the server's event stream, which refreshes the chart after every change.
import { state } from "./state.js";
import { signOut } from "./session.js";
import { refresh } from "./chart.js";

// ---- Live: the server's event stream ----
export async function listen() {
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

export function onEvent(block) {
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
