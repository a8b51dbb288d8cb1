"""PUT upserts of accounts, properties, service records, appointments and invoices."""
from __future__ import annotations

from chalice import Blueprint, Response

bp = Blueprint(__name__)


def _upsert(kind: str, object_id: str) -> Response:
    from chalicelib.admin import accounts, invoices, records, schemas

    schema, upsert = {
        "account": (schemas.AccountIn, accounts.upsert_account),
        "property": (schemas.PropertyIn, records.upsert_property),
        "service_record": (schemas.ServiceRecordIn, records.upsert_service_record),
        "appointment": (schemas.AppointmentIn, records.upsert_office_appointment),
        "invoice": (schemas.InvoiceIn, invoices.upsert_invoice),
    }[kind]
    result = upsert(object_id, schemas.parse(schema, bp.current_request.raw_body))
    return Response(body={**result.body, "changed": result.changed}, status_code=201 if result.created else 200)


@bp.route("/accounts/{account_id}", methods=["PUT"])
def put_account(account_id: str) -> Response:
    return _upsert("account", account_id)


@bp.route("/properties/{property_id}", methods=["PUT"])
def put_property(property_id: str) -> Response:
    return _upsert("property", property_id)


@bp.route("/service-records/{record_id}", methods=["PUT"])
def put_service_record(record_id: str) -> Response:
    return _upsert("service_record", record_id)


@bp.route("/appointments/{appointment_id}", methods=["PUT"])
def put_appointment(appointment_id: str) -> Response:
    return _upsert("appointment", appointment_id)


@bp.route("/appointments/{appointment_id}/status", methods=["POST"])
def post_appointment_status(appointment_id: str) -> Response:
    """The technician is on the way, has arrived or has completed the visit (tells the customer)."""
    from chalicelib.admin import schemas, visits

    result = visits.set_status(appointment_id, schemas.parse(schemas.AppointmentStatusIn, bp.current_request.raw_body))
    return Response(body={**result.body, "changed": result.changed}, status_code=200)


@bp.route("/invoices/{invoice_id}", methods=["PUT"])
def put_invoice(invoice_id: str) -> Response:
    return _upsert("invoice", invoice_id)


@bp.route("/properties/{property_id}/transaction", methods=["PUT", "DELETE"])
def property_transaction(property_id: str) -> Response:
    """The sale in progress on the property (SPEC F13); `DELETE` or `status: null` clears it."""
    from chalicelib.admin import schemas, transactions

    if bp.current_request.method == "DELETE":
        result = transactions.clear(property_id)
    else:
        result = transactions.put(property_id, schemas.parse(schemas.TransactionIn, bp.current_request.raw_body))
    return Response(body={**result.body, "changed": result.changed}, status_code=201 if result.created else 200)
