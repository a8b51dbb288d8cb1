"""Steps of a staff sign-in through the API, shared by the office console's tests."""
from __future__ import annotations

import re

from chalicelib.notify import outbox
from tests.conftest import ORIGIN, Api

STAFF_COOKIE = "__Host-portal_staff"


def staff_links() -> list[str]:
    texts = [item["text"] for item in reversed(outbox.recent())]
    return [token for text in texts for token in re.findall(r"/office/signin-link(?:\?[^#\s]*)?#token=([A-Za-z0-9_-]+)", text)]


def add_staff(admin: Api, name: str, email: str, role: str) -> dict:
    created = admin("POST", "/api/admin/staff", {"name": name, "email": email, "role": role})
    assert created.status_code == 201, created.data
    return created.data


def ask_for_staff_link(api: Api, email: str) -> str:
    response = api("POST", "/api/office/auth/magic-link", {"email": email})
    assert response.status_code == 202, response.data
    outbox.deliver_due()
    return staff_links()[-1]


def staff_sign_in(browser_api: Api, email: str) -> str:
    """The staff session cookie ("name=value") after asking for a link and using it."""
    token = ask_for_staff_link(browser_api, email)
    verified = browser_api("POST", "/api/office/auth/verify", {"token": token})
    assert verified.status_code == 200, verified.data
    return verified.headers["Set-Cookie"].split(";", 1)[0]


def as_staff(client, cookie: str, origin: str | None = ORIGIN) -> Api:
    headers = {"Cookie": cookie}
    if origin:
        headers["Origin"] = origin
    return Api(client, headers)
