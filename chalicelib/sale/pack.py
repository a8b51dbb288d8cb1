"""The records pack (SPEC F13): the property's record as a branded PDF, produced on request.

For the owner's route (``GET /api/properties/{id}/records-pack``) and the shared page. The PDF
writer (``sale.pdf``, on pydyf) is imported inside ``records_pack`` only (STYLE: heavy modules stay
off other routes). Each pack is stored under ``storage.PACKS_PREFIX``, which the bucket expires,
and handed out as a presigned download that lives ``storage.DOWNLOAD_SECONDS``.
"""
from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from chalicelib import clock
from chalicelib.db.models import Property
from chalicelib.db.queries import owned_or_404
from chalicelib.notify.render import display_phone
from chalicelib.sale.record import property_record
from chalicelib.settings import get_settings
from chalicelib.storage import documents as storage

SERVICE_NAMES = {"pump_out": "Pump-out", "inspection": "Inspection", "repair": "Repair", "maintenance": "Maintenance"}
KIND_NAMES = {"inspection_report": "Inspection report", "receipt": "Receipt", "warranty": "Warranty",
              "estimate": "Estimate", "photo": "Photo"}


def records_pack(prop: Property, *, include_reports: bool, verification_url: str | None) -> dict[str, Any]:
    """Render ``sale.record.property_record(prop, include_reports=...)`` as a PDF, store it in the
    documents bucket and return a short-lived download: ``{"url", "expires_in", "produced_on"}``.

    ``verification_url`` is printed on every page (the share link a buyer can open to check the
    pack is genuine); None for the owner's own copy, which says where the portal is instead.
    """
    record = property_record(prop, include_reports=include_reports)
    body = render(record, verification_url, get_settings().site_url)
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    key = f"{storage.PACKS_PREFIX}{prop.property_id}/{stamp}-{secrets.token_hex(8)}.pdf"
    storage.put_generated(key, body, "application/pdf")
    name = f"Records {record['property']['label']} {record['as_of']}.pdf"
    return {"url": storage.download_url(key, "application/pdf", name),
            "expires_in": storage.DOWNLOAD_SECONDS, "produced_on": record["as_of"]}


def owners_pack(account_id: str, property_id: str) -> dict[str, Any]:
    """The owner's own copy (``GET /api/properties/{id}/records-pack``): reports included, the
    portal's address as the verification line. Another account's property is a 404."""
    prop = owned_or_404(Property, property_id, account_id)
    return records_pack(prop, include_reports=True, verification_url=None)


def render(record: dict[str, Any], verification_url: str | None, site_url: str) -> bytes:
    """The PDF of one property's record (pure: no AWS, no clock)."""
    from chalicelib.sale import pdf

    company = record["company"]
    name = company.get("company_name") or "Septic service"
    produced = _day(record["as_of"])
    if verification_url:
        check = f"Check this pack is genuine: open {verification_url} (the owner's share link) and compare."
    else:
        check = f"Produced from {name}'s customer portal, {site_url}; the owner can share a link there to check it."

    def footer(number: int, count: int) -> list[str]:
        return [check, f"{name} - septic records pack for {record['property']['label']}, produced {produced} - page {number} of {count}"]

    brand = pdf.rgb(company.get("primary_color"))
    doc = pdf.Document(f"Septic records: {record['property']['label']}", footer)
    doc.band(108, brand)
    doc.text(name, size=20, bold=True, color=(1, 1, 1))
    doc.text("Septic system records pack", size=11, color=(1, 1, 1))
    doc.space(34)
    doc.text(_address(record["property"]["address"]), size=15, bold=True)
    doc.text(f"Produced on {produced}", color=pdf.MUTED)
    phone = display_phone(company.get("phone"))  # as the site and the emails print it: (217) 555-0142
    contact = " - ".join(v for v in (phone, company.get("email"), company.get("website")) if v)
    if contact:
        doc.text(f"{name}: {contact}", color=pdf.MUTED)
    _sale(doc, record.get("transaction"), brand)
    _section(doc, "System on file", brand)
    for line in _system(record["system"]):
        doc.text(line)
    _section(doc, "Next service due", brand)
    dues = [d for d in (record.get("next_service_due"), record.get("next_inspection_due")) if d]
    for due in dues:
        doc.text(_due(due))
    if not dues:
        doc.text("No service date is on file.", color=pdf.MUTED)
    _history(doc, record["service_history"], brand)
    if record["reports"] or verification_url:
        _section(doc, "Reports", brand)
        for report in record["reports"]:
            doc.text(f"{_day(report['date']) if report.get('date') else 'Undated'} - {report['title']} "
                     f"({KIND_NAMES.get(report['kind'], report['kind'])})")
        if not record["reports"]:
            doc.text("No reports are shared with this pack.", color=pdf.MUTED)
        elif verification_url:
            doc.text("The reports themselves can be downloaded from the share link below.", color=pdf.MUTED)
    return doc.output()


def _section(doc: Any, title: str, brand: tuple[float, float, float]) -> None:
    doc.space(12)
    doc.room(48)
    doc.text(title, size=13, bold=True, color=brand)
    doc.rule(brand)


def _sale(doc: Any, sale: dict[str, Any] | None, brand: tuple[float, float, float]) -> None:
    if not sale:
        return
    _section(doc, "Sale of the property", brand)
    if sale.get("status_words"):
        doc.text(f"Transaction status: {sale['status_words']}", bold=True)
    if sale.get("closing_date"):
        doc.text(f"Planned closing: {_day(sale['closing_date'])}")
    if sale.get("agent_name"):
        doc.text(f"Handled by: {sale['agent_name']}")
    if sale.get("inspection_valid_words"):
        doc.text(sale["inspection_valid_words"])


def _history(doc: Any, visits: list[dict[str, Any]], brand: tuple[float, float, float]) -> None:
    from chalicelib.sale.pdf import MUTED

    _section(doc, "Service history", brand)
    if not visits:
        doc.text("No completed service is on file yet.", color=MUTED)
    for visit in visits:
        doc.space(4)
        title = f"{_day(visit['date'])} - {SERVICE_NAMES.get(visit['service_type'], visit['service_type'])}"
        if visit.get("gallons_pumped"):
            title += f", {visit['gallons_pumped']:,} gallons pumped"
        doc.text(title, bold=True, keep=14)
        if visit.get("condition_rating"):
            doc.text(f"Condition: {visit['condition_rating']}", indent=12)
        for label, value in (visit.get("measurements") or {}).items():
            doc.text(f"{str(label).replace('_', ' ').capitalize()}: {value}", indent=12)
        for note in visit.get("notes") or []:
            doc.text(note, indent=12)


def _system(system: dict[str, Any]) -> list[str]:
    if not system:
        return ["No system details are on file."]
    lines = [f"Type: {system['type']}"] if system.get("type") else []
    if system.get("tank_gallons"):
        count = int(system.get("tank_count") or 1)
        tanks = f"{count} tanks" if count > 1 else "1 tank"
        lines.append(f"Tank: {tanks}, {int(system['tank_gallons']):,} gallons")
    if system.get("install_year"):
        lines.append(f"Installed: {int(system['install_year'])}")
    if system.get("lid_location"):
        lines.append(f"Lid: {system['lid_location']}")
    return lines


def _due(due: dict[str, Any]) -> str:
    service = SERVICE_NAMES.get(due["service"], due["service"])
    if due["status"] == "booked" and due.get("booked_on"):
        return f"{service}: booked for {_day(due['booked_on'])}"
    if not due.get("date"):
        return f"{service}: no date yet (no {service.lower()} on file)"
    overdue = " (overdue)" if due["status"] == "overdue" else ""
    return f"{service}: due {_day(due['date'])}{overdue} - {due.get('explanation') or ''}".rstrip(" -")


def _address(address: dict[str, Any]) -> str:
    street = ", ".join(v for v in (address.get("line1"), address.get("line2")) if v)
    return f"{street}, {address.get('city', '')}, {address.get('state', '')} {address.get('zip', '')}".strip(" ,")


def _day(value: str) -> str:
    day = date.fromisoformat(value[:10])
    return f"{day:%B} {day.day}, {day.year}"
