// Sign in ("/signin"): a sign-in link by email or text (F1), the account finder by service address
// (F3) and, folded away, the optional password. No password needed is the message.
import { api } from "../api.js";
import { safeNext, signInReason } from "../destination.js";
import { fill, h } from "../dom.js";
import { alertSlot, field, focusHeading, showFieldError, submitForm } from "../forms.js";
import { currentSession } from "../session.js";
import { lookupSection } from "../signin/lookup.js";
import { passwordSection } from "../signin/password.js";

const SENT = "If that email or phone number is on file, we’ve sent you a sign-in link.";

export async function render(main, ctx) {
  ctx.setTitle("Sign in");
  const session = await currentSession();
  const next = safeNext(ctx.query.get("next"));
  fill(
    main,
    h("h1", {}, "Sign in"),
    next && !session && h("p", { class: "notice", role: "status" }, signInReason(next)),
    ctx.query.get("signed_out") === "all" &&
      h("p", { class: "success", role: "status" }, "You are signed out on all your devices."),
    session && signedInNotice(session),
    h("p", { class: "lead" }, "No password needed. Enter your email or mobile phone number and we’ll send you a link that signs you in."),
    linkSection(next),
    passwordSection(next),
    lookupSection(),
    h("p", { class: "new-owner" }, "Bought a home we service? ", h("a", { href: "/new-owner" }, "Ask for its records")),
  );
}

function signedInNotice(session) {
  return h(
    "div",
    { class: "notice" },
    h("p", {}, session.name ? `You are already signed in as ${session.name}.` : "You are already signed in."),
    h("p", {}, h("a", { class: "button", href: "/dashboard" }, "Go to my dashboard")),
  );
}

function linkSection(next) {
  const section = h("div");
  section.append(linkForm(section, "", next));
  return section;
}

function linkForm(section, value = "", next = null) {
  const contact = field(
    "Email or mobile phone",
    { type: "text", name: "contact", inputmode: "email", autocomplete: "email", autocapitalize: "none", spellcheck: "false", value },
    "For example: name@example.com or (555) 123-4567",
  );
  const alert = alertSlot();
  const button = h("button", { type: "submit", class: "button" }, "Send me a sign-in link");
  const form = h("form", { novalidate: true }, contact.el, alert, h("div", { class: "actions" }, button));

  submitForm(form, {
    button, alert, busy: "Sending…",
    fields(_name, message) {
      showFieldError(contact.input, message); // email or phone: the one box
      return true;
    },
    check() {
      const text = contact.input.value.trim();
      if (!text) return showFieldError(contact.input, "Enter your email address or mobile phone number.");
      const body = text.includes("@") ? { email: text } : { phone: text };
      if (next) body.next = next; // the link that is sent comes back there
      return body;
    },
    send: (body) => api("POST", "/api/auth/magic-link", body),
    sent: (data, body) => showSent(section, data?.message ?? SENT, "email" in body, body.email ?? body.phone, next),
  });
  return form;
}

function showSent(section, message, byEmail, text, next) {
  const heading = h("h2", {}, byEmail ? "Check your email" : "Check your phone");
  const again = h("button", { type: "button", class: "button button-secondary" }, "Use a different email or phone");
  again.addEventListener("click", () => {
    const form = linkForm(section, text, next);
    section.replaceChildren(form);
    form.querySelector("input").select();
  });
  section.replaceChildren(
    h(
      "div",
      { class: "confirmation" },
      heading,
      h("p", {}, message),
      byEmail
        ? h("p", {}, "Not there in a minute? Check your spam folder.")
        : h("p", {}, "No text in a minute? If you ever replied STOP to our texts, we can’t text you any more: sign in with your email instead."),
    ),
    h("div", { class: "actions" }, again),
  );
  focusHeading(heading);
}
