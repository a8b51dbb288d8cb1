"""Company settings through the admin API, and the public branding the site renders."""
from __future__ import annotations


def test_branding_has_defaults_before_any_settings(anonymous):
    response = anonymous("GET", "/api/branding")

    assert response.status_code == 200
    assert response.data["company_name"] == "Septic Service"
    assert response.data["local_mode"] is False


def test_settings_put_changes_only_the_named_fields_and_branding_follows(admin, anonymous):
    response = admin("PUT", "/api/admin/settings", {"branding": {"company_name": "Clearwater Septic", "primary_color": "#ffd400"}})

    assert response.status_code == 200
    assert response.data["branding"]["company_name"] == "Clearwater Septic"
    assert response.data["branding"]["accent_color"] == "#2e7d32"  # untouched default
    assert response.data["visibility_defaults"]["technician_notes"] == "internal"

    branding = anonymous("GET", "/api/branding").data
    assert branding["company_name"] == "Clearwater Septic"
    assert branding["on_primary"] == "#000000"  # dark text reads better on yellow


def test_visibility_defaults_can_enable_a_kind(admin):
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"documents": {"inspection_report": "customer"}}})

    stored = admin("GET", "/api/admin/settings").data

    assert stored["visibility_defaults"]["documents"]["inspection_report"] == "customer"
    assert stored["visibility_defaults"]["documents"]["receipt"] == "internal"


def test_bad_settings_are_named_and_nothing_changes(admin):
    bad_colour = admin("PUT", "/api/admin/settings", {"branding": {"primary_color": "blue"}})
    bad_mode = admin("PUT", "/api/admin/settings", {"booking": {"service_types": [{"id": "pump_out", "name": "Pump", "mode": "sometimes"}]}})
    unknown = admin("PUT", "/api/admin/settings", {"brandng": {}})
    script_logo = admin("PUT", "/api/admin/settings", {"branding": {"logo_url": "javascript:alert(1)"}})

    assert bad_colour.status_code == 400 and bad_colour.data["details"][0]["field"] == "branding.primary_color"
    assert bad_mode.status_code == 400 and bad_mode.data["details"][0]["field"] == "booking.service_types.0.mode"
    assert unknown.status_code == 400 and unknown.data["details"][0]["field"] == "brandng"
    assert script_logo.status_code == 400
    assert admin("GET", "/api/admin/settings").data["branding"]["primary_color"] == "#1f5f8b"


def test_dev_routes_do_not_exist_outside_local_mode(anonymous):
    assert anonymous("GET", "/api/dev/outbox").status_code == 404
    assert anonymous("POST", "/api/dev/jobs/run", {}).status_code == 404


def test_dev_outbox_lists_messages_newest_first_in_local_mode(admin, anonymous, monkeypatch):
    from tests.conftest import reset_caches

    monkeypatch.setenv("PORTAL_STAGE", "local")
    reset_caches()
    admin("POST", "/api/admin/test-message", {"to": "first@example.com"})
    admin("POST", "/api/admin/test-message", {"to": "second@example.com"})

    items = anonymous("GET", "/api/dev/outbox").data["items"]

    assert [item["to"] for item in items] == ["second@example.com", "first@example.com"]
    assert items[0]["links"] == ["https://portal.test.example/"]
