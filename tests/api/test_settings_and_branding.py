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


# -- the logo ---------------------------------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082")


def _logo(api, data: bytes = PNG, content_type: str = "image/png"):
    import base64

    return api("POST", "/api/admin/settings/logo", {"content_type": content_type, "data": base64.b64encode(data).decode()})


def test_an_uploaded_logo_becomes_the_brandings_and_its_link_serves_the_file(admin, anonymous):
    import requests

    saved = _logo(admin)

    assert saved.status_code == 200, saved.data
    logo_url = saved.data["branding"]["logo_url"]
    assert logo_url.startswith("/api/branding/logo/")
    assert anonymous("GET", "/api/branding").data["logo_url"] == logo_url
    served = anonymous("GET", logo_url)
    assert served.status_code == 302 and served.headers["Cache-Control"] == "public, max-age=240"
    image = requests.get(served.headers["Location"], timeout=10)
    assert (image.status_code, image.content, image.headers["Content-Type"]) == (200, PNG, "image/png")
    assert admin("GET", "/api/admin/audit").data["items"][0]["changes"] == ["branding.logo_url"]


def test_a_logo_that_is_not_that_image_or_too_large_is_refused_and_nothing_changes(admin, anonymous):
    before = admin("GET", "/api/admin/settings").data["branding"]["logo_url"]

    not_png = _logo(admin, b"<svg onload=alert(1)></svg>")
    too_big = _logo(admin, PNG + b"\0" * (256 * 1024))
    wrong_kind = _logo(admin, content_type="image/svg+xml")

    assert (not_png.status_code, not_png.data["details"][0]["field"]) == (400, "data")
    assert "not a PNG, JPEG or WebP image" in not_png.data["message"]
    assert too_big.status_code == 400 and "at most 256 KB" in too_big.data["message"]
    assert wrong_kind.status_code == 400 and wrong_kind.data["details"][0]["field"] == "content_type"
    assert admin("GET", "/api/admin/settings").data["branding"]["logo_url"] == before
    assert anonymous("GET", "/api/branding/logo/0123456789abcdef").status_code == 404
    assert anonymous("GET", "/api/branding/logo/..%2Fproperties").status_code == 404
