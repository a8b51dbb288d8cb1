"""Whether autopay is on for an account, whether it can be had, and when it will charge an invoice.

Customer pages read this without reading the account: the account's autopay state is copied onto
each of its invoices (``Invoice.account_autopay``) whenever it changes (enrolment, turning it off,
the company's software changing the maintenance agreement) and when an invoice is upserted, so the
invoices list stays one Query and an invoice one GetItem (SPEC §8). No Stripe here: it loads only
where payments happen.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from chalicelib import company
from chalicelib.db.models import Account, Invoice, plain
from chalicelib.db.office_queries import every_account_page
from chalicelib.db.queries import invoices_of_account

CATCH_UP_DAYS = 3  # the job charges an invoice on its due date or, if that run was missed, up to this many days late


def eligible(account: Account) -> bool:
    """Who may set up autopay, as the settings say (``payments.autopay``): customers on a maintenance
    agreement (the company's software says who is), or everyone."""
    if company.current()["payments"]["autopay"] == "everyone":
        return True
    return bool((plain(account.external) or {}).get("maintenance_agreement"))


def state(account: Account) -> dict[str, bool]:
    return {"on": plain(account.autopay) is not None, "eligible": eligible(account)}


def of_invoice(item: Invoice) -> dict[str, bool] | None:
    """The account's state as copied onto the invoice; None on an invoice stored before it was copied."""
    copied = plain(item.account_autopay)
    return {"on": bool(copied.get("on")), "eligible": bool(copied.get("eligible"))} if copied else None


def charges_on(item: Invoice, today: date) -> str | None:
    """The day the autopay job will charge this invoice, or None if it will not.

    The same rule as the job (``autopay.charge_due``): an open invoice with a balance and a due
    date, on an account with a saved method, is charged on its due date or, while the job catches
    up, the next days; once a day at most, so an invoice tried today is tried again tomorrow.
    """
    if not (of_invoice(item) or {}).get("on") or item.status != "open" or int(item.balance_cents) <= 0 or not item.due_on:
        return None
    due = date.fromisoformat(item.due_on)
    day = max(due, today)
    if item.autopay_tried_on == day.isoformat():
        day += timedelta(days=1)
    return day.isoformat() if day < due + timedelta(days=CATCH_UP_DAYS) else None


def stamp_invoices(account: Account) -> int:
    """Copy the account's autopay state onto every invoice of the account that does not have it yet."""
    now = state(account)
    changed = 0
    for item in invoices_of_account(account.account_id):
        if plain(item.account_autopay) != now:
            item.update(actions=[Invoice.account_autopay.set(now)], add_version_condition=False)
            changed += 1
    return changed


RESTAMP_PAGE = 50


def stamp_all_task(payload: dict[str, Any], task_id: str) -> list[str]:
    """Outbox task after the autopay rule changed: copy the new state onto one page of accounts'
    invoices, then queue the next page (a paged Scan, never on a request path)."""
    from chalicelib.notify import queue

    company.forget_cache()  # this container may not have seen the change yet
    page = every_account_page(RESTAMP_PAGE, payload.get("start"))
    for account in page.items:
        stamp_invoices(account)
    if page.last_key:
        queue.enqueue_task("restamp-autopay", {"start": page.last_key})
    return []


def restamp_everything() -> None:
    """Queue the copy of every account's autopay state onto its invoices (after the rule changed)."""
    from chalicelib.notify import queue

    queue.enqueue_task("restamp-autopay", {"start": None})
