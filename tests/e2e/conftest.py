"""The local portal as a user runs it (``python -m devserver``), on a free port, and Debian's Chromium."""
from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from devserver.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN = {"Authorization": "Bearer local-admin-key"}
_EXPECTED_HTTP_ANSWER = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


class Portal(str):
    """The portal's URL; ``.stripe`` is its Stripe emulator's."""

    stripe: str


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """Start the local portal (with its Stripe emulator) in its own process; stop it when the session ends."""
    with running_portal(tmp_path_factory.mktemp("portal")) as url:
        yield url


@contextlib.contextmanager
def running_portal(log_dir: Path, settings: dict[str, str] | None = None) -> Iterator[Portal]:
    """A local portal of its own, for tests whose changes (company settings...) others must not see;
    ``settings`` are more ``PORTAL_*`` environment settings for it."""
    port, stripe_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "AWS_"))}
    log_path = log_dir / "portal.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "devserver", "--port", str(port), "--host", "127.0.0.1", "--stripe-port", str(stripe_port)],
            # Links point at the host the browser uses (cookies are per host); the per-contact
            # limit and the per-client one are tested in tests/api; here, with every browser test
            # signing in from 127.0.0.1 on one portal, they would couple the tests together.
            cwd=ROOT, env={**env, "PORT": str(port), "PORTAL_SITE_URL": f"http://127.0.0.1:{port}",
                           "PORTAL_LIMIT_IP": "1000/3600", "PORTAL_LIMIT_CONTACT_BURST": "50/600", "PORTAL_LIMIT_CONTACT_DAILY": "200/86400",
                           "PORTAL_LIMIT_BOOKING_ACCOUNT": "100/600", "PORTAL_LIMIT_BOOKING_PROPERTY": "100/600",
                           **(settings or {})},
            stdout=log, stderr=subprocess.STDOUT,
        )
    url = Portal(f"http://127.0.0.1:{port}")
    url.stripe = f"http://127.0.0.1:{stripe_port}"
    try:
        _wait_until_up(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the local portal exited early:\n{log_path.read_text()[-4000:]}")
        try:
            if requests.get(f"{url}/api/health", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the local portal did not start within {timeout} s:\n{log_path.read_text()[-4000:]}")


def newest_link(portal: str, to: str, after: set[str]) -> str:
    """The newest sign-in link sent to ``to`` that was not there before.

    The portal's timer sends within a second; asking it to run its jobs now (as ``make jobs``
    does) saves most of that wait in every sign-in. The timer alone still delivers what the
    tests' other waits (the dispatcher's email, texts to a new number) look for.
    """
    requests.post(f"{portal}/api/dev/jobs/run?job=deliver-notifications", json={}, timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]:
            links = [link for link in item["links"] if "/signin/link#token=" in link]
            if item["to"] == to and item["status"] == "sent" and links and links[0] not in after:
                return links[0]
        time.sleep(0.3)
    raise AssertionError(f"no sign-in link reached {to}")


def newest_link_to(portal: str, to: str, path: str, after: set[str]) -> str:
    """The newest link containing ``path`` sent to ``to`` that was not there before (any message)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for item in requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]:
            links = [link for link in item["links"] if path in link and link not in after]
            if item["to"] == to and item["status"] == "sent" and links:
                return links[0]
        time.sleep(0.3)
    raise AssertionError(f"no {path} link reached {to}")


def links_so_far(portal: str) -> set[str]:
    items = requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
    return {link for item in items for link in item["links"]}


def demo_api(portal: str) -> Any:
    """A requests session signed in as the demo customer, sending the portal's Origin as its pages do."""
    import requests

    session = requests.Session()
    session.headers["Origin"] = portal
    before = links_so_far(portal)
    session.post(f"{portal}/api/auth/magic-link", json={"email": "demo@example.com"}, timeout=5)
    token = newest_link(portal, "demo@example.com", before).split("#token=")[1]
    assert session.post(f"{portal}/api/auth/verify", json={"token": token}, timeout=5).ok
    return session


def sign_in_as_demo(portal: str, page: Any) -> None:
    """Ask for a link by text message, open it from the outbox and press "Sign in", as the customer would."""
    before = links_so_far(portal)
    requests.post(f"{portal}/api/auth/magic-link", json={"phone": "+12175550143"}, headers={"Origin": portal}, timeout=5)
    page.goto(newest_link(portal, "+12175550143", before))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page in a 360 px wide phone-sized window; fails the test on any script error.

    Chromium also logs every 4xx answer as a console error ("Failed to load resource"); those
    are the API answering as designed (401 when signed out, 400 for a used link), not faults.
    """
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and not _EXPECTED_HTTP_ANSWER.match(message.text):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"the browser console reported errors: {errors}"
