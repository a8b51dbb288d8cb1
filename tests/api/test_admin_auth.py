"""Admin API keys: bearer only, hashed at rest, more than one, revocable."""
from __future__ import annotations

from chalicelib.auth.api_keys import digest
from chalicelib.db.models import ApiKey
from tests.api.factories import account


def test_missing_key_is_401_with_a_clear_message(anonymous):
    response = anonymous("PUT", "/api/admin/accounts/acct-1", account())

    assert response.status_code == 401
    assert response.data["code"] == "unauthorized"
    assert "Authorization: Bearer" in response.data["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_key_is_401_and_writes_nothing(anonymous):
    response = anonymous("PUT", "/api/admin/accounts/acct-1", account(), headers={"Authorization": "Bearer nope"})

    assert response.status_code == 401
    assert ApiKey.count("admin") == 0
    from chalicelib.db.models import Account

    assert Account.count("acct-1") == 0


def test_basic_auth_is_not_accepted(anonymous):
    response = anonymous("GET", "/api/admin/settings", headers={"Authorization": "Basic dGVzdC1hZG1pbi1rZXk="})
    assert response.status_code == 401


def test_created_key_works_is_stored_hashed_and_can_be_revoked(admin, anonymous):
    # Given a second key made with the bootstrap key
    created = admin("POST", "/api/admin/api-keys", {"name": "FieldPulse sync"})
    assert created.status_code == 201
    key = created.data["key"]
    as_sync = {"Authorization": f"Bearer {key}"}

    # Then it works, and only its hash is stored
    assert anonymous("GET", "/api/admin/settings", headers=as_sync).status_code == 200
    stored = ApiKey.get("admin", created.data["id"])
    assert stored.key_hash == digest(key)
    assert key not in str(stored.serialize())

    # And the list shows it without the secret
    listed = admin("GET", "/api/admin/api-keys").data["items"]
    assert [item["name"] for item in listed] == ["FieldPulse sync"]
    assert "key" not in listed[0]

    # When it is revoked, it stops working
    assert admin("DELETE", f"/api/admin/api-keys/{created.data['id']}").status_code == 204
    revoked = anonymous("GET", "/api/admin/settings", headers=as_sync)
    assert revoked.status_code == 401
    assert "revoked" in revoked.data["message"]


def test_a_key_of_the_right_shape_but_wrong_secret_is_refused(admin, anonymous):
    created = admin("POST", "/api/admin/api-keys", {"name": "sync"}).data
    forged = f"pk_{created['id']}_{'A' * 43}"
    assert anonymous("GET", "/api/admin/settings", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_revoking_an_unknown_key_is_404(admin):
    assert admin("DELETE", "/api/admin/api-keys/deadbeef").status_code == 404
