"""SPEC §8: each customer page is at most one Query or GetItem (the dashboard two), never a Scan.

The session check adds one GetItem to every signed-in request; company settings are cached
per container, so they cost nothing on a warm request. Calls are counted with a botocore
event hook on the clients PynamoDB uses, so the figure is what DynamoDB would bill.
"""
from __future__ import annotations

import pytest

from tests.api.customer_world import as_

# Every test here only reads: they share one world, built once (tests/api/conftest.py).
pytestmark = pytest.mark.usefixtures("one_world")

SESSION_CHECK = [("GetItem", "sessions")]


PAGES = {
    "/api/dashboard": [("GetItem", "accounts"), ("Query", "properties")],
    "/api/history": [("Query", "service-records")],
    "/api/history?property_id=prop-home": [("Query", "service-records")],
    "/api/documents": [("Query", "documents")],
    "/api/properties/prop-home": [("GetItem", "properties")],
    "/api/me": [("GetItem", "accounts"), ("Query", "properties")],
    # with the office's visits, from the properties read for the labels
    "/api/booking-requests": [("Query", "properties"), ("Query", "booking-requests")],
    # The invoices say whether autopay is on and will charge them without reading the account.
    "/api/invoices": [("Query", "invoices")],
    "/api/invoices/inv-1": [("GetItem", "invoices")],
}


@pytest.mark.parametrize("path", PAGES)
def test_each_page_costs_its_budgeted_calls_and_no_scan(browser_api, world, dynamodb_calls, path):
    jane = as_(browser_api, world.jane)
    jane("GET", "/api/branding")  # warm the settings cache, as any warm container has it
    dynamodb_calls.clear()

    assert jane("GET", path).status_code == 200

    assert dynamodb_calls == SESSION_CHECK + PAGES[path]
    assert not any(name == "Scan" for name, _ in dynamodb_calls)


def test_a_download_costs_one_getitem(browser_api, world, dynamodb_calls):
    jane = as_(browser_api, world.jane)
    jane("GET", "/api/branding")
    dynamodb_calls.clear()

    assert jane("GET", f"/api/documents/{world.final_report}/download").status_code == 200

    assert dynamodb_calls == SESSION_CHECK + [("GetItem", "documents")]
