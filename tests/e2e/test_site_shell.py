"""The site shell in a real browser on a 360 px phone: branded, accessible, no sideways scrolling."""
from __future__ import annotations

import requests

from tests.e2e.conftest import ADMIN, sign_in_as_demo

DEMO_PRIMARY = "rgb(11, 93, 122)"  # #0b5d7a, the demo company's primary colour


def test_home_page_shows_the_demo_companys_branding_on_a_phone(portal, phone):
    phone.goto(f"{portal}/")

    banner = phone.get_by_role("banner")
    banner.get_by_text("Clearwater Septic").or_(banner.get_by_alt_text("Clearwater Septic")).first.wait_for()
    assert "Clearwater Septic" in phone.title()
    assert phone.get_by_role("heading", level=1).inner_text().startswith("Welcome to Clearwater Septic")
    header_colour = banner.evaluate("el => getComputedStyle(el).backgroundColor")
    assert header_colour == DEMO_PRIMARY
    footer = phone.get_by_role("contentinfo")
    assert footer.get_by_role("link", name="(217) 555-0142").get_attribute("href") == "tel:+12175550142"


def test_home_page_fits_a_360_px_screen_without_sideways_scrolling(portal, phone):
    phone.goto(f"{portal}/")
    phone.get_by_role("banner").get_by_text("Clearwater Septic").first.wait_for()

    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    assert overflow <= 0


def test_landmarks_and_skip_link_let_keyboard_users_jump_to_content(portal, phone):
    phone.goto(f"{portal}/")
    phone.get_by_role("banner").get_by_text("Clearwater Septic").first.wait_for()

    for role in ("banner", "navigation", "main", "contentinfo"):
        assert phone.get_by_role(role).count() >= 1, role
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_home_page_has_no_accessibility_violations(portal, phone):
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(f"{portal}/")
    phone.get_by_role("banner").get_by_text("Clearwater Septic").first.wait_for()

    results = Axe().run(phone)

    assert results.violations_count == 0, results.generate_report()


def test_local_mode_banner_points_to_the_outbox_which_lists_sent_messages(portal, phone):
    requests.post(f"{portal}/api/admin/test-message", json={"to": "browser-check@example.com"}, headers=ADMIN, timeout=10)
    phone.goto(f"{portal}/")

    phone.get_by_role("link", name="outbox").click()

    phone.wait_for_url("**/dev/outbox.html")
    phone.get_by_text("browser-check@example.com").first.wait_for()


def test_outbox_lists_messages_collapsed_and_filters_them_by_recipient(portal, phone):
    for to in ("filter-one@example.com", "filter-two@example.com"):
        requests.post(f"{portal}/api/admin/test-message", json={"to": to}, headers=ADMIN, timeout=10)
    phone.goto(f"{portal}/dev/outbox.html")
    one = phone.locator("article.card").filter(has_text="To filter-one@example.com")
    two = phone.locator("article.card").filter(has_text="To filter-two@example.com")
    one.first.wait_for()

    # Each message is one collapsed line: its body shows only when opened
    body = one.first.locator("pre.body")
    assert not body.is_visible()
    one.first.get_by_text("Show the message").click()
    assert body.is_visible()

    # Newest first: the message sent second comes before the first
    cards = phone.locator("article.card")
    texts = cards.all_inner_texts()
    first_two = next(i for i, text in enumerate(texts) if "To filter-two@example.com" in text)
    first_one = next(i for i, text in enumerate(texts) if "To filter-one@example.com" in text)
    assert first_two < first_one

    # Typing a recipient leaves only their messages in sight
    phone.get_by_label("Show messages to").fill("filter-two")
    assert two.first.is_visible()
    assert not one.first.is_visible()
    assert "to “filter-two”" in phone.get_by_role("status").inner_text()


MENU_PAGES = {
    "Dashboard": "/dashboard",
    "History": "/history",
    "Documents": "/documents",
    "Invoices": "/invoices",
    "Autopay": "/autopay",
    "Book service": "/book",
    "My bookings": "/bookings",
    "Share records": "/shares",
    "Profile": "/profile",
}


def test_signed_in_header_is_one_short_row_on_a_phone_and_its_menu_reaches_every_page(portal, phone):
    sign_in_as_demo(portal, phone)
    phone.get_by_role("heading", name="Hello, Alex").wait_for()
    banner = phone.get_by_role("banner")

    assert banner.bounding_box()["height"] <= 80
    menu = banner.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not banner.get_by_role("link", name="Invoices").is_visible()

    # The keyboard opens it, Escape closes it and leaves the focus on the button
    menu.focus()
    phone.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    banner.get_by_role("link", name="Dashboard").focus()
    phone.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.textContent") == "Menu"

    for name, path in MENU_PAGES.items():
        banner.get_by_role("button", name="Menu").click()
        banner.get_by_role("link", name=name, exact=True).click()
        phone.wait_for_url(f"**{path}")
        phone.get_by_role("heading", level=1).wait_for()
        assert phone.get_by_role("banner").bounding_box()["height"] <= 80


def test_a_slow_page_says_it_is_loading_until_its_data_arrives(portal, phone):
    sign_in_as_demo(portal, phone)
    phone.get_by_role("heading", name="Hello, Alex").wait_for()
    held = []
    phone.route("**/api/dashboard", lambda route: held.append(route))  # held until the test lets it through

    phone.goto(f"{portal}/dashboard", wait_until="commit")

    loading = phone.get_by_role("status").filter(has_text="Loading your account…")
    loading.wait_for()
    assert loading.is_visible()
    assert held
    held[0].continue_()
    phone.get_by_role("heading", name="Hello, Alex").wait_for()
    assert loading.count() == 0
