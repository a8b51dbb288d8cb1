// JSON requests to the portal API (same origin: the HttpOnly session cookie goes along). Never
// throws: the answer is { ok, status, data }, and when ok is false, data is an error body
// { code, message, details? } whose message can always be shown to the user as it is.

const TIMEOUT_MS = 15000;
const OFFLINE = "We couldn’t reach the portal. Check your internet connection and try again.";
const SERVER = "Something went wrong on our side. Please try again in a minute, or call us.";
const OTHER = "That didn’t work. Please try again, or call us.";

/** headers: any more request headers (e.g. { "Idempotency-Key": … }). */
export async function api(method, path, body, headers = {}) {
  const init = { method, credentials: "same-origin", headers: { ...headers, Accept: "application/json" } };
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(path, { ...init, signal: AbortSignal.timeout?.(TIMEOUT_MS) });
  } catch {
    return { ok: false, status: 0, data: { code: "offline", message: OFFLINE } };
  }
  const data = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data };
  const known = typeof data?.message === "string" && data.message;
  const message = known ? data.message : response.status >= 500 ? SERVER : OTHER;
  return { ok: false, status: response.status, data: { ...data, code: data?.code ?? "error", message } };
}

/**
 * The field a 400 answer blames and what to say next to it: { field, message } or null. The
 * detail's message is a whole sentence written for the customer ("Enter a phone number we can
 * text, such as (217) 555-0100."), shown as it is.
 */
export function fieldError(error) {
  const detail = error?.details?.[0];
  if (typeof detail?.field !== "string") return null;
  const words = typeof detail.message === "string" && detail.message.trim();
  return { field: detail.field, message: words || error.message };
}
