"""A wrong field shows the API's sentence next to it, as it is: no field name before it (issue 11, item 21)."""
from __future__ import annotations

from pathlib import Path

import requests

from tests.e2e.conftest import links_so_far, newest_link

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"


def _error_next_to(page, label: str) -> str:
    """The words of the error shown for the field labelled ``label`` (which it describes), without "Error: "."""
    field = page.get_by_label(label, exact=True)
    error = page.locator(".field-error").first
    error.wait_for()
    assert error.get_attribute("id") in (field.get_attribute("aria-describedby") or "").split()
    assert field.get_attribute("aria-invalid") == "true"
    return error.text_content().removeprefix("Error: ")


def test_a_phone_number_we_cannot_text_is_refused_in_a_sentence_beside_the_field(portal, phone):
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"email": "demo@example.com"}, headers={"Origin": portal}, timeout=5)
    phone.goto(newest_link(portal, "demo@example.com", before))
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/dashboard")
    phone.goto(f"{portal}/profile")
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()

    phone.get_by_label("Mobile phone").fill("555 01")
    phone.get_by_role("button", name="Save changes").click()

    assert _error_next_to(phone, "Mobile phone") == "Enter a phone number we can text, such as (217) 555-0100."
    assert phone.evaluate("document.activeElement.name") == "phone"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.get_by_label("Mobile phone").scroll_into_view_if_needed()
    phone.screenshot(path=str(SCREENSHOTS / "profile-phone-error-360.png"))
    phone.reload()
    phone.get_by_role("heading", name="Your profile", exact=True).wait_for()
    assert phone.get_by_label("Mobile phone").input_value() == "(217) 555-0143"  # nothing was saved


def test_an_email_address_without_its_ending_is_refused_in_a_sentence_beside_the_field(portal, phone):
    phone.goto(f"{portal}/signin")

    phone.get_by_label("Email or mobile phone").fill("jane@example")
    phone.get_by_role("button", name="Send me a sign-in link").click()

    assert _error_next_to(phone, "Email or mobile phone") == (
        "The part after the @ is not complete. Enter the whole address, such as jane@example.com.")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "signin-email-error-360.png"), full_page=True)
