"""Properties and what is recorded on them: service records, appointments, documents."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.db.models.base import ByAccount, ByHolder, ByProperty, Index, Table, index_like


class PropertiesByAccount(Index):
    class Meta(Index.Meta):
        index_name = "by_account"

    account_id = UnicodeAttribute(hash_key=True)
    property_id = UnicodeAttribute(range_key=True)


class PropertiesByAddress(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_address"
        projection = KeysOnlyProjection()

    address_key = UnicodeAttribute(hash_key=True)


class Property(Table):
    base_name = "properties"

    class Meta(Table.Meta):
        table_name = "portal-properties"

    property_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    address = MapAttribute()
    address_key = UnicodeAttribute()  # normalised "zip|line1" for finding an account by address
    search_key = UnicodeAttribute(null=True)  # the words (and holder) the customer search has for it, hashed
    system = MapAttribute(null=True)
    service_interval_months = NumberAttribute(null=True)
    # Summaries the dashboard reads instead of querying the records behind them.
    last_service = MapAttribute(null=True)  # {record_id, date, service_type}
    last_pump_out_on = UnicodeAttribute(null=True)
    last_inspection_on = UnicodeAttribute(null=True)  # the last completed inspection (systems with mechanical parts)
    yearly_pumping_through = UnicodeAttribute(null=True)  # since that inspection (sale.transaction.yearly_through)
    transaction = MapAttribute(null=True)  # the sale in progress, set by the company's software (SPEC F13)
    upcoming = ListAttribute(null=True)  # next scheduled appointments, soonest first
    access_notes = UnicodeAttribute(null=True)  # the customer's: gate code, dogs, lids (F12)
    household_size = NumberAttribute(null=True)  # the customer's: people living there, 1-20 (F4's table)
    # Who held it when (F14): [{account_id, from, to}] oldest first, written when it changes hands;
    # none while it has had one owner. ``from``/``to`` are dates; the first ``from`` and the last ``to`` are None.
    owners = ListAttribute(null=True)
    owner_since = UnicodeAttribute(null=True)  # the day the current owner got it through a transfer
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = PropertiesByAccount()
    by_address = PropertiesByAddress()


# -- records on a property ------------------------------------------------------------------

class ServiceRecord(Table):
    base_name = "service-records"

    class Meta(Table.Meta):
        table_name = "portal-service-records"

    record_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()  # the property's owner on the record's date: their record for good
    holder_id = UnicodeAttribute(null=True)  # the property's owner now (by_holder)
    property_id = UnicodeAttribute()
    sort_key = UnicodeAttribute()  # "<date>#<record_id>"
    date = UnicodeAttribute()
    service_type = UnicodeAttribute()
    status = UnicodeAttribute()
    technician_name = UnicodeAttribute(null=True)
    gallons_pumped = NumberAttribute(null=True)
    notes = ListAttribute(null=True)  # [{text, visibility}]
    condition_rating = UnicodeAttribute(null=True)
    measurements = MapAttribute(null=True)
    visibility = UnicodeAttribute(null=True)  # None: the company's default for the kind
    documents = ListAttribute(null=True)  # [{document_id, title, kind, status, visibility}]
    summarised = MapAttribute(null=True)  # {at, reports: [document ids linked]}: the post-service summary went
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = index_like(ByAccount)
    by_property = index_like(ByProperty)
    by_holder = index_like(ByHolder)


# A portal booking's own appointment is named so; the company's software may not use the prefix.
PORTAL_BOOKING_APPOINTMENT = "booking-"


class Appointment(Table):
    base_name = "appointments"

    class Meta(Table.Meta):
        table_name = "portal-appointments"

    appointment_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    property_id = UnicodeAttribute()
    sort_key = UnicodeAttribute()  # "<date>T<window_start>#<appointment_id>"
    date = UnicodeAttribute()
    window_start = UnicodeAttribute()
    window_end = UnicodeAttribute()
    technician_name = UnicodeAttribute(null=True)
    service_type = UnicodeAttribute()
    status = UnicodeAttribute(default="scheduled")
    # The technician's progress on the day, from POST .../status: en_route | arrived | completed.
    visit_status = UnicodeAttribute(null=True)
    eta = UnicodeAttribute(null=True)  # "HH:MM" in the company's time zone, while en_route
    visit_changes = NumberAttribute(null=True)  # status changes so far: each one is told once
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = index_like(ByAccount)
    by_property = index_like(ByProperty)


class Document(Table):
    base_name = "documents"

    class Meta(Table.Meta):
        table_name = "portal-documents"

    document_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()  # as on service records: the owner on the document's date
    holder_id = UnicodeAttribute(null=True)  # the property's owner now (by_holder)
    property_id = UnicodeAttribute()
    service_record_id = UnicodeAttribute(null=True)
    sort_key = UnicodeAttribute()  # "<date>#<document_id>"
    date = UnicodeAttribute()
    title = UnicodeAttribute()
    kind = UnicodeAttribute()
    content_type = UnicodeAttribute()
    s3_key = UnicodeAttribute()
    status = UnicodeAttribute(default="draft")
    visibility = UnicodeAttribute(null=True)
    size_bytes = NumberAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()

    by_account = index_like(ByAccount)
    by_property = index_like(ByProperty)
    by_holder = index_like(ByHolder)
