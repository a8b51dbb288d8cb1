"""The access patterns of records for a home sale (F13, F14): share links and new owners' requests.

Beside ``queries`` (the rest of the portal's), with the same ``Page`` and page sizes.
"""
from __future__ import annotations

from typing import Any

from chalicelib.db.models import AccessRequest, Share
from chalicelib.db.queries import MAX_PAGE, Page, _page

# -- a new owner's access requests (F14) -------------------------------------------------------

ACCESS_REQUESTS_LISTED = 50


def access_requests_by_status(status: str, start: dict[str, Any] | None) -> Page:
    """Access requests of one status, newest first, ``ACCESS_REQUESTS_LISTED`` a page."""
    return _page(AccessRequest.by_status.query(status, scan_index_forward=False, limit=ACCESS_REQUESTS_LISTED,
                                               last_evaluated_key=start))



# -- share links (F13) ------------------------------------------------------------------------

def shares_of_account(account_id: str) -> list[Share]:
    """The account's share links, newest first, at most ``MAX_PAGE`` (each carries its access log)."""
    return list(Share.by_account.query(account_id, scan_index_forward=False, limit=MAX_PAGE))


def share_now(share_id: str) -> Share | None:
    """One consistent GetItem: a link revoked a moment ago reads as revoked."""
    try:
        return Share.get(share_id, consistent_read=True)
    except Share.DoesNotExist:
        return None
