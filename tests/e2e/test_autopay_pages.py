"""Autopay where it matters, in Chromium at 360 px: with autopay on the invoices say so and when they
will be charged; a customer without a maintenance agreement is offered autopay nowhere."""
from __future__ import annotations

import stripe

import requests

from tests.e2e.conftest import demo_api, links_so_far, newest_link, running_portal, sign_in_as_demo


def _long_date(iso: str) -> str:
    from datetime import date

    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def _enrol_demo_card(portal, api) -> None:
    started = api.post(f"{portal}/api/autopay/setup-intent", json={"method": "card"}, timeout=10).json()
    stripe.api_key, stripe.api_base = "sk_test_local", portal.stripe
    stripe.SetupIntent.confirm(started["setup_intent_id"], payment_method="pm_card_visa")
    assert api.post(f"{portal}/api/autopay/confirm", json={"setup_intent_id": started["setup_intent_id"]}, timeout=10).ok


def test_with_autopay_on_the_invoices_say_so_and_when_each_open_one_will_be_charged(tmp_path, phone):
    # A portal of its own: its job charges what autopay makes due at once, which the other tests must not see
    with running_portal(tmp_path) as portal:
        api = demo_api(portal)
        _enrol_demo_card(portal, api)
        to_charge = [i for i in api.get(f"{portal}/api/invoices", timeout=5).json()["items"] if i["autopay_charges_on"]]
        assert to_charge, "the demo has an open invoice due next month"
        # The one charged last: not today, so the portal's job (every second) leaves it open meanwhile
        invoice = max(to_charge, key=lambda i: i["autopay_charges_on"])
        sign_in_as_demo(portal, phone)
        phone.get_by_text("Autopay is on: invoices are charged automatically on their due date.").wait_for()
        assert phone.get_by_role("link", name="Manage autopay").is_visible()

        phone.goto(f"{portal}/invoices")
        phone.get_by_role("heading", name="Invoices", level=1).wait_for()
        main = phone.locator("main")
        main.get_by_text("Autopay is on.").wait_for()
        assert not main.get_by_role("link", name="Set up autopay").count()
        card = main.locator("li.invoice").filter(has=phone.get_by_role("link", name=f"Invoice {invoice['number']}", exact=True))
        assert f"Autopay will charge this on {_long_date(invoice['autopay_charges_on'])}." in card.inner_text()
        main.get_by_role("link", name="Manage autopay").click()
        phone.get_by_role("heading", name="Autopay is on").wait_for()

        phone.goto(f"{portal}/invoices/{invoice['id']}/pay")
        phone.get_by_placeholder("number", exact=True).wait_for()  # paying now is still allowed
        notice = phone.locator("main .autopay-note")
        assert f"Autopay will charge this on {_long_date(invoice['autopay_charges_on'])}." in notice.inner_text()
        assert notice.evaluate("(el) => !!(el.compareDocumentPosition(document.querySelector('form.pay-form')) & Node.DOCUMENT_POSITION_FOLLOWING)")


def test_a_customer_without_a_maintenance_agreement_is_offered_autopay_nowhere(portal, phone):
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": "sam.lee@example.com"}, headers={"Origin": portal}, timeout=5)
    phone.goto(newest_link(portal, "sam.lee@example.com", before))
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/dashboard")
    phone.get_by_role("heading", name="Hello, Sam").wait_for()
    banner = phone.get_by_role("banner")

    def offers_autopay() -> bool:
        return bool(phone.get_by_role("link", name="autopay").count() or phone.get_by_text("Set up autopay").count())

    assert not offers_autopay()
    banner.get_by_role("button", name="Menu").click()
    banner.get_by_role("link", name="Invoices", exact=True).wait_for()
    assert not banner.get_by_role("link", name="Autopay").count()

    banner.get_by_role("link", name="Invoices", exact=True).click()
    phone.get_by_role("heading", name="Invoices", level=1).wait_for()
    phone.locator("li.invoice").first.wait_for()
    assert not offers_autopay()
    assert "Autopay will charge" not in phone.locator("main").inner_text()

    # Visited directly, the autopay page says why it is not available and how to get it
    phone.goto(f"{portal}/autopay")
    phone.get_by_text("Autopay comes with a maintenance agreement.").wait_for()
    assert "call us" in phone.locator("main").inner_text()
    assert not phone.get_by_role("button", name="Turn on autopay").count()
