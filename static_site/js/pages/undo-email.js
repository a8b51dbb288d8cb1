// The page the "that wasn't me" link in the old inbox opens ("/profile/undo-email#token=…"): it puts
// the old email back and signs the account out on every device.
import { confirmPage } from "./confirm-email.js";

const LINK_ERRORS = {
  link_used: "This link has already been used, so your old email is already back. Sign in again with it.",
  link_expired: "This link has expired. Please call us and we’ll put your email back.",
  link_invalid: "This link isn’t valid. Please open the whole link from the email, or call us.",
};

export function render(main, ctx) {
  return confirmPage(main, ctx, {
    key: "email-undo-token",
    path: "/api/me/email/undo",
    title: "Undo the email change",
    button: "Put my old email back and sign out everywhere",
    busy: "Undoing…",
    lead: "If you didn’t change your email, press the button: we put this address back and sign your account out on every phone and computer.",
    missing: "Part of the link is missing. Please open the whole link from the email.",
    failed: "We couldn’t undo the email change",
    linkErrors: LINK_ERRORS,
    done: "Your old email is back",
    doneText: (data) => `Sign-in links go to ${data?.email ?? "your old address"} again, and every device is signed out.`,
    next: { href: "/signin", text: "Sign in again" },
  });
}
