// A home sale on the dashboard card and the property page (F13): the inspection status the company's
// software set, the closing date and agent, how long the last inspection counts for a transfer; and
// the "Download records pack" button (a PDF made on request, opened from a 5-minute link).
import { h } from "./dom.js";
import { showAlert } from "./forms.js";
import { get } from "./customer.js";
import { safeUrl } from "./download.js";
import { longDate } from "./format.js";

/** [term, details] pairs for a facts list; empty when there is no sale and no transfer rule. */
export function saleFacts(sale) {
  if (!sale) return [];
  const facts = [];
  if (sale.status_words) {
    const extra = [sale.closing_date && `closing ${longDate(sale.closing_date)}`, sale.agent_name && `with ${sale.agent_name}`].filter(Boolean);
    facts.push(["Sale in progress", [h("strong", {}, sale.status_words), extra.length ? ` · ${extra.join(" · ")}` : ""]]);
  }
  if (sale.inspection_valid_words) facts.push(["Inspection for a sale", sale.inspection_valid_words]);
  return facts;
}

export function packButton(propertyId, attributes = {}) {
  const word = h("span", {}, "Download records pack");
  const button = h("button", { type: "button", class: "button button-secondary", ...attributes }, word);
  const alert = h("div", { class: "form-alert" });
  button.addEventListener("click", async () => {
    if (button.hasAttribute("aria-disabled")) return;
    alert.replaceChildren();
    button.setAttribute("aria-disabled", "true");
    word.textContent = "Preparing your records pack…";
    const { ok, status, data } = await get(`/api/properties/${encodeURIComponent(propertyId)}/records-pack`);
    button.removeAttribute("aria-disabled");
    word.textContent = "Download records pack";
    const url = ok ? safeUrl(data?.url) : null;
    if (url) return window.location.assign(url);
    if (status === 404) return showAlert(alert, "This property is no longer on your account. Please reload the page, or call us.");
    showAlert(alert, ok ? "We couldn’t prepare your records pack. Please try again, or call us." : data.message);
  });
  return h("div", { class: "download" }, button, alert);
}
