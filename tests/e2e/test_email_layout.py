"""Every email reads on a 360 px phone: nothing wider than the screen, 16 px text, buttons big enough to tap.

Each template's HTML is rendered with long, realistic values (``tests.email_samples``: a long
company name, long addresses and emails, real-length links) and opened in Chromium at 360 px.
A template added later is checked too: variables the samples do not name are filled with a long
word without spaces.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests import email_samples

PHONE_WIDTH = 360
# Branches of a template that show other content than the samples' defaults.
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "dispatch_change": [{"change": "cancelled"}, {"change": "withdrawn", "was": ""}],
    "dispatch_request": [{"mode": "instant"}],
    "payment_receipt": [{"method": "card"}],
}

_MEASURE = """() => {
  const widest = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  const overflowing = [];
  const small = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > innerWidth + 0.5) overflowing.push(`${element.tagName} ${Math.round(box.right)}px: ${element.textContent.slice(0, 60)}`);
    const ownText = [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim());
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (ownText && size < 14) small.push(`${element.tagName} ${size}px: ${element.textContent.slice(0, 60)}`);
  }
  const buttons = [...document.querySelectorAll('a')]
    .filter(a => getComputedStyle(a).backgroundColor !== 'rgba(0, 0, 0, 0)')
    .map(a => ({label: a.textContent, height: a.getBoundingClientRect().height}));
  const body = [...document.querySelectorAll('td')].find(td => td.querySelector('p'));
  return {widest, overflowing, small, buttons, bodySize: body ? parseFloat(getComputedStyle(body).fontSize) : null};
}"""


def _cases() -> list[Any]:
    cases = []
    for template in email_samples.email_templates():
        for number, overrides in enumerate([{}, *VARIANTS.get(template, [])]):
            cases.append(pytest.param(template, overrides, id=f"{template}-{number}" if number else template))
    return cases


@pytest.fixture
def phone_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def long_branding(monkeypatch: pytest.MonkeyPatch) -> None:
    email_samples.use_long_branding(monkeypatch)


@pytest.mark.parametrize(("template", "overrides"), _cases())
def test_the_email_fits_a_phone_with_readable_text_and_tappable_buttons(phone_page: Any, template: str, overrides: dict[str, Any]) -> None:
    message = email_samples.rendered_email(template, **overrides)

    phone_page.set_content(message.html)
    measured = phone_page.evaluate(_MEASURE)

    assert measured["widest"] <= PHONE_WIDTH, measured["overflowing"]
    assert measured["overflowing"] == []
    assert measured["small"] == []
    assert measured["bodySize"] == 16
    assert all(button["height"] >= 44 for button in measured["buttons"]), measured["buttons"]


def test_a_wide_logo_is_scaled_to_the_phone_without_being_squashed(phone_page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a logo 30 times as wide as it is high (3000 x 100 px)
    email_samples.use_long_branding(monkeypatch, logo_url="https://cdn.example.com/logo.png")
    logo = '<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="100"><rect width="3000" height="100" fill="#444"/></svg>'
    phone_page.route("https://cdn.example.com/**", lambda route: route.fulfill(content_type="image/svg+xml", body=logo))

    phone_page.set_content(email_samples.rendered_email("signin_link").html, wait_until="load")
    box = phone_page.locator("img").bounding_box()

    assert phone_page.locator("img").get_attribute("alt") == email_samples.LONG_COMPANY
    assert box["x"] + box["width"] <= PHONE_WIDTH
    assert box["height"] <= 40
    assert abs(box["width"] / box["height"] - 30) < 0.5  # scaled, not squashed


def test_every_email_ends_with_the_companys_contact_details(phone_page: Any) -> None:
    branding = email_samples.BRANDING
    for template in email_samples.email_templates():
        message = email_samples.rendered_email(template)
        phone_page.set_content(message.html)
        footer = phone_page.locator("td").last.inner_text()
        for part in ("(217) 555-0142", branding["email"], branding["hours"], branding["address"], "www.clearwater-septic-services.com"):
            assert part in footer, (template, part)
            assert part in message.text.split("\n--\n")[-1], (template, part)
        assert phone_page.locator('td a[href="tel:+12175550142"]').count() >= 1
