"""The launch checklist (C6, issue 16 item 7): what a launch needs, each checked against what is
true now and linked to where it is fixed.

The office tests the portal as a few chosen customers (``launch.test_accounts``, at most 5): the
checks of a report, a payment and a booking look only at those accounts, through the same reads
the customer's own pages make (a report counts only if the customer's documents page lists it).
Reads: the settings (cached), the launch item (GetItem), the test accounts (BatchGetItem), SES's
sender identity, then per test account one Query each of documents, invoices and bookings. The
checklist is the owner's, opened now and then: a few calls per test account, never a Scan.
"""
from __future__ import annotations

from typing import Any

from chalicelib import aws, company, launch
from chalicelib.customer import records
from chalicelib.db.models import Account, plain
from chalicelib.db.queries import account_by_email, accounts_by_id, bookings_of_account, invoices_of_account
from chalicelib.errors import Invalid
from chalicelib.settings import get_settings

REPORT_KIND = "inspection_report"
_SETTINGS = {"href": "/office/settings", "label": "Open the settings"}
_TESTERS = {"href": "#test-customers", "label": "Choose test customers"}
_CUSTOMER_SIGN_IN = {"href": "/signin", "label": "Sign in as a test customer"}


def checklist() -> dict[str, Any]:
    state = launch.state()
    found = accounts_by_id(set(state.test_accounts))
    testers = [found[account_id] for account_id in state.test_accounts if account_id in found]
    settings = company.current()
    items = [
        _branding(settings["branding"]),
        _sender(),
        _test_customers(testers),
        _final_report(testers),
        _invoice_paid(testers),
        _booking_made(testers),
        _invitations(state),
    ]
    return {
        "items": items,
        "done": sum(1 for item in items if item["done"]),
        "ready": all(item["done"] for item in items),
        "launched_at": state.first_invitation_at,
        "test_customers": [{"account_id": a.account_id, "name": a.name, "email": a.email} for a in testers],
    }


def set_test_customers(emails: list[str]) -> dict[str, Any]:
    """The customers the office tests with, by email (each must be on file): replaces the list."""
    if len(emails) > launch.MAX_TEST_ACCOUNTS:
        raise Invalid.field("emails", f"Choose at most {launch.MAX_TEST_ACCOUNTS} test customers.")
    accounts = []
    for index, email in enumerate(emails):
        account = account_by_email(email.lower())
        if account is None:
            raise Invalid.field(f"emails[{index}]", f"No customer with the email {email} is on file. Add them in your own software first.")
        accounts.append(account.account_id)
    launch.set_test_accounts(accounts)
    return checklist()


def _item(key: str, title: str, done: bool, detail: str, fix: dict[str, str] | None) -> dict[str, Any]:
    return {"key": key, "title": title, "done": done, "detail": detail, "fix": None if done else fix}


def _branding(branding: dict[str, Any]) -> dict[str, Any]:
    defaults = company.DEFAULTS["branding"]
    missing = [words for words, ok in (
        ("your company's name", branding.get("company_name") != defaults["company_name"]),
        ("a logo", bool(branding.get("logo_url"))),
        ("your colours", (branding.get("primary_color"), branding.get("accent_color")) != (defaults["primary_color"], defaults["accent_color"])),
        ("a phone number or email for customers", bool(branding.get("phone") or branding.get("email"))),
    ) if not ok]
    if missing:
        return _item("branding", "Branding set", False, f"Still missing: {', '.join(missing)}.", _SETTINGS)
    return _item("branding", "Branding set", True,
                 f"Customers see {branding['company_name']}, your logo, your colours and how to reach you.", _SETTINGS)


def _sender() -> dict[str, Any]:
    """SES's identity for the sender's domain (production) or address (local mode's stand-in)."""
    from botocore.exceptions import BotoCoreError, ClientError

    settings = get_settings()
    address = settings.mail_from
    title = "Email sender verified"
    fix = {"href": "https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html", "label": "How to verify a domain with SES"}
    for identity in (address.rsplit("@", 1)[-1], address):
        try:
            answer = aws.client("sesv2").get_email_identity(EmailIdentity=identity)
        except (ClientError, BotoCoreError) as exc:
            if isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in ("NotFoundException", "AccessDeniedException"):
                continue  # not this identity: the address, then none
            return _item("sender", title, False, f"Amazon SES could not be asked about {identity} just now. Reload to check again.", fix)
        if answer.get("VerifiedForSendingStatus") or answer.get("VerificationStatus") == "SUCCESS":
            where = " (local mode: messages go to the outbox page, nothing leaves this machine)" if settings.local_mode else ""
            verified = "which Amazon SES has verified" if identity == address else f"and Amazon SES has verified {identity}"
            return _item("sender", title, True, f"Emails come from {address}, {verified}{where}.", fix)
        return _item("sender", title, False,
                     f"Amazon SES has not verified {identity} yet: add its three DKIM records to your DNS "
                     "(the deploy guide, step 5), then reload.", fix)
    return _item("sender", title, False, f"Amazon SES has no identity for {address}: the deploy guide, step 5, sets it up.", fix)


def _test_customers(testers: list[Account]) -> dict[str, Any]:
    if not testers:
        return _item("test_customers", "Test customers chosen", False,
                     "Choose one or more customers to try the portal as (yourself or a colleague, on file in your own software).",
                     _TESTERS)
    names = ", ".join(a.name for a in testers)
    return _item("test_customers", "Test customers chosen", True, f"Testing as {names}.", _TESTERS)


def _final_report(testers: list[Account]) -> dict[str, Any]:
    title = "A final report visible to a test customer"
    for account in testers:
        shown = records.documents(account.account_id, None, "50")["items"]
        report = next((d for d in shown if d["kind"] == REPORT_KIND), None)
        if report:
            return _item("final_report", title, True, f"{account.name} sees “{report['title']}” on their documents page.", _SETTINGS)
    return _item("final_report", title, False,
                 "No test customer sees a final inspection report yet. Publish one (final, not draft) on a test "
                 "customer's property, and check that the settings show inspection reports to customers.", _SETTINGS)


def _invoice_paid(testers: list[Account]) -> dict[str, Any]:
    title = "A test invoice paid on the portal"
    for account in testers:
        for invoice in invoices_of_account(account.account_id):
            paid = [p for p in plain(invoice.payments) or [] if p.get("source") == "portal" and p.get("status", "succeeded") == "succeeded"]
            if paid:
                return _item("invoice_paid", title, True, f"{account.name} paid invoice {invoice.number} on the portal.", _CUSTOMER_SIGN_IN)
    return _item("invoice_paid", title, False,
                 "No test customer has paid an invoice on the portal yet. Sign in as one and pay an open invoice "
                 "(in test mode, with a test card).", _CUSTOMER_SIGN_IN)


def _booking_made(testers: list[Account]) -> dict[str, Any]:
    title = "A test booking made"
    for account in testers:
        booked = bookings_of_account(account.account_id)
        if booked:
            return _item("booking_made", title, True, f"{account.name} has made a booking on the portal.", _CUSTOMER_SIGN_IN)
    return _item("booking_made", title, False,
                 "No test customer has booked yet. Sign in as one and book a visit (then answer it on the Bookings page).",
                 _CUSTOMER_SIGN_IN)


def _invitations(state: launch.Launch) -> dict[str, Any]:
    title = "Invitations not sent yet"
    if state.first_invitation_at:
        return _item("invitations", title, False,
                     f"Invitations have gone out to customers (the first on {state.first_invitation_at[:10]}): the portal is launched.",
                     {"href": "/office/invitations", "label": "See the invitations"})
    return _item("invitations", title, True,
                 "No customer has been invited yet. When everything above is ticked, invite your customers.",
                 {"href": "/office/invitations", "label": "Invitations"})
