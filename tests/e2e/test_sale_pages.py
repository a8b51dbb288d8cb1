"""A home sale on a phone (F13): the dashboard card and property page show the inspection status the
company's software set and how long the last inspection counts for a transfer; the property page's
"Download records pack" hands out a PDF of the record.

A portal of its own: these tests change the company's settings, which the other browser tests must not see.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator

import pypdf
import pytest
import requests

from tests.e2e.conftest import ADMIN, running_portal, sign_in_as_demo

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"


@pytest.fixture(scope="module")
def own_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_portal(tmp_path_factory.mktemp("sale-portal")) as url:
        yield url


def test_sale_status_transfer_rule_and_records_pack(own_portal, phone):
    # Given the company's state rule and a sale in progress on the demo home
    rule = {"transfer_rule": {"state": "MA", "inspection_valid_months": 24, "valid_months_if_pumped_yearly": 36}}
    assert requests.put(f"{own_portal}/api/admin/settings", json=rule, headers=ADMIN, timeout=10).ok
    sale = {"status": "report_in_review", "closing_date": "2027-02-26", "agent_name": "Dana Ruiz"}
    assert requests.put(f"{own_portal}/api/admin/properties/prop-home/transaction", json=sale, headers=ADMIN, timeout=10).ok

    # The dashboard card says where the sale is and how long the inspection counts
    sign_in_as_demo(own_portal, phone)
    card = phone.locator("li.card").first
    card.get_by_text("Inspection report in review").wait_for()
    card.get_by_text("with Dana Ruiz").wait_for()
    card.get_by_text("valid for a transfer under MA rules").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "sale-dashboard-360.png"), full_page=True)

    # The property page too, with the records pack
    phone.goto(f"{own_portal}/property?id=prop-home")
    phone.get_by_text("Inspection report in review").wait_for()
    phone.screenshot(path=str(SCREENSHOTS / "sale-property-360.png"), full_page=True)
    with phone.expect_response(lambda r: "/records-pack" in r.url) as answer:
        phone.get_by_role("button", name="Download records pack").click()
    assert answer.value.status == 200
    phone.wait_for_url("**/generated/records-packs/**")  # the browser went to the PDF
    pdf = requests.get(phone.url, timeout=10)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Inspection report in review" in text and "Dana Ruiz" in text and "12 Oak Street" in text
