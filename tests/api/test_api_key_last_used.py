"""An admin API key records when it was last used, at most once an hour; the bootstrap key is not tracked."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from chalicelib import clock
from chalicelib.db.models import ApiKey

NOON = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)


def _listed(admin, key_id):
    return next(item for item in admin("GET", "/api/admin/api-keys").data["items"] if item["id"] == key_id)


def test_a_new_key_has_not_been_used(admin):
    created = admin("POST", "/api/admin/api-keys", {"name": "FieldPulse sync"}).data
    assert created["last_used_at"] is None
    assert _listed(admin, created["id"])["last_used_at"] is None


def test_last_used_is_written_once_within_the_hour_and_again_after(admin, anonymous):
    created = admin("POST", "/api/admin/api-keys", {"name": "FieldPulse sync"}).data
    as_sync = {"Authorization": f"Bearer {created['key']}"}

    # When the key is used at noon, the list says so
    with clock.frozen_at(NOON):
        assert anonymous("GET", "/api/admin/settings", headers=as_sync).status_code == 200
    assert _listed(admin, created["id"])["last_used_at"] == NOON.isoformat()

    # Used again within the hour, nothing is rewritten
    with clock.frozen_at(NOON + timedelta(minutes=59)):
        assert anonymous("GET", "/api/admin/settings", headers=as_sync).status_code == 200
    assert _listed(admin, created["id"])["last_used_at"] == NOON.isoformat()

    # Used after the hour, the new moment is recorded
    later = NOON + timedelta(minutes=61)
    with clock.frozen_at(later):
        assert anonymous("GET", "/api/admin/settings", headers=as_sync).status_code == 200
    assert _listed(admin, created["id"])["last_used_at"] == later.isoformat()


def test_a_revoked_key_is_refused_and_its_last_use_stays(admin, anonymous):
    created = admin("POST", "/api/admin/api-keys", {"name": "old sync"}).data
    as_sync = {"Authorization": f"Bearer {created['key']}"}
    with clock.frozen_at(NOON):
        anonymous("GET", "/api/admin/settings", headers=as_sync)
    assert admin("DELETE", f"/api/admin/api-keys/{created['id']}").status_code == 204

    with clock.frozen_at(NOON + timedelta(hours=3)):
        refused = anonymous("GET", "/api/admin/settings", headers=as_sync)
    assert refused.status_code == 401
    assert "revoked" in refused.data["message"]
    listed = _listed(admin, created["id"])
    assert listed["last_used_at"] == NOON.isoformat()
    assert listed["revoked_at"] is not None


def test_a_write_racing_another_container_is_not_an_error(admin, anonymous):
    # Another container recorded the use a moment ago; this one's conditional update finds it fresh
    created = admin("POST", "/api/admin/api-keys", {"name": "busy sync"}).data
    stored = ApiKey.get("admin", created["id"])
    stored.update(actions=[ApiKey.last_used_at.set(NOON)])
    as_sync = {"Authorization": f"Bearer {created['key']}"}
    from chalicelib.auth import api_keys

    stale = ApiKey.get("admin", created["id"])
    stale.last_used_at = None
    with clock.frozen_at(NOON + timedelta(minutes=5)):
        api_keys._record_use(stale)
        assert anonymous("GET", "/api/admin/settings", headers=as_sync).status_code == 200
    assert ApiKey.get("admin", created["id"]).last_used_at == NOON


def test_the_bootstrap_key_is_listed_as_not_tracked(admin):
    listing = admin("GET", "/api/admin/api-keys").data
    assert listing["bootstrap"] == {"id": "bootstrap", "name": "Bootstrap key", "last_used_tracked": False}
    assert all(item["id"] != "bootstrap" for item in listing["items"])
