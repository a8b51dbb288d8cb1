"""Idempotent upserts keyed by the company's own ids, and the summaries they keep."""
from __future__ import annotations

from chalicelib.db.models import Account, Appointment, Property, ServiceRecord
from tests.api.factories import account, appointment, invoice, property_, seed_property, service_record


def test_account_is_created_then_a_repeat_put_changes_nothing(admin):
    first = admin("PUT", "/api/admin/accounts/acct-1", account())
    assert first.status_code == 201
    assert first.data["phone"] == "+12175550198"  # any common format, stored E.164
    assert first.data["changed"] is True

    again = admin("PUT", "/api/admin/accounts/acct-1", account())

    assert again.status_code == 200
    assert again.data["changed"] is False
    assert again.data["updated_at"] == first.data["updated_at"]
    assert Account.get("acct-1").version == 1


def test_account_update_is_applied(admin):
    admin("PUT", "/api/admin/accounts/acct-1", account())

    updated = admin("PUT", "/api/admin/accounts/acct-1", account(name="Jane Doe", phone="+1 217 555 0111"))

    assert updated.status_code == 200
    assert updated.data["changed"] is True
    stored = Account.get("acct-1")
    assert (stored.name, stored.phone) == ("Jane Doe", "+12175550111")


def test_property_keeps_address_and_system_and_normalises_state(admin):
    seed_property(admin)

    stored = Property.get("prop-1")

    assert stored.account_id == "acct-1"
    assert stored.address.as_dict()["state"] == "IL"
    assert stored.system.as_dict()["tank_gallons"] == 1000
    assert stored.address_key == "62704|12 oak street"


def test_last_pump_out_follows_the_newest_completed_one_whatever_the_order(admin):
    seed_property(admin)
    admin("PUT", "/api/admin/service-records/r-new", service_record(date="2025-03-01"))
    admin("PUT", "/api/admin/service-records/r-old", service_record(date="2019-03-01"))
    admin("PUT", "/api/admin/service-records/r-insp", service_record(date="2025-09-01", service_type="inspection", gallons_pumped=None))
    admin("PUT", "/api/admin/service-records/r-planned", service_record(date="2026-12-01", status="scheduled"))

    prop = Property.get("prop-1")

    assert prop.last_pump_out_on == "2025-03-01"
    assert prop.last_service.as_dict() == {"record_id": "r-insp", "date": "2025-09-01", "service_type": "inspection"}


def test_correcting_a_records_date_moves_the_summary_back(admin):
    seed_property(admin)
    admin("PUT", "/api/admin/service-records/r-1", service_record(date="2019-03-01"))
    admin("PUT", "/api/admin/service-records/r-2", service_record(date="2025-03-01"))

    admin("PUT", "/api/admin/service-records/r-2", service_record(date="2018-01-01"))

    assert Property.get("prop-1").last_pump_out_on == "2019-03-01"


def test_service_record_keeps_notes_with_their_visibility(admin):
    seed_property(admin)

    admin("PUT", "/api/admin/service-records/r-1", service_record())

    record = ServiceRecord.get("r-1")
    assert record.account_id == "acct-1"
    assert [(n["text"], n["visibility"]) for n in record.notes] == [
        ("Baffles intact.", "customer"), ("Dog on site; call ahead.", "internal")
    ]


def test_upcoming_appointments_are_summarised_soonest_first_without_cancelled_ones(admin):
    seed_property(admin)
    admin("PUT", "/api/admin/appointments/a-late", appointment(date="2099-09-01"))
    admin("PUT", "/api/admin/appointments/a-soon", appointment(date="2099-02-01", technician_name="Maria Chen"))
    admin("PUT", "/api/admin/appointments/a-past", appointment(date="2001-01-01"))
    admin("PUT", "/api/admin/appointments/a-off", appointment(date="2099-01-01", status="cancelled"))

    upcoming = Property.get("prop-1").upcoming

    assert [(a["appointment_id"], a["technician_name"]) for a in upcoming] == [
        ("a-soon", "Maria Chen"), ("a-late", "Luis Ortega")
    ]
    assert Appointment.get("a-off").status == "cancelled"


def test_a_property_that_changes_hands_takes_its_history_along(admin):
    seed_property(admin)
    admin("PUT", "/api/admin/accounts/acct-2", account(name="New Owner", email="new@example.com"))
    admin("PUT", "/api/admin/service-records/r-1", service_record())

    admin("PUT", "/api/admin/properties/prop-1", property_("acct-2"))

    assert ServiceRecord.get("r-1").account_id == "acct-2"


def test_open_balance_follows_invoices_without_double_counting(admin):
    admin("PUT", "/api/admin/accounts/acct-1", account())

    admin("PUT", "/api/admin/invoices/inv-1", invoice())
    admin("PUT", "/api/admin/invoices/inv-1", invoice())  # a repeat
    admin("PUT", "/api/admin/invoices/inv-2", invoice(number="1043", lines=[{"description": "Call", "amount_cents": 9500}]))
    stored = Account.get("acct-1")
    assert (stored.open_balance_cents, stored.open_invoice_count) == (45000 + 9500, 2)

    partly = admin("PUT", "/api/admin/invoices/inv-1", invoice(payments=[
        {"payment_id": "chk-1", "amount_cents": 5000, "paid_on": "2026-10-10", "method": "check"}
    ]))
    assert partly.data["balance_cents"] == 40000
    admin("PUT", "/api/admin/invoices/inv-2", invoice(number="1043", status="void", lines=[{"description": "Call", "amount_cents": 9500}]))

    stored = Account.get("acct-1")
    assert (stored.open_balance_cents, stored.open_invoice_count) == (40000, 1)


def test_invoice_total_is_computed_from_the_lines(admin):
    admin("PUT", "/api/admin/accounts/acct-1", account())

    created = admin("PUT", "/api/admin/invoices/inv-1", invoice())

    assert created.status_code == 201
    assert (created.data["total_cents"], created.data["balance_cents"]) == (45000, 45000)


def test_invoice_moved_to_another_account_moves_its_balance(admin):
    admin("PUT", "/api/admin/accounts/acct-1", account())
    admin("PUT", "/api/admin/accounts/acct-2", account(email="two@example.com"))
    admin("PUT", "/api/admin/invoices/inv-1", invoice())

    admin("PUT", "/api/admin/invoices/inv-1", invoice(account_id="acct-2"))

    assert Account.get("acct-1").open_balance_cents == 0
    assert Account.get("acct-2").open_balance_cents == 45000


def test_an_appointment_id_of_the_portal_s_own_bookings_is_refused_and_nothing_is_stored(admin):
    seed_property(admin)

    response = admin("PUT", "/api/admin/appointments/booking-bk_1", appointment(date="2099-02-01"))

    assert response.status_code == 400
    assert response.data["details"][0]["field"] == "id"
    assert "portal's own bookings" in response.data["message"]
    assert Property.get("prop-1").upcoming in (None, [])
    assert Appointment.count() == 0
