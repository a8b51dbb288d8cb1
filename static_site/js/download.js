// The button that opens a document (history and documents pages). Download links are short-lived
// (5 minutes), so every click asks for a fresh one, then the browser goes to it: a PDF opens in
// the browser's viewer, other files download.
import { h } from "./dom.js";
import { showAlert } from "./forms.js";
import { get } from "./customer.js";

const OPENS_IN_BROWSER = /^(application\/pdf|image\/)/i;

/** The visible word is "Open" (or "Download"); screen readers also hear the document's title. */
export function downloadButton(doc) {
  const verb = OPENS_IN_BROWSER.test(doc.content_type ?? "") ? "Open" : "Download";
  const word = h("span", {}, verb);
  const button = h("button", { type: "button", class: "button button-secondary" }, word, h("span", { class: "visually-hidden" }, ` ${doc.title}`));
  const alert = h("div", { class: "form-alert" });
  button.addEventListener("click", async () => {
    if (button.hasAttribute("aria-disabled")) return;
    alert.replaceChildren();
    button.setAttribute("aria-disabled", "true");
    word.textContent = verb === "Open" ? "Opening…" : "Downloading…";
    const { ok, status, data } = await get(`/api/documents/${encodeURIComponent(doc.id)}/download`);
    button.removeAttribute("aria-disabled");
    word.textContent = verb;
    const url = ok ? safeUrl(data?.url) : null;
    if (url) return window.location.assign(url);
    if (status === 404) return showAlert(alert, "This document is no longer available. Please reload the page, or call us.");
    showAlert(alert, ok ? "We couldn’t open that document. Please try again, or call us." : data.message);
  });
  return h("div", { class: "download" }, button, alert);
}

export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
