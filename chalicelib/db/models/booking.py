"""The booking service (F11): bookings, the per-slot counters, remembered idempotent answers."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.db.models.base import ByAccount, Table, index_like


class BookingsByStatus(GlobalSecondaryIndex):
    """The dispatch board's queue: bookings of one status, oldest first."""

    class Meta:
        index_name = "by_status"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class BookingsByWeek(GlobalSecondaryIndex):
    """The office's week (sparse): bookings on the calendar, by the Monday of their visit's week,
    in date, window and id order. Only a confirmed booking has these keys."""

    class Meta:
        index_name = "by_week"
        projection = AllProjection()

    visit_week = UnicodeAttribute(hash_key=True)  # the Monday, "2026-11-23"
    visit_key = UnicodeAttribute(range_key=True)  # "<date>#<window>#<booking_id>"


class BookingRequest(Table):
    """A customer's booking: a request for preferred dates, or an instant booking of a slot."""

    base_name = "booking-requests"

    class Meta(Table.Meta):
        table_name = "portal-booking-requests"

    booking_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    sort_key = UnicodeAttribute()  # "<created iso>#<booking_id>"
    mode = UnicodeAttribute()  # request | instant
    service_type = UnicodeAttribute()
    status = UnicodeAttribute()  # requested | confirmed | declined | cancelled
    preferred = ListAttribute(null=True)  # [{date, window}]
    notes = UnicodeAttribute(null=True)
    slot = UnicodeAttribute(null=True)  # "<date>#<window>" holding a place, instant bookings only
    appointment = MapAttribute(null=True)  # {date, window, window_start, window_end, technician_name}
    decline_reason = UnicodeAttribute(null=True)
    changes = NumberAttribute(default=0)  # the calendar invitation's SEQUENCE
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    visit_week = UnicodeAttribute(null=True)  # while confirmed: the Monday of the visit's week
    visit_key = UnicodeAttribute(null=True)  # while confirmed: "<date>#<window>#<booking_id>"

    by_account = index_like(ByAccount)
    by_status = BookingsByStatus()
    by_week = BookingsByWeek()


class SlotCount(Table):
    """Places taken in one arrival window: the counter every instant booking updates atomically."""

    base_name = "slot-counts"

    class Meta(Table.Meta):
        table_name = "portal-slot-counts"

    service_type = UnicodeAttribute(hash_key=True)
    slot = UnicodeAttribute(range_key=True)  # "<date>#<window>": one Query reads a date range
    booked = NumberAttribute(default=0)


class IdempotentRequest(Table):
    """The answer to a request sent with an ``Idempotency-Key``, replayed for a repeat (24 h)."""

    base_name = "idempotency"

    class Meta(Table.Meta):
        table_name = "portal-idempotency"

    key = UnicodeAttribute(hash_key=True)  # "<account_id>#<Idempotency-Key>"
    fingerprint = UnicodeAttribute()
    status_code = NumberAttribute()
    body = UnicodeAttribute()
    expires_at = TTLAttribute()
