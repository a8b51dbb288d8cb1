// The page the "use this number" text opens ("/profile/confirm-phone#token=…"): until it is used,
// a new number is used for nothing, sign-in included.
import { confirmPage } from "./confirm-email.js";

const LINK_ERRORS = {
  link_used: "This link has already been used. If your number hasn’t changed, enter it again on your profile and we’ll text a new link.",
  link_expired: "This link has expired. Enter the number again on your profile and we’ll text a new link.",
  link_invalid: "This link isn’t valid. Please open the whole link from the text, or enter the number again on your profile.",
};

export function render(main, ctx) {
  return confirmPage(main, ctx, {
    key: "phone-change-token",
    path: "/api/me/phone/confirm",
    title: "Confirm your new phone number",
    button: "Use this number",
    busy: "Confirming…",
    lead: "Press the button to use this phone number for your account from now on: for texts about your visits, and to sign in by text.",
    missing: "Part of the link is missing. Please open the whole link from the text we sent.",
    failed: "We couldn’t change your phone number",
    linkErrors: LINK_ERRORS,
    done: "Your new phone number is confirmed",
    doneText: () => "We’ll use this number from now on.",
  });
}
