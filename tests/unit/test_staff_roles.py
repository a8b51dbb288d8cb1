"""The role table classifies every admin route of the app, and says what each role may open."""
from __future__ import annotations

from chalicelib.office import roles


def _admin_routes() -> set[tuple[str, str]]:
    from app import app

    return {(method, path) for path, methods in app.routes.items() if path.startswith("/api/admin/") for method in methods}


def test_every_admin_route_is_in_the_role_table():
    unclassified = sorted(_admin_routes() - set(roles.ROUTES))
    assert unclassified == [], f"add these admin routes to chalicelib/office/roles.py (else they are owner-only): {unclassified}"


def test_the_table_names_no_route_the_app_lacks():
    assert sorted(set(roles.ROUTES) - _admin_routes()) == []


def test_a_route_missing_from_the_table_is_owner_only():
    assert roles.allowed("owner", "GET", "/api/admin/some-future-route")
    assert not roles.allowed("office", "GET", "/api/admin/some-future-route")
    assert not roles.allowed("dispatcher", "GET", "/api/admin/some-future-route")


def test_each_role_opens_its_areas_only():
    assert roles.areas_for("dispatcher") == ["bookings"]
    assert set(roles.areas_for("office")) == {"bookings", "customers", "invitations", "messages"}
    assert "staff" in roles.areas_for("owner") and "settings" in roles.areas_for("owner")
