// The JSON API's client: the token, the as-of date, and refusals as ApiError.
import { state } from "./state.js";
import { signOut } from "./session.js";

// ---- The API ----
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `the server answered ${status}`);
    this.status = status;
    this.code = error.code || "http_" + status;
    this.fix = error.fix || null;
    this.value = error.value || null;
    this.changes = error.changes || [];
  }
  get text() {
    return this.fix ? `${this.message}. ${this.fix}` : this.message;
  }
}

export async function api(path, { method = "GET", body, asOf = true } = {}) {
  let url = path;
  if (method === "GET" && asOf && state.asOf) {
    url += (url.includes("?") ? "&" : "?") + "asOf=" + encodeURIComponent(state.asOf);
  }
  const headers = { Accept: "application/json" };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "omit",
  });
  let answer = null;
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) answer = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, answer);
    if (response.status === 401) signOut(error.message);
    throw error;
  }
  return answer;
}

export const roleUrl = (key) => "/api/roles/" + encodeURIComponent(key);
export const canEdit = () => state.me && state.me.level === "edit" && !state.asOf;
