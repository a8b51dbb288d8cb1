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


def test_every_admin_operation_is_documented_for_staff_sessions_and_their_403():
    from pathlib import Path

    import yaml

    document = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())
    undocumented = []
    for path, operations in document["paths"].items():
        if not path.startswith("/api/admin/"):
            continue
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            schemes = {name for requirement in operation.get("security", document.get("security", [])) for name in requirement}
            forbidden = operation["responses"].get("403", {}).get("$ref", "")
            if "staffCookie" not in schemes or not forbidden.endswith("/RoleForbidden"):
                undocumented.append((method, path))
    assert undocumented == [], "each admin operation takes a staff session and may answer its role's 403"
