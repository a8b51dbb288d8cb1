"""The portal's launch (C6, the launch checklist): which customers the office tests with, and when
the first invitation went to a customer who is not one of them (the portal is launched then).

One item in the settings table (key ``launch``), beside the company's settings. Each change is a
read and a conditional save on the item's version: two changes at the same moment never lose one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from pynamodb.exceptions import PutError

from chalicelib import clock
from chalicelib.db.models import CompanySettings, plain

LAUNCH_KEY = "launch"
MAX_TEST_ACCOUNTS = 5
_TRIES = 3


@dataclass(frozen=True)
class Launch:
    test_accounts: tuple[str, ...] = ()
    first_invitation_at: str | None = None  # ISO time of the first invitation to a real customer
    first_invited: str | None = None  # that customer's account id


def state() -> Launch:
    """One GetItem (never cached: the checklist shows what is true now)."""
    item = _item()
    return _read(item) if item else Launch()


def set_test_accounts(account_ids: list[str]) -> Launch:
    return _change(lambda data: {**data, "test_accounts": list(dict.fromkeys(account_ids))[:MAX_TEST_ACCOUNTS]})


def note_invitations(account_ids: list[str]) -> None:
    """Invitations just went to these accounts: the first one to an account that is not a test
    account marks the launch (once: later invitations change nothing, and cost one GetItem)."""
    current = state()
    real = [account_id for account_id in account_ids if account_id not in current.test_accounts]
    if not real or current.first_invitation_at:
        return
    moment = clock.now().isoformat()
    _change(lambda data: data if data.get("first_invitation_at") else {**data, "first_invitation_at": moment, "first_invited": real[0]})


def _item() -> CompanySettings | None:
    try:
        return CompanySettings.get(LAUNCH_KEY, consistent_read=True)
    except CompanySettings.DoesNotExist:
        return None


def _read(item: CompanySettings) -> Launch:
    data = plain(item.data) or {}
    return Launch(tuple(data.get("test_accounts") or ()), data.get("first_invitation_at"), data.get("first_invited"))


def _change(change: Callable[[dict[str, Any]], dict[str, Any]]) -> Launch:
    """Apply ``change`` to the stored data and save on the version read; read again if another
    change came first."""
    for _ in range(_TRIES):
        item = _item() or CompanySettings(LAUNCH_KEY, data={})
        data = change(plain(item.data) or {})
        item.data, item.updated_at = data, clock.now()
        try:
            item.save()
            return _read(item)
        except PutError as exc:
            if exc.cause_response_code != "ConditionalCheckFailedException":
                raise
    raise RuntimeError("the launch state kept changing while it was being saved")
