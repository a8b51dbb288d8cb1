"""The customer's invoices (F8) and paying them (F9)."""
from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import bodies
from chalicelib.auth.current import customer
from chalicelib.billing import invoices
from chalicelib.web import read_body

bp = Blueprint(__name__)


@bp.route("/invoices", methods=["GET"])
def list_invoices() -> dict[str, Any]:
    params = bp.current_request.query_params or {}
    return invoices.listing(customer(bp.current_request).account_id, params.get("cursor"), params.get("limit"))


@bp.route("/invoices/{invoice_id}", methods=["GET"])
def invoice_detail(invoice_id: str) -> dict[str, Any]:
    return invoices.detail(customer(bp.current_request).account_id, invoice_id)


@bp.route("/invoices/{invoice_id}/payment-intent", methods=["POST"])
def create_payment_intent(invoice_id: str) -> dict[str, Any]:
    from chalicelib.billing import payments  # Stripe loads only on the routes that pay

    account_id = customer(bp.current_request).account_id
    return payments.start_payment(account_id, invoice_id, read_body(bp.current_request, bodies.PAYMENT))


@bp.route("/invoices/{invoice_id}/card-setup", methods=["POST"])
def create_card_setup(invoice_id: str) -> dict[str, Any]:
    from chalicelib.billing import payments

    return payments.card_setup(customer(bp.current_request).account_id, invoice_id)


@bp.route("/invoices/{invoice_id}/pay", methods=["POST"])
def pay_invoice(invoice_id: str) -> dict[str, Any]:
    from chalicelib.billing import payments

    account_id = customer(bp.current_request).account_id
    return payments.pay_with_card(account_id, invoice_id, read_body(bp.current_request, bodies.CARD_PAYMENT))
