"""The local portal over real HTTP, as a newcomer tries it from the README."""
from __future__ import annotations

import requests

from tests.e2e.conftest import ADMIN


def _put(portal: str, path: str, body: dict, headers: dict | None = None) -> requests.Response:
    return requests.put(f"{portal}/api/admin{path}", json=body, headers=headers if headers is not None else ADMIN, timeout=10)


def test_admin_api_creates_and_updates_records_and_a_repeat_changes_nothing(portal):
    account = {"name": "Jane Smith", "email": "jane@example.com", "phone": "217-555-0198"}
    prop = {"account_id": "acct-9001", "address": {"line1": "9 Elm St", "city": "Springfield", "state": "IL", "zip": "62704"},
            "system": {"type": "Conventional", "tank_gallons": 1000, "tank_count": 1}, "service_interval_months": 36}
    record = {"property_id": "prop-9001", "date": "2025-06-01", "service_type": "pump_out", "status": "completed",
              "technician_name": "Luis Ortega", "gallons_pumped": 1000,
              "notes": [{"text": "Baffles intact.", "visibility": "customer"}]}
    invoice = {"account_id": "acct-9001", "number": "9001", "issued_on": "2025-06-01", "due_on": "2025-07-01",
               "lines": [{"description": "Pump-out", "amount_cents": 38500}], "status": "open"}

    for path, body in [("/accounts/acct-9001", account), ("/properties/prop-9001", prop),
                       ("/service-records/svc-9001", record), ("/invoices/inv-9001", invoice)]:
        created = _put(portal, path, body)
        assert created.status_code == 201, created.text
        repeated = _put(portal, path, body)
        assert repeated.status_code == 200 and repeated.json()["changed"] is False
        assert repeated.json()["updated_at"] == created.json()["updated_at"]

    renamed = _put(portal, "/accounts/acct-9001", {**account, "name": "Jane Doe"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Jane Doe"


def test_unauthorised_and_malformed_calls_get_clear_4xx(portal):
    no_key = _put(portal, "/accounts/acct-9002", {"name": "X"}, headers={})
    wrong_type = _put(portal, "/accounts/acct-9002", {"name": ["X"]})
    not_json = requests.put(f"{portal}/api/admin/accounts/acct-9002", data="{oops", timeout=10,
                            headers={**ADMIN, "Content-Type": "application/json"})
    unknown_route = requests.get(f"{portal}/api/nothing-here", timeout=10)

    assert no_key.status_code == 401 and "Bearer" in no_key.json()["message"]
    assert wrong_type.status_code == 400 and wrong_type.json()["details"][0]["field"] == "name"
    assert not_json.status_code == 400 and "JSON" in not_json.json()["message"]
    assert unknown_route.status_code == 404 and unknown_route.json()["code"] == "not_found"
    for answer in (no_key, wrong_type, not_json, unknown_route):  # the app's errors and the gateway's own
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Cache-Control"] == "no-store"


def test_dev_outbox_answers_json_and_shows_a_sent_message(portal):
    sent = requests.post(f"{portal}/api/admin/test-message", json={"to": "office@example.com"}, headers=ADMIN, timeout=10)
    assert sent.status_code == 202

    outbox = requests.get(f"{portal}/api/dev/outbox", timeout=10)

    assert outbox.headers["Content-Type"].startswith("application/json")
    assert any(item["to"] == "office@example.com" for item in outbox.json()["items"])


def test_demo_company_branding_is_served(portal):
    branding = requests.get(f"{portal}/api/branding", timeout=10).json()

    assert branding["company_name"] == "Clearwater Septic"
    assert branding["local_mode"] is True


def test_site_pages_are_served_compressed_with_a_strict_policy(portal):
    home = requests.get(f"{portal}/", timeout=10)
    deep_link = requests.get(f"{portal}/history", timeout=10)
    missing_asset = requests.get(f"{portal}/js/missing.js", timeout=10)
    escape = requests.get(f"{portal}/../app.py", timeout=10)

    assert home.status_code == 200 and "text/html" in home.headers["Content-Type"]
    assert home.headers.get("Content-Encoding") == "gzip"
    assert "default-src 'self'" in home.headers["Content-Security-Policy"]
    assert deep_link.status_code == 200 and deep_link.text == home.text
    assert missing_asset.status_code == 404
    assert "Chalice" not in escape.text


def test_the_readme_curl_example_works_as_written(portal):
    import re
    import subprocess
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    script = re.search(r"```sh\n(KEY=.*?)```", readme, re.S).group(1).replace("http://localhost:8000", portal)

    first = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=True)
    again = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=True)

    assert re.findall(r'"changed":(true|false)', first.stdout) == ["true"] * 4, first.stdout + first.stderr
    assert re.findall(r'"changed":(true|false)', again.stdout) == ["false"] * 4, again.stdout + again.stderr
