// Where to go after signing in ("?next=/invoices/…/pay"): a path on this site only, checked the
// same way the server checks it (chalicelib/auth/destination.py); anything else is ignored.
const SAFE = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/** raw if it is a path on this site to return to after signing in, else null. */
export function safeNext(raw) {
  if (typeof raw !== "string" || !raw || raw.length > 500 || !SAFE.test(raw)) return null;
  let decoded = raw;
  for (let i = 0; i < 3; i += 1) {
    if (decoded.startsWith("//") || decoded.includes("\\") || /[\u0000-\u001f\u007f]/.test(decoded)) return null;
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return null;
    }
  }
  if (!decoded.startsWith("/") || decoded.startsWith("//") || decoded.includes("\\")) return null;
  const path = raw.split("?")[0];
  if (path === "/signin" || path.startsWith("/signin/")) return null;
  return raw;
}

/** The sign-in page's address for coming back here afterwards. */
export function signInHere() {
  const here = safeNext(location.pathname + location.search);
  // The dashboard is where signing in lands anyway.
  return here && here !== "/dashboard" ? `/signin?next=${encodeURIComponent(here)}` : "/signin";
}

/** Why sign-in was asked for, in words: "Sign in to pay invoice 1042." */
export function signInReason(next) {
  const pay = /^\/invoices\/([^/?]+)\/pay/.exec(next ?? "");
  if (pay) return "Please sign in to pay this invoice.";
  if (/^\/invoices\/[^/?]+/.test(next ?? "")) return "Please sign in to see this invoice.";
  if (/^\/bookings/.test(next ?? "")) return "Please sign in to see your bookings.";
  if (/^\/book(\?|$)/.test(next ?? "")) return "Please sign in to book service.";
  return "Please sign in to see that page.";
}
