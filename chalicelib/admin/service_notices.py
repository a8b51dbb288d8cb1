"""What the customer is told when the company's software changes a record (C4): the post-service
summary, "your report is ready", the invoice, and the technician on the way or arrived.

Each change that calls for a message stores a task in its own DynamoDB transaction (``*_task``), so
the change is never stored without it, whatever dies after; the outbox worker runs the task
(``tasks.run``), which queues the messages through ``customer.messages.send`` (kind ``service``: the
customer's channels) with one dedupe key per event. A task run twice, or a record the company's
software sends again, sends nothing twice.

Records dated (invoices issued) long ago are history being loaded, a first sync or an import, not
news: they send nothing.
"""
from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from chalicelib import company
from chalicelib.addresses import label
from chalicelib.admin import summaries
from chalicelib.customer import messages, visibility
from chalicelib.db import conditional
from chalicelib.db.models import Account, Appointment, Document, Invoice, OutboxMessage, Property, ServiceRecord, plain
from chalicelib.db.queries import get_or_none
from chalicelib.names import first_name
from chalicelib.notify.queue import task_item
from chalicelib.notify.render import clock_words, date_words
from chalicelib.settings import get_settings
from chalicelib import clock

SUMMARY, REPORT, INVOICE, VISIT = "service-summary", "report-ready", "invoice-delivery", "visit-status"
RECENT_RECORD_DAYS = 14
RECENT_INVOICE_DAYS = 30
REPORT_KINDS = ("inspection_report", "receipt")  # what the summary links as "your report"
INVOICE_LINES_SHOWN = 5
_SERVICE_WORDS = {"pump_out": "pump-out", "inspection": "inspection", "repair": "repair", "maintenance": "maintenance visit"}
_VISIT_TEMPLATES = {"en_route": "visit_en_route", "arrived": "visit_arrived"}  # completed: the summary follows


def _recent(day: str, days: int) -> bool:
    return date.fromisoformat(day) >= company.today() - timedelta(days=days)


# -- tasks, stored with the change ---------------------------------------------------------------

def summary_task(existing: ServiceRecord | None, fields: dict[str, Any], record_id: str) -> OutboxMessage | None:
    """A record that becomes completed (created so, or its status changed to it) and is recent."""
    if fields["status"] != "completed" or (existing is not None and existing.status == "completed"):
        return None
    if not _recent(fields["date"], RECENT_RECORD_DAYS):
        return None
    return task_item(SUMMARY, {"record_id": record_id}, dedupe_key=f"{SUMMARY}:{record_id}")


def report_task(document: Document, status: str) -> OutboxMessage | None:
    """A report on a service record published (``status`` final) or made visible: the task decides
    when it runs whether to tell (only when the record's summary went without it)."""
    if status != "final" or not document.service_record_id or document.kind not in REPORT_KINDS:
        return None
    return task_item(REPORT, {"document_id": document.document_id}, dedupe_key=f"{REPORT}:{document.document_id}")


def issue_key(number: str, issued_on: str, due_on: str | None, total_cents: int) -> str:
    """What makes an issue of an invoice: a change of any of these is a re-issue."""
    return hashlib.sha256(f"{number}|{issued_on}|{due_on or ''}|{int(total_cents)}".encode()).hexdigest()[:16]


def invoice_task(item: Invoice, previous_issue: str | None) -> OutboxMessage | None:
    """Sets the invoice's ``issue_key``; a task when this issue is to be delivered: the invoice has a
    balance, the customer was not sent this issue yet, and it is new (recent) or re-issued."""
    item.issue_key = issue_key(item.number, item.issued_on, item.due_on, int(item.total_cents))
    reissued = previous_issue is not None and previous_issue != item.issue_key
    if item.status != "open" or int(item.balance_cents) <= 0 or item.delivered_issue == item.issue_key:
        return None
    if not (reissued or _recent(item.issued_on, RECENT_INVOICE_DAYS)):
        return None
    item.delivered_issue = item.issue_key
    return task_item(INVOICE, {"invoice_id": item.invoice_id, "issue": item.issue_key},
                     dedupe_key=f"{INVOICE}:{item.invoice_id}:{item.issue_key}")


def visit_task(appointment_id: str, changes: int) -> OutboxMessage:
    """The ``changes``-th status change of an appointment, to tell the customer."""
    return task_item(VISIT, {"appointment_id": appointment_id, "changes": changes},
                     dedupe_key=f"{VISIT}:{appointment_id}:{changes}")


# -- running them (the outbox worker) ------------------------------------------------------------

def send_summary(payload: dict[str, Any], task_id: str) -> list[str]:
    record = get_or_none(ServiceRecord, payload["record_id"])
    if record is None or record.status != "completed" or record.summarised:
        return []
    account, prop = get_or_none(Account, record.account_id), get_or_none(Property, record.property_id)
    if account is None:
        return []
    defaults = company.current()["visibility_defaults"]
    reports = [d for d in record.documents or [] if d["kind"] in REPORT_KINDS
               and visibility.document(d.get("status"), d["kind"], d.get("visibility"), defaults)]
    site = get_settings().site_url
    queued = messages.send(account, "service_summary", {
        **_greeting(account, prop),
        "day": date_words(record.date, year=True),
        "service": _SERVICE_WORDS.get(record.service_type, record.service_type.replace("_", " ")),
        "gallons": int(record.gallons_pumped) if record.gallons_pumped is not None else None,
        "notes": visibility.notes(record.notes, record.visibility, defaults),
        "technician_name": record.technician_name,
        "reports": [d["title"] for d in reports],
        "report_url": f"{site}/documents" if reports else None,
        "url": f"{site}/history?property={record.property_id}",
    }, kind="service", dedupe_key=f"summary:{record.record_id}")
    # Which reports it linked: one published later gets its own short message (send_report).
    conditional(lambda: record.update(
        actions=[ServiceRecord.summarised.set({"at": clock.now().isoformat(), "reports": [d["document_id"] for d in reports]})],
        condition=ServiceRecord.summarised.does_not_exist()))
    return queued


def send_report(payload: dict[str, Any], task_id: str) -> list[str]:
    """Only for a record already summarised without this report (else the summary carries it)."""
    document = get_or_none(Document, payload["document_id"])
    defaults = company.current()["visibility_defaults"]
    if document is None or not visibility.document(document.status, document.kind, document.visibility, defaults):
        return []
    record = get_or_none(ServiceRecord, document.service_record_id) if document.service_record_id else None
    summarised = plain(record.summarised) if record else None
    if not summarised or document.document_id in summarised.get("reports", []):
        return []
    account, prop = get_or_none(Account, document.account_id), get_or_none(Property, document.property_id)
    if account is None:
        return []
    return messages.send(account, "report_ready", {
        **_greeting(account, prop), "title": document.title, "day": date_words(record.date, year=True),
        "url": f"{get_settings().site_url}/documents",
    }, kind="service", dedupe_key=f"report:{document.document_id}")


def send_invoice(payload: dict[str, Any], task_id: str) -> list[str]:
    invoice = get_or_none(Invoice, payload["invoice_id"])
    # Paid, voided or re-issued again since: the newer issue has its own task.
    if invoice is None or invoice.issue_key != payload["issue"] or invoice.status != "open":
        return []
    account = get_or_none(Account, invoice.account_id)
    if account is None:
        return []
    prop = get_or_none(Property, invoice.property_id) if invoice.property_id else None
    lines = list(invoice.lines or [])
    return messages.send(account, "invoice_issued", {
        **_greeting(account, prop),
        "number": invoice.number,
        "issued": date_words(invoice.issued_on, year=True),
        "due": date_words(invoice.due_on, year=True) if invoice.due_on else None,
        "total_cents": int(invoice.total_cents),
        "balance_cents": int(invoice.balance_cents),
        "lines": lines[:INVOICE_LINES_SHOWN],
        "more_lines": max(len(lines) - INVOICE_LINES_SHOWN, 0),
        "autopay": bool((plain(invoice.account_autopay) or {}).get("on")),
        "url": f"{get_settings().site_url}/invoices/{invoice.invoice_id}/pay",
    }, kind="service", dedupe_key=f"invoice:{invoice.invoice_id}:{payload['issue']}")


def send_visit(payload: dict[str, Any], task_id: str) -> list[str]:
    item = get_or_none(Appointment, payload["appointment_id"])
    if item is None:
        return []
    prop = get_or_none(Property, item.property_id)
    if prop is not None:
        summaries.refresh_upcoming(prop, item)  # the dashboard says it, also if the request died before
    template = _VISIT_TEMPLATES.get(item.visit_status or "")
    # A later change (arrived, after on the way) makes an earlier one's message pointless.
    if int(item.visit_changes or 0) != payload["changes"] or template is None or item.status == "cancelled":
        return []
    account = get_or_none(Account, item.account_id)
    if account is None:
        return []
    return messages.send(account, template, {
        **_greeting(account, prop), "technician": first_name(item.technician_name) or "Your technician",
        "eta": clock_words(item.eta) if item.eta else None, "url": f"{get_settings().site_url}/dashboard",
    }, kind="service", dedupe_key=f"visit:{item.appointment_id}:{payload['changes']}")


# -- words -----------------------------------------------------------------------------------

def _greeting(account: Account, prop: Property | None) -> dict[str, Any]:
    return {"name": first_name(account.name), "property_label": label(plain(prop.address)) if prop else None}


