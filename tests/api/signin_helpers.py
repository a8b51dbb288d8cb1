"""Steps of a passwordless sign-in through the API, shared by the sign-in, session and limit tests."""
from __future__ import annotations

import re

from chalicelib.notify import outbox

EMAIL, PHONE = "jane@example.com", "+12175550198"


def links_sent() -> list[str]:
    """Every token sent so far, oldest first."""
    texts = [item["text"] for item in reversed(outbox.recent())]
    return [token for text in texts for token in re.findall(r"#token=([A-Za-z0-9_-]+)", text)]


def ask_for_link(api, **contact) -> str:
    response = api("POST", "/api/auth/magic-link", contact)
    assert response.status_code == 202, response.data
    outbox.deliver_due()
    return links_sent()[-1]


def session_cookie(response) -> str:
    return response.headers["Set-Cookie"].split(";", 1)[0]


def sign_in(api, **contact) -> str:
    token = ask_for_link(api, **contact)
    verified = api("POST", "/api/auth/verify", {"token": token})
    assert verified.status_code == 200, verified.data
    return session_cookie(verified)
