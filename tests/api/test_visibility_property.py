"""C3 as a property: for any records, marks and company settings, nothing staff-only reaches a customer.

Every staff-only text carries a SECRET marker and every customer-visible one a SHOWN marker;
the rules that decide which is which are restated here from SPEC C3, independently of the
code. Each example gets a fresh account, and every customer route is searched.
"""
from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.customer_world import add_document, as_, cookie_for, visit
from tests.api.factories import account, property_

MARKS = st.sampled_from([None, "customer", "internal"])
SHOWN_OR_HIDDEN = st.sampled_from(["customer", "internal"])
KINDS = st.sampled_from(["inspection_report", "receipt", "warranty", "estimate", "photo"])

DEFAULTS = st.fixed_dictionaries({
    "technician_notes": SHOWN_OR_HIDDEN,
    "condition_ratings": SHOWN_OR_HIDDEN,
    "measurements": SHOWN_OR_HIDDEN,
    "photos": SHOWN_OR_HIDDEN,
    "documents": st.fixed_dictionaries({k: SHOWN_OR_HIDDEN for k in ("inspection_report", "receipt", "warranty", "estimate")}),
})
RECORDS = st.lists(
    st.fixed_dictionaries({
        "visibility": MARKS,
        "notes": st.lists(MARKS, max_size=3),
        "documents": st.lists(st.fixed_dictionaries({"kind": KINDS, "visibility": MARKS, "final": st.booleans()}), max_size=2),
    }),
    min_size=1,
    max_size=3,
)


def _customer_sees(own: str | None, record_mark: str | None, default: str) -> bool:
    """SPEC C3: an explicit mark wins; unmarked follows its visit's mark, then the company's default."""
    for mark in (own, record_mark):
        if mark is not None:
            return mark == "customer"
    return default == "customer"


def _seed(admin: Any, records: list[dict[str, Any]], defaults: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    admin("PUT", "/api/admin/settings", {"visibility_defaults": defaults})
    run = uuid.uuid4().hex[:10]
    account_id, property_id = f"acct-{run}", f"prop-{run}"
    admin("PUT", f"/api/admin/accounts/{account_id}", account(email=f"{run}@example.com"))
    admin("PUT", f"/api/admin/properties/{property_id}", property_(account_id))
    secrets, shown = [], []
    for n, record in enumerate(records):
        notes = []
        for m, mark in enumerate(record["notes"]):
            visible = _customer_sees(mark, record["visibility"], defaults["technician_notes"])
            text = f"{'SHOWN' if visible else 'SECRET'}-{run}-{n}-{m}"
            (shown if visible else secrets).append(text)
            notes.append({"text": text, "visibility": mark})
        rating_visible = _customer_sees(None, record["visibility"], defaults["condition_ratings"])
        rating = f"{'SHOWN' if rating_visible else 'SECRET'}-rating-{run}-{n}"
        (shown if rating_visible else secrets).append(rating)
        visit(admin, f"svc-{run}-{n}", property_id, date(2020, 1, 1 + n), "inspection",
              notes=notes, visibility=record["visibility"], condition_rating=rating)
        for d, doc in enumerate(record["documents"]):
            default = defaults["photos"] if doc["kind"] == "photo" else defaults["documents"][doc["kind"]]
            visible = doc["final"] and _customer_sees(doc["visibility"], None, default)
            title = f"{'SHOWN' if visible else 'SECRET'}-doc-{run}-{n}-{d}"
            publish = {"status": "final", **({"visibility": doc["visibility"]} if doc["visibility"] else {})} if doc["final"] else (
                {"visibility": doc["visibility"]} if doc["visibility"] else None)
            document_id = add_document(admin, property_id, f"svc-{run}-{n}", title, kind=doc["kind"], publish=publish)
            (shown if visible else secrets).append(title)
            (shown if visible else secrets).append(document_id)
    return account_id, secrets, shown


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(records=RECORDS, defaults=DEFAULTS)
def test_nothing_staff_only_ever_reaches_a_customer(admin, browser_api, records, defaults):
    account_id, secrets, shown = _seed(admin, records, defaults)
    customer = as_(browser_api, cookie_for(account_id))

    answers = [customer("GET", path).data for path in ("/api/dashboard", "/api/history?limit=50", "/api/documents?limit=50", "/api/me")]
    property_id = answers[0]["properties"][0]["id"]
    answers.append(customer("GET", f"/api/properties/{property_id}").data)
    answers.append(customer("GET", f"/api/history?property_id={property_id}").data)
    listed_documents = [d["id"] for d in answers[2]["items"]] + [d["id"] for item in answers[1]["items"] for d in item["documents"]]
    downloads = {document_id: customer("GET", f"/api/documents/{document_id}/download").status_code for document_id in set(listed_documents)}
    everything = json.dumps(answers)

    leaked = [text for text in secrets if text in everything]
    assert leaked == []
    assert all(status == 200 for status in downloads.values())
    secret_documents = [s for s in secrets if s.startswith("doc_")]
    assert all(customer("GET", f"/api/documents/{d}/download").status_code == 404 for d in secret_documents)
    assert [text for text in shown if text not in everything] == []  # and what is customer-visible does show
