// The page a reminder's "stop these reminders" link opens ("/unsubscribe#token=…"). It works without
// signing in; as with sign-in links, opening it changes nothing (mail scanners open links): only the
// button sends the token. Mailbox providers' own unsubscribe button uses the List-Unsubscribe header
// instead (POST /api/unsubscribe/one-click), to the same effect.
import { confirmPage } from "./confirm-email.js";

const LINK_ERRORS = {
  unsubscribe_link_invalid: "This unsubscribe link isn’t valid, so nothing was changed. Please open the whole link from the email, or turn reminders off on your profile.",
};

export function render(main, ctx) {
  return confirmPage(main, ctx, {
    key: "unsubscribe-token",
    path: "/api/unsubscribe",
    title: "Stop service reminders",
    button: "Stop service reminders",
    busy: "Stopping reminders…",
    lead: "Press the button and we’ll stop sending you reminders when your septic service is due, by email and by text. Receipts, booking answers and sign-in links still come.",
    missing: "Part of the link is missing, so nothing was changed. Please open the whole link from the email, or turn reminders off on your profile.",
    failed: "We couldn’t stop your reminders",
    linkErrors: LINK_ERRORS,
    done: "You’re unsubscribed",
    doneText: () => "You will no longer get service reminders. Change this on your profile any time.",
    next: { href: "/profile", text: "Go to your profile" },
  });
}
