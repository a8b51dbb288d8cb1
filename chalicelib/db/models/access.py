"""A new owner's request for a property's records (F14), and what the office decided."""
from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.db.models.base import Table


class AccessRequestsByStatus(GlobalSecondaryIndex):
    """The office's list: requests of one status, newest first."""

    class Meta:
        index_name = "by_status"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class AccessRequest(Table):
    base_name = "access-requests"

    class Meta(Table.Meta):
        table_name = "portal-access-requests"

    request_id = UnicodeAttribute(hash_key=True)  # "ar_<random>"
    status = UnicodeAttribute()  # requested | approved | declined
    sort_key = UnicodeAttribute()  # "<created iso>#<request_id>"
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    address_line1 = UnicodeAttribute()  # as the requester typed it
    zip = UnicodeAttribute()
    address_key = UnicodeAttribute()
    property_id = UnicodeAttribute(null=True)  # the property on file at that address; None: not on file
    previous_account_id = UnicodeAttribute(null=True)  # who held it when approved
    account_id = UnicodeAttribute(null=True)  # the new owner's account, once approved
    transferred_on = UnicodeAttribute(null=True)  # the transfer date (company time zone)
    decided_by = UnicodeAttribute(null=True)  # "office link" | "admin api"
    decline_reason = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    decided_at = UTCDateTimeAttribute(null=True)

    by_status = AccessRequestsByStatus()
