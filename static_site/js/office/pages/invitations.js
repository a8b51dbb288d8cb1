// Invitations ("/office/invitations", owner and office): the counts first (who inviting everyone
// reaches, who it leaves out and why), then inviting everyone in batches with the progress and the
// result; and inviting one customer, or inviting them again, by email.
// GET /api/admin/invitations, POST /api/admin/invitations (100 a call, while `more`),
// POST /api/admin/invitations/by-email.
import { api } from "../../api.js";
import { fill, h } from "../../dom.js";
import { count, number } from "../../format.js";
import { alertSlot, field, focusHeading, showAlert, showFieldError, submitForm } from "../../forms.js";

export async function render(main, ctx) {
  ctx.setTitle("Invitations");
  const everyone = h("section", { class: "panel", "aria-labelledby": "everyone-heading" },
    h("h2", { id: "everyone-heading" }, "Invite everyone not invited yet"),
    h("p", { role: "status" }, "Counting the customers…"));
  fill(
    main,
    h("h1", {}, "Invitations"),
    h("p", { class: "lead" }, "An invitation is an email with a link that signs the customer in with one click (it works for 7 days, once)."),
    everyone,
    oneCustomer(),
  );
  await showCounts(everyone, ctx, null);
}

async function showCounts(section, ctx, result) {
  const heading = section.querySelector("h2");
  const { ok, data } = await api("GET", "/api/admin/invitations");
  if (!ok) return fill(section, heading, result, h("p", { class: "alert", role: "alert" }, data.message || "The customers could not be counted. Please reload the page."));
  const people = (n) => count(n, "customer", "customers");
  fill(section, heading,
    result,
    h("ul", { class: "plain invitation-counts" },
      data.will_invite > 0 && h("li", {}, h("strong", {}, `Will invite ${people(data.will_invite)}`), ": they have an email address and were never invited."),
      data.undeliverable > 0 && h("li", {}, h("strong", {}, `${people(data.undeliverable)} left out`), ": their address bounced or was reported as spam (see Messages)."),
      data.no_email > 0 && h("li", {}, h("strong", {}, `${people(data.no_email)} ${data.no_email === 1 ? "has" : "have"} no email address`),
        ": add one in your own software, or they can sign in by text with the phone number on file.")),
    data.will_invite > 0
      ? inviteEveryone(section, ctx, data)
      : h("p", { class: "notice" }, "Everyone with an email address has been invited or has signed in."));
}

function inviteEveryone(section, ctx, counts) {
  const box = h("div");
  const ask = h("button", { type: "button", class: "button" }, `Invite ${number(counts.will_invite)} ${counts.will_invite === 1 ? "customer" : "customers"}`);
  ask.addEventListener("click", () => {
    const question = h("p", { tabindex: "-1" }, h("strong", {}, `Send ${number(counts.will_invite)} invitations now? `),
      "This launches the portal: customers will start signing in.",
      ctx.me.areas.includes("checklist") && [" ", h("a", { href: "/office/checklist" }, "Check the launch checklist first"), "."]);
    const yes = h("button", { type: "button", class: "button" }, "Yes, send the invitations");
    const keep = h("button", { type: "button", class: "button button-secondary" }, "Not now");
    keep.addEventListener("click", () => {
      fill(box, ask);
      ask.focus();
    });
    yes.addEventListener("click", () => run(section, ctx, counts, box));
    fill(box, h("div", { class: "confirm-box" }, question, h("div", { class: "actions" }, yes, keep)));
    question.focus();
  });
  return fill(box, ask);
}

/** Invite a batch at a time while the API says there are more, showing the progress. */
async function run(section, ctx, counts, box) {
  const total = counts.will_invite;
  const bar = h("progress", { max: String(total), value: "0", "aria-labelledby": "invite-progress" });
  const words = h("p", { id: "invite-progress", role: "status" }, `Sending invitations: 0 of ${number(total)}…`);
  const alert = alertSlot();
  fill(box, words, bar, alert);
  let invited = 0;
  let skipped = 0;
  for (;;) {
    const { ok, data } = await api("POST", "/api/admin/invitations");
    if (!ok) {
      showAlert(alert, `${data.message || "The invitations stopped."} ${number(invited)} were sent; press the button again to send the rest.`);
      break;
    }
    invited += data.invited;
    skipped += data.skipped;
    bar.value = Math.min(invited + skipped, total);
    words.textContent = `Sending invitations: ${number(invited)} of ${number(total)}…`;
    if (!data.more) break;
  }
  const result = h("div", { class: "success", role: "status" },
    h("h3", { tabindex: "-1" }, `${number(invited)} ${invited === 1 ? "invitation" : "invitations"} sent`),
    skipped > 0 && h("p", {}, `${number(skipped)} left out: their address bounced or was reported as spam.`),
    h("p", {}, "Failed deliveries appear under Messages."));
  await showCounts(section, ctx, result);
  result.querySelector("h3").focus();
}

function oneCustomer() {
  const email = field("Customer’s email", { type: "email", name: "email", autocomplete: "off", maxlength: "254" },
    "Sends a new invitation; any link sent before stops working.");
  const alert = alertSlot();
  const done = h("div");
  const button = h("button", { type: "submit", class: "button" }, "Send invitation");
  const form = h("form", { novalidate: true, "aria-labelledby": "one-heading" }, email.el, alert, h("div", { class: "actions" }, button));
  submitForm(form, {
    button, alert, busy: "Sending…", fields: { email: email.input },
    check() {
      done.replaceChildren();
      const value = email.input.value.trim();
      if (!value) return showFieldError(email.input, "Enter the email address of a customer on file.");
      return { email: value };
    },
    send: (body) => api("POST", "/api/admin/invitations/by-email", body),
    sent(answer) {
      form.reset();
      const heading = h("p", {}, h("strong", {}, `Invitation sent to ${answer.name}`), ` (${answer.sent_to}).`);
      fill(done, h("div", { class: "success", role: "status" }, heading));
      focusHeading(heading);
    },
    failed(answer, status) {
      if (status === 404 || status === 409) {
        showFieldError(email.input, answer.message);
        return true;
      }
      return false;
    },
  });
  return h("section", { class: "panel", "aria-labelledby": "one-heading" },
    h("h2", { id: "one-heading" }, "Invite one customer, or invite again"), form, done);
}

