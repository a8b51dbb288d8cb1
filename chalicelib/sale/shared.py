"""The shared page (SPEC F13): what a share link opens, signed out, and every access to it logged.

An unknown token is a 404 and an expired or revoked one a 410; the page says the same to both
("this link has expired; ask the owner for a new one"). A property that changed hands ends its
links too: the record is the new owner's now. Every request here counts against the caller's
address first, so guessing tokens costs what any other request does.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from pynamodb.expressions.condition import size

from chalicelib import clock, company, logs
from chalicelib.auth import limits
from chalicelib.customer import messages, visibility
from chalicelib.db import conditional
from chalicelib.db.models import SHARE_LOG_KEPT, Account, Document, Property, Share
from chalicelib.db.queries import get_or_none
from chalicelib.db.sale_queries import share_now
from chalicelib.errors import Gone, NotFound
from chalicelib.notify import render
from chalicelib.sale import clients, record, shares
from chalicelib.settings import get_settings
from chalicelib.storage import documents as storage

log = logs.get_logger("shares")

ENDED = "This link has expired; ask the owner for a new one."
_UNKNOWN = partial(NotFound, "This link is not valid; ask the owner for a new one.")
_NO_REPORT = partial(NotFound, "This report is not part of the shared records.")


@dataclass(frozen=True)
class Client:
    """Who is asking, as coarsely as the owner is told (``sale.clients``), and the address for the limit."""

    ip: str
    browser: str
    country: str


def open_record(token: object, client: Client) -> dict[str, Any]:
    """The property's record, the share's label and expiry; logged as a view."""
    share, prop = _open(token, client)
    body = {
        "share": {"label": share.label, "expires_at": share.expires_at.isoformat(), "include_reports": share.include_reports},
        "record": record.property_record(prop, include_reports=share.include_reports),
    }
    _logged(share, "view", client)
    return body


def report_download(token: object, document_id: str, client: Client) -> dict[str, Any]:
    """A short-lived link to one report of the shared record (only when the share includes reports)."""
    share, _ = _open(token, client)
    item = get_or_none(Document, document_id) if share.include_reports and document_id else None
    defaults = company.current()["visibility_defaults"]
    if (item is None or item.property_id != share.property_id or item.kind not in record.REPORT_KINDS
            or not visibility.document(item.status, item.kind, item.visibility, defaults)):
        raise _NO_REPORT()
    url = storage.download_url(item.s3_key, item.content_type, item.s3_key.rsplit("/", 1)[-1])
    _logged(share, "report_download", client)
    return {"url": url, "expires_in": storage.DOWNLOAD_SECONDS}


def records_pack(token: str, client: Client) -> dict[str, Any]:
    """The records pack of the shared record, with the share link as its verification line."""
    from chalicelib.sale import pack

    share, prop = _open(token, client)
    answer = pack.records_pack(prop, include_reports=share.include_reports, verification_url=shares.link_url(token))
    _logged(share, "pack_download", client)
    return answer


def _open(token: object, client: Client) -> tuple[Share, Property]:
    limits.hit("shared", limits.subject(client.ip), get_settings().limit_shared_ip)
    match = shares.TOKEN.fullmatch(token) if isinstance(token, str) else None
    share = share_now(match.group(1)) if match else None
    if share is None or not shares.matches(share, token):
        raise _UNKNOWN()
    prop = get_or_none(Property, share.property_id)
    if shares.status(share, clock.now()) != "active" or prop is None or prop.account_id != share.account_id:
        raise Gone(ENDED)
    return share, prop


def _logged(share: Share, what: str, client: Client) -> None:
    """One UpdateItem adds the entry (or, past ``SHARE_LOG_KEPT``, counts it); the first access may email the owner."""
    now = clock.now()
    if share.first_viewed_at is None and share.notify_on_first_view:
        _tell_owner(share, client, now)  # before the write: its dedupe key sends it once even if the write fails
    entry = {"at": now.isoformat(), "what": what, "browser": client.browser, "country": client.country}
    first = Share.first_viewed_at.set(Share.first_viewed_at | now)
    exists = Share.share_id.exists()
    if not conditional(lambda: share.update(actions=[Share.accesses.set(Share.accesses.append([entry])), first],
                                            condition=exists & (size(Share.accesses) < SHARE_LOG_KEPT))):
        conditional(lambda: share.update(actions=[Share.more_accesses.add(1), first], condition=exists))


def _tell_owner(share: Share, client: Client, now: datetime) -> None:
    owner = get_or_none(Account, share.account_id)
    if owner is None:
        return
    local = now.astimezone(ZoneInfo(company.current()["booking"]["time_zone"]))
    opened = f"{render.date_words(local.date(), year=True)} at {render.clock_words(local.strftime('%H:%M'))}"
    browser = "an unknown browser" if client.browser == clients.UNKNOWN else client.browser
    where = "" if client.country == clients.UNKNOWN else f", from {client.country}"
    context = {"name": owner.name, "label": share.label, "property_label": share.property_label, "opened_words": opened,
               "client_words": browser + where, "shares_url": f"{get_settings().site_url}/shares"}
    messages.send(owner, "share_viewed", context, kind="transactional", dedupe_key=f"share-viewed:{share.share_id}")
