"""The records pack (SPEC F13): the owner downloads a PDF of the property's record, read back here as text."""
from __future__ import annotations

import io
from datetime import date
from typing import Any

import pypdf
import requests

from chalicelib import clock
from tests.api.customer_world import add_document, visit
from tests.api.factories import account, property_


def _seed(admin: Any) -> None:
    admin("PUT", "/api/admin/settings", {"visibility_defaults": {"documents": {"inspection_report": "customer"}},
                                         "branding": {"company_name": "Clearwater Septic", "primary_color": "#0b6e4f"}})
    admin("PUT", "/api/admin/accounts/acct-jane", account())
    admin("PUT", "/api/admin/accounts/acct-sam", account(name="Sam Lee", email="sam@example.com", phone=None))
    admin("PUT", "/api/admin/properties/prop-home", property_("acct-jane"))
    visit(admin, "svc-1", "prop-home", date(2022, 5, 3), notes=[
        {"text": "Baffles intact.", "visibility": "customer"}, {"text": "Dog bites; call ahead.", "visibility": "internal"}])
    visit(admin, "svc-2", "prop-home", date(2024, 9, 17), "inspection", notes=[{"text": "Outlet tee replaced.", "visibility": "customer"}])
    add_document(admin, "prop-home", "svc-2", "Title 5 inspection 2024", publish={"status": "final"})
    add_document(admin, "prop-home", "svc-2", "Preliminary findings", publish=None)
    add_document(admin, "prop-home", "svc-2", "Office estimate worksheet", kind="estimate", publish={"status": "final", "visibility": "internal"})


def _pack_text(api: Any, property_id: str = "prop-home") -> tuple[Any, str]:
    response = api("GET", f"/api/properties/{property_id}/records-pack")
    assert response.status_code == 200, response.data
    pdf = requests.get(response.data["url"], timeout=10)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    return response, "\n".join(page.extract_text() for page in reader.pages)


def test_owner_downloads_a_pack_with_the_propertys_record(admin: Any, signed_in: Any) -> None:
    # Given a property with visits, notes for the customer and for staff, and documents of every state
    _seed(admin)

    # When its owner asks for the records pack
    response, text = _pack_text(signed_in("acct-jane"))

    # Then it is a short-lived download of a PDF that says what is on file, and nothing staff-only
    assert response.data["expires_in"] <= 300
    assert response.data["produced_on"] == clock.today("America/Chicago").isoformat()
    assert "Clearwater Septic" in text and "12 Oak St." in text and "Springfield" in text
    assert "May 3, 2022 - Pump-out, 1,000 gallons pumped" in text
    assert "September 17, 2024 - Inspection" in text
    assert "Baffles intact." in text and "Outlet tee replaced." in text
    assert "Conventional" in text and "1,000 gallons" in text
    assert "Title 5 inspection 2024" in text
    assert "Dog bites" not in text
    assert "Preliminary findings" not in text and "Office estimate worksheet" not in text
    today = clock.today("America/Chicago")
    assert f"Produced on {today:%B} {today.day}, {today.year}" in text
    assert "customer portal, http" in text  # the owner's copy names the portal as where to check it


def test_the_pack_prints_the_companys_phone_as_people_write_it(admin: Any, signed_in: Any) -> None:
    # Given the company's phone in its settings
    _seed(admin)
    admin("PUT", "/api/admin/settings", {"branding": {"company_name": "Clearwater Septic", "primary_color": "#0b6e4f",
                                                      "phone": "(217) 555-0142"}})

    # When the owner downloads the pack
    _, text = _pack_text(signed_in("acct-jane"))

    # Then it reads as on the site and in the emails, not as the stored +1 number
    assert "(217) 555-0142" in text and "+12175550142" not in text


def test_another_accounts_property_is_404(admin: Any, signed_in: Any) -> None:
    _seed(admin)
    response = signed_in("acct-sam")("GET", "/api/properties/prop-home/records-pack")
    assert response.status_code == 404
    assert signed_in("acct-sam")("GET", "/api/properties/prop-nowhere/records-pack").status_code == 404


def test_signed_out_is_refused(admin: Any, anonymous: Any) -> None:
    _seed(admin)
    assert anonymous("GET", "/api/properties/prop-home/records-pack").status_code == 401


def test_shared_pack_prints_the_share_link_on_every_page(admin: Any, client: Any) -> None:
    # Given a long history (several pages) and a share link
    _seed(admin)
    for year in range(1990, 2022):
        visit(admin, f"svc-old-{year}", "prop-home", date(year, 6, 1), notes=[{"text": f"Pumped in {year}.", "visibility": "customer"}])
    from chalicelib.db.models import Property
    from chalicelib.sale import pack

    link = "https://portal.example.com/shared#tok-abc123"
    with client:  # the stage's environment, as a request has it
        result = pack.records_pack(Property.get("prop-home"), include_reports=False, verification_url=link)
    reader = pypdf.PdfReader(io.BytesIO(requests.get(result["url"], timeout=10).content))

    # Then every page carries the link, and reports are left out when the share leaves them out
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert link in page.extract_text().replace("\n", "")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Pumped in 1990." in text and "Title 5 inspection 2024" not in text
