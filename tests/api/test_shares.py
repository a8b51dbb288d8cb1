"""Share links for a home sale (F13): the owner makes, lists and revokes them; a realtor opens one signed out."""
from __future__ import annotations

import io
import json
from datetime import timedelta

import pypdf
import pytest
import requests

from chalicelib import clock
from chalicelib.db.models import Share
from chalicelib.storage import documents as storage
from tests.api.customer_world import as_
from tests.conftest import email_text, recipients, reset_caches, sent_emails

# One world for the module (tests/api/conftest.py); every test here writes, and it is put back after each.
pytestmark = pytest.mark.usefixtures("one_world", "put_back_world")

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
NEW = {"property_id": "prop-home", "expires_in_days": 14, "include_reports": True, "label": "For our realtor, Dana"}


def _share(browser_api, world, **changes):
    answer = as_(browser_api, world.jane)("POST", "/api/shares", {**NEW, **changes})
    assert answer.status_code == 201, answer.data
    return answer.data


def _token(share):
    return share["url"].split("#token=", 1)[1]


def _open(anonymous, token, path="", **headers):
    return anonymous("GET", f"/api/shared/{token}{path}", headers={"User-Agent": IPHONE, **headers})


def _stored_shares():
    return list(Share.scan())


# -- making a link --------------------------------------------------------------------------

def test_a_new_link_opens_the_propertys_record_signed_out(browser_api, anonymous, world):
    share = _share(browser_api, world)

    assert share["status"] == "active" and share["url"].startswith("https://portal.test.example/shared#token=")
    assert share["property"] == {"id": "prop-home", "label": "12 Oak St., Springfield"}
    opened = _open(anonymous, _token(share))
    assert opened.status_code == 200
    assert opened.data["share"]["label"] == "For our realtor, Dana"
    record = opened.data["record"]
    assert record["property"]["label"] == "12 Oak St., Springfield"
    assert [v["id"] for v in record["service_history"]][0] == "svc-home-insp"
    assert [r["id"] for r in record["reports"]] == [world.final_report]
    assert opened.headers["Cache-Control"] == "no-store"
    assert opened.headers["Referrer-Policy"] == "no-referrer"


def test_only_a_hash_of_the_token_is_stored(browser_api, world):
    token = _token(_share(browser_api, world))

    [stored] = _stored_shares()
    raw = json.dumps(stored.serialize())
    assert token not in raw and token.split(".")[1] not in raw
    assert len(token.split(".")[1]) == 43  # 256 bits, as sign-in tokens


def test_the_owner_can_copy_an_active_link_again(browser_api, world):
    share = _share(browser_api, world)

    [listed] = as_(browser_api, world.jane)("GET", "/api/shares").data["items"]
    assert listed["url"] == share["url"]


@pytest.mark.parametrize("body, field", [
    ({**NEW, "expires_in_days": 0}, "expires_in_days"),
    ({**NEW, "expires_in_days": 31}, "expires_in_days"),
    ({**NEW, "expires_in_days": None}, "expires_in_days"),
    ({**NEW, "expires_in_days": "7"}, "expires_in_days"),
    ({k: v for k, v in NEW.items() if k != "label"}, "label"),
    ({**NEW, "label": "   "}, "label"),
    ({**NEW, "label": "x" * 81}, "label"),
    ({**NEW, "include_reports": "yes"}, "include_reports"),
    ({**NEW, "account_id": "acct-sam"}, "account_id"),
])
def test_a_wrong_body_is_a_400_naming_the_field_and_stores_nothing(browser_api, world, body, field):
    answer = as_(browser_api, world.jane)("POST", "/api/shares", body)

    assert answer.status_code == 400
    assert answer.data["details"][0]["field"] == field
    assert _stored_shares() == []


def test_another_accounts_property_is_404_and_stores_nothing(browser_api, world):
    answer = as_(browser_api, world.jane)("POST", "/api/shares", {**NEW, "property_id": "prop-sam"})

    assert answer.status_code == 404
    assert _stored_shares() == []


def test_signed_out_or_from_another_site_no_link_is_made(anonymous, browser_api, world):
    assert browser_api("POST", "/api/shares", NEW).status_code == 401
    cross_site = browser_api("POST", "/api/shares", NEW, headers={"Cookie": world.jane, "Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    assert _stored_shares() == []


def test_making_links_is_rate_limited(browser_api, world, monkeypatch):
    monkeypatch.setenv("PORTAL_LIMIT_SHARE_CREATE", "2/86400")
    reset_caches()
    jane = as_(browser_api, world.jane)

    answers = [jane("POST", "/api/shares", NEW).status_code for _ in range(3)]

    assert answers == [201, 201, 429]
    assert len(_stored_shares()) == 2


# -- expiry and revocation --------------------------------------------------------------------

def test_a_link_ends_when_it_expires(browser_api, anonymous, world):
    token = _token(_share(browser_api, world, expires_in_days=1))

    with clock.frozen_at(clock.now() + timedelta(hours=23)):
        assert _open(anonymous, token).status_code == 200
    with clock.frozen_at(clock.now() + timedelta(days=1, minutes=1)):
        ended = _open(anonymous, token)
        listed = as_(browser_api, world.jane)("GET", "/api/shares").data["items"]
    assert ended.status_code == 410
    assert ended.data["message"] == "This link has expired; ask the owner for a new one."
    assert listed[0]["status"] == "expired" and listed[0]["url"] is None


def test_a_revoked_link_ends_at_once_and_for_downloads_too(browser_api, anonymous, world):
    share = _share(browser_api, world)
    token = _token(share)
    assert _open(anonymous, token).status_code == 200

    revoked = as_(browser_api, world.jane)("DELETE", f"/api/shares/{share['id']}")

    assert revoked.status_code == 200 and revoked.data["status"] == "revoked" and revoked.data["url"] is None
    assert _open(anonymous, token).status_code == 410
    assert _open(anonymous, token, f"/documents/{world.final_report}/download").status_code == 410
    assert _open(anonymous, token, "/pack").status_code == 410
    assert as_(browser_api, world.jane)("DELETE", f"/api/shares/{share['id']}").status_code == 200  # twice is fine


def test_an_unknown_or_tampered_token_is_404(browser_api, anonymous, world):
    token = _token(_share(browser_api, world))
    share_id, secret = token.split(".")

    for wrong in (f"{share_id}.{secret[::-1]}", "0123456789abcdef." + secret, "nonsense", share_id):
        answer = _open(anonymous, wrong)
        assert answer.status_code == 404, wrong
        assert "ask the owner for a new one" in answer.data["message"]


def test_another_accounts_share_cannot_be_revoked_or_seen(browser_api, anonymous, world):
    share = _share(browser_api, world)

    sam = as_(browser_api, world.sam)
    assert sam("DELETE", f"/api/shares/{share['id']}").status_code == 404
    assert sam("GET", "/api/shares").data["items"] == []
    assert _open(anonymous, _token(share)).status_code == 200


# -- what the shared page holds ----------------------------------------------------------------

def test_the_shared_record_holds_nothing_of_the_account_outside_the_property(browser_api, anonymous, world):
    jane = as_(browser_api, world.jane)
    assert jane("PATCH", "/api/me", {"access_notes": {"prop-home": "Gate code 4411"}}).status_code == 200
    share = _share(browser_api, world)
    _share(browser_api, world, label="Second link, for the inspector")

    text = json.dumps(_open(anonymous, _token(share)).data)

    for secret in ("Gate code 4411", "jane@example.com", "555-0198", "Jane Smith", "inv-1", "1042", "1043", "prop-cabin",
                   "7 Lake Road", "prop-sam", "Second link", "INTERNAL", "DRAFT report", "Staff-only", share["id"]):
        assert secret not in text, secret


def test_reports_download_only_when_included_and_only_those_of_the_record(browser_api, anonymous, world):
    with_reports = _token(_share(browser_api, world))
    without = _token(_share(browser_api, world, include_reports=False))

    ok = _open(anonymous, with_reports, f"/documents/{world.final_report}/download")
    assert ok.status_code == 200 and ok.data["expires_in"] <= 300 and "X-Amz-Signature" in ok.data["url"]
    for document in (world.draft_report, world.staff_only_report, world.sams_report, "doc-none"):
        assert _open(anonymous, with_reports, f"/documents/{document}/download").status_code == 404, document
    assert _open(anonymous, without).data["record"]["reports"] == []
    assert _open(anonymous, without, f"/documents/{world.final_report}/download").status_code == 404


def test_a_property_that_changed_hands_ends_its_links(browser_api, anonymous, admin, world):
    token = _token(_share(browser_api, world))
    from tests.api.factories import property_

    assert admin("PUT", "/api/admin/properties/prop-home", property_("acct-sam")).status_code == 200

    assert _open(anonymous, token).status_code == 410


def test_the_previous_owners_list_says_a_link_to_a_home_that_changed_hands_has_ended(browser_api, admin, world):
    # Given an active link to the home, and another to her other property
    home = _share(browser_api, world)
    cabin = _share(browser_api, world, property_id="prop-cabin", label="For the cabin's buyer")
    from tests.api.factories import property_

    # When the home changes hands
    assert admin("PUT", "/api/admin/properties/prop-home", property_("acct-sam")).status_code == 200

    # Then her list no longer offers the home's link as working, nor a link to copy; the other one still works
    listed = {s["id"]: s for s in as_(browser_api, world.jane)("GET", "/api/shares").data["items"]}
    assert listed[home["id"]]["status"] == "changed_hands" and listed[home["id"]]["url"] is None
    assert listed[cabin["id"]]["status"] == "active" and listed[cabin["id"]]["url"] == cabin["url"]


# -- the access log and the first-view email ---------------------------------------------------

def test_views_and_downloads_are_logged_for_the_owner_with_a_coarse_client(browser_api, anonymous, world):
    share = _share(browser_api, world)
    token = _token(share)

    _open(anonymous, token)
    _open(anonymous, token, f"/documents/{world.final_report}/download")
    _open(anonymous, token, "", **{"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                                                 "(KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0",
                                   "CloudFront-Viewer-Country": "US"})

    [listed] = as_(browser_api, world.jane)("GET", "/api/shares").data["items"]
    assert listed["access_count"] == 3 and listed["first_viewed_at"]
    assert [(a["what"], a["browser"], a["country"]) for a in listed["accesses"]] == [
        ("view", "Edge on Windows", "unknown"),  # the country header counts only through CloudFront
        ("report_download", "Safari on iPhone", "unknown"),
        ("view", "Safari on iPhone", "unknown"),
    ]


def test_the_country_comes_from_cloudfront_when_it_is_the_only_caller(browser_api, anonymous, world, monkeypatch):
    share = _share(browser_api, world)
    secret = "a-secret-origin-header-0123456789abcdef"
    monkeypatch.setenv("PORTAL_TRUST_CLOUDFRONT", "true")
    monkeypatch.setenv("PORTAL_CLOUDFRONT_ORIGIN_SECRET", secret)
    reset_caches()

    _open(anonymous, _token(share), "", **{"CloudFront-Viewer-Country": "ca", "x-portal-origin-secret": secret})

    assert Share.get(share["id"]).accesses[0]["country"] == "CA"


def test_the_owner_is_emailed_on_the_first_view_only_when_asked(browser_api, anonymous, world):
    asked = _token(_share(browser_api, world, notify_on_first_view=True, label="For Dana"))
    not_asked = _token(_share(browser_api, world, label="For the inspector"))
    before = len(sent_emails())

    for _ in range(3):
        _open(anonymous, asked)
        _open(anonymous, not_asked)

    from chalicelib import jobs

    jobs.deliver_notifications()
    new = sent_emails()[before:]
    assert len(new) == 1
    assert recipients(new[0]) == ["jane@example.com"]
    text = email_text(new[0])
    assert "For Dana" in text and "12 Oak St., Springfield" in text and "Safari on iPhone" in text
    assert "https://portal.test.example/shares" in text


def test_the_shared_routes_are_rate_limited_by_address(browser_api, anonymous, world, monkeypatch):
    token = _token(_share(browser_api, world))
    monkeypatch.setenv("PORTAL_LIMIT_SHARED_IP", "3/3600")
    reset_caches()

    answers = [_open(anonymous, token).status_code for _ in range(3)] + [_open(anonymous, "guess.ing").status_code]

    assert answers == [200, 200, 200, 429]
    assert Share.get(token.split(".")[0]).more_accesses == 0 and len(Share.get(token.split(".")[0]).accesses) == 3


def test_the_log_keeps_its_first_entries_and_counts_the_rest(browser_api, anonymous, world, monkeypatch):
    from chalicelib.db import models

    monkeypatch.setattr("chalicelib.sale.shared.SHARE_LOG_KEPT", 2)
    share = _share(browser_api, world)

    for _ in range(4):
        _open(anonymous, _token(share))

    [listed] = as_(browser_api, world.jane)("GET", "/api/shares").data["items"]
    assert listed["access_count"] == 4 and len(listed["accesses"]) == 2
    assert models.SHARE_LOG_KEPT == 100


def test_the_pack_is_downloadable_from_the_shared_page_and_logged(browser_api, anonymous, world):
    share = _share(browser_api, world)

    answer = _open(anonymous, _token(share), "/pack")

    assert answer.status_code == 200 and answer.data["url"]
    pdf = requests.get(answer.data["url"], timeout=10)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    _remove_packs()  # the shared world is put back as it was
    [listed] = as_(browser_api, world.jane)("GET", "/api/shares").data["items"]
    assert listed["accesses"][0]["what"] == "pack_download"
    assert share["url"] in text.replace("\n", "")  # a buyer checks the pack against the link it came from


def _remove_packs() -> None:
    from chalicelib.aws import client
    from chalicelib.settings import get_settings

    bucket = get_settings().documents_bucket
    listed = client("s3").list_objects_v2(Bucket=bucket, Prefix=storage.PACKS_PREFIX).get("Contents", [])
    for item in listed:
        client("s3").delete_object(Bucket=bucket, Key=item["Key"])


def test_only_inspection_reports_are_shared_not_receipts_or_estimates_the_owner_sees(browser_api, anonymous, admin, world):
    assert admin("PATCH", f"/api/admin/documents/{world.staff_only_report}", {"visibility": "customer"}).status_code == 200
    assert any(d["id"] == world.staff_only_report for d in as_(browser_api, world.jane)("GET", "/api/documents").data["items"])
    token = _token(_share(browser_api, world))

    assert [r["id"] for r in _open(anonymous, token).data["record"]["reports"]] == [world.final_report]
    assert _open(anonymous, token, f"/documents/{world.staff_only_report}/download").status_code == 404
