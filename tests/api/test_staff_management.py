"""Staff management (owner only) with its guards, and the audit trail of every admin write."""
from __future__ import annotations

import pytest

from tests.api.factories import account
from tests.api.staff_helpers import add_staff, as_staff, staff_sign_in


@pytest.fixture
def owner(admin, browser_api, client):
    member = add_staff(admin, "Olivia Owner", "owner@example.com", "owner")
    return member, as_staff(client, staff_sign_in(browser_api, "owner@example.com"))


def test_an_owner_adds_lists_and_changes_staff(owner):
    _, api = owner
    created = api("POST", "/api/admin/staff", {"name": "Omar Office", "email": "Omar@Example.com", "role": "office"})
    assert created.status_code == 201
    assert created.data["email"] == "omar@example.com" and created.data["active"]
    assert created.data["created_by"].startswith("staff:")

    changed = api("PATCH", f"/api/admin/staff/{created.data['id']}", {"role": "dispatcher", "name": "Omar O."})
    assert (changed.data["role"], changed.data["name"]) == ("dispatcher", "Omar O.")

    listed = api("GET", "/api/admin/staff").data["items"]
    assert [(m["name"], m["role"]) for m in listed] == [("Olivia Owner", "owner"), ("Omar O.", "dispatcher")]


def test_an_email_belongs_to_one_staff_member(owner):
    _, api = owner
    again = api("POST", "/api/admin/staff", {"name": "Other", "email": "OWNER@example.com", "role": "office"})
    assert again.status_code == 409
    assert "already" in again.data["message"]


def test_bad_staff_bodies_are_refused_with_the_field_named(owner):
    _, api = owner
    for body in ({"name": "X", "email": "not-an-email", "role": "office"},
                 {"name": "X", "email": "x@example.com", "role": "boss"},
                 {"name": "", "email": "x@example.com", "role": "office"},
                 {"name": "X", "email": "x@example.com", "role": "office", "is_admin": True}):
        refused = api("POST", "/api/admin/staff", body)
        assert refused.status_code == 400 and refused.data["details"], body
    assert len(api("GET", "/api/admin/staff").data["items"]) == 1


def test_the_last_active_owner_cannot_be_demoted_or_disabled(owner, admin):
    member, api = owner
    for change in ({"role": "office"}, {"disabled": True}):
        refused = admin("PATCH", f"/api/admin/staff/{member['id']}", change)
        assert refused.status_code == 409
        assert "last active owner" in refused.data["message"]
    assert api("GET", "/api/admin/me").data["role"] == "owner"


def test_with_a_second_owner_the_first_can_be_demoted(owner, admin):
    member, api = owner
    add_staff(admin, "Second Owner", "second@example.com", "owner")
    assert admin("PATCH", f"/api/admin/staff/{member['id']}", {"role": "office"}).status_code == 200
    assert api("GET", "/api/admin/staff").status_code == 403  # her session now has the office role


def test_two_owners_demoting_each_other_at_once_leave_one_owner(owner, admin, monkeypatch):
    import threading

    from chalicelib.errors import Conflict
    from chalicelib.office import staff

    member, _ = owner
    second = add_staff(admin, "Second Owner", "second@example.com", "owner")
    both_read = threading.Barrier(2, timeout=10)
    real_listing = staff.staff_members

    def listing_then_wait():
        found = real_listing()
        both_read.wait()  # each has seen the other as an active owner before either writes
        return found

    monkeypatch.setattr(staff, "staff_members", listing_then_wait)
    outcomes: dict[str, str] = {}

    def demote(staff_id: str, by: str) -> None:
        try:
            staff.update(staff_id, {"role": "office"}, by)
            outcomes[staff_id] = "demoted"
        except Conflict as refused:
            outcomes[staff_id] = str(refused)

    threads = [threading.Thread(target=demote, args=(member["id"], second["id"])),
               threading.Thread(target=demote, args=(second["id"], member["id"]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    monkeypatch.setattr(staff, "staff_members", real_listing)
    answers = list(outcomes.values())
    assert answers.count("demoted") == 1 and any("reload the page" in answer for answer in answers), outcomes
    owners = [m for m in admin("GET", "/api/admin/staff").data["items"] if m["role"] == "owner" and m["active"]]
    assert len(owners) == 1


def test_an_owner_cannot_disable_herself(owner, admin):
    member, api = owner
    add_staff(admin, "Second Owner", "second@example.com", "owner")
    refused = api("PATCH", f"/api/admin/staff/{member['id']}", {"disabled": True})
    assert refused.status_code == 409


def test_changing_an_unknown_member_is_404(owner):
    _, api = owner
    assert api("PATCH", "/api/admin/staff/st_nope", {"role": "office"}).status_code == 404


def test_every_admin_write_is_in_the_audit_trail_newest_first(owner, admin):
    member, api = owner
    # When the owner and the API key each write
    assert api("PUT", "/api/admin/accounts/acct-9", account()).status_code == 201
    assert admin("PUT", "/api/admin/accounts/acct-10", account()).status_code == 201
    api("GET", "/api/admin/staff")  # reads are not recorded

    # Then the trail names who, what, on which ids, with the answer, newest first
    items = api("GET", "/api/admin/audit").data["items"]
    assert [(i["actor"]["kind"], i["method"], i["path"], i["status"]) for i in items[:2]] == [
        ("key", "PUT", "/api/admin/accounts/acct-10", 201),
        ("staff", "PUT", "/api/admin/accounts/acct-9", 201),
    ]
    assert items[1]["actor"] == {"kind": "staff", "id": member["id"], "name": "Olivia Owner", "role": "owner"}
    assert items[0]["actor"]["name"] == "bootstrap key" and items[1]["target_ids"] == ["acct-9"]


def test_a_settings_save_is_recorded_with_the_fields_it_changed(owner):
    _, api = owner
    before = api("GET", "/api/admin/settings").data

    saved = api("PUT", "/api/admin/settings", {"branding": {**before["branding"], "company_name": "Clearwater Septic", "phone": "+12175550100"},
                                               "reminders": {"days_before": [60, 7], "overdue": True}})
    again = api("PUT", "/api/admin/settings", {"reminders": {"days_before": [60, 7], "overdue": True}})

    assert (saved.status_code, again.status_code) == (200, 200)
    latest, first = api("GET", "/api/admin/audit").data["items"][:2]
    assert first["changes"] == ["branding.company_name", "branding.phone", "reminders.days_before"]
    assert latest["changes"] == []  # saved, nothing different


def test_the_audit_trail_pages_with_a_cursor(owner, admin):
    _, api = owner
    for n in range(3):
        admin("PUT", f"/api/admin/accounts/acct-{n}", account())
    first = api("GET", "/api/admin/audit?limit=2").data
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = api("GET", f"/api/admin/audit?limit=2&cursor={first['next_cursor']}").data
    paths = [i["path"] for i in first["items"] + rest["items"]]
    assert paths[:4] == ["/api/admin/accounts/acct-2", "/api/admin/accounts/acct-1", "/api/admin/accounts/acct-0",
                         "/api/admin/staff"]
    assert api("GET", "/api/admin/audit?cursor=forged").status_code == 400


def test_make_owner_creates_the_first_owner_once(aws):
    from chalicelib.office import staff

    member, changed = staff.make_owner("Boss@Example.com", "Boss")
    again, changed_again = staff.make_owner("boss@example.com", "Boss")
    assert (changed, changed_again) == (True, False)
    assert member.staff_id == again.staff_id and again.role == "owner"


def test_a_refused_write_leaves_no_audit_entry(owner, admin):
    _, api = owner
    assert admin("PUT", "/api/admin/accounts/acct-9", {"name": ""}).status_code == 400
    assert [i["path"] for i in api("GET", "/api/admin/audit").data["items"]] == ["/api/admin/staff"]
