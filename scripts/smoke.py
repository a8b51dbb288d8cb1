"""``make smoke URL=https://portal.example.com ADMIN_KEY=... [TO=office@example.com]``: is the portal up?

1. ``GET /api/health`` answers ``{"ok": true}`` through the public address (CloudFront in production,
   so this also proves CloudFront reaches the API with its origin header);
2. the admin API accepts the key and queues a test message (``POST /api/admin/test-message``, an
   email to ``TO``);
3. after ``--wait`` seconds, the message is not among those the outbox gave up on
   (``GET /api/admin/messages?status=failed``): open the inbox to see it arrive.

Standard library only, so it runs anywhere Python 3.11 does. Exit status 0 when every step passed.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from typing import Any


def _call(method: str, url: str, key: str | None = None, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    headers = {"Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 - the operator's URL
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"null")
        except ValueError:
            return error.code, None


def smoke(url: str, admin_key: str, to: str, wait: float = 20.0) -> list[str]:
    """Run the checks; returns what failed, in sentences (empty when the portal works)."""
    url = url.rstrip("/")
    try:
        status, body = _call("GET", f"{url}/api/health")
    except (urllib.error.URLError, OSError) as error:
        return [f"{url} cannot be reached ({error}); check the address and that the stack is deployed."]
    if status != 200 or body != {"ok": True}:
        return [f"GET /api/health answered {status} {body!r}, not 200 {{\"ok\": true}}."]
    print(f"ok   GET /api/health: 200 {body}")

    status, body = _call("POST", f"{url}/api/admin/test-message", admin_key, {"channel": "email", "to": to})
    if status != 202:
        return [f"POST /api/admin/test-message answered {status} {body!r}, not 202 (is the admin key right?)."]
    message_id = body["message_id"]
    print(f"ok   test message to {to} queued: {message_id}")

    deadline = time.monotonic() + wait
    while True:
        status, body = _call("GET", f"{url}/api/admin/messages?status=failed", admin_key)
        if status != 200:
            return [f"GET /api/admin/messages answered {status} {body!r}, not 200."]
        if any(item.get("id") == message_id for item in body.get("items", [])):
            return [f"The test message {message_id} failed to send: see GET /api/admin/messages?status=failed "
                    "and the outbox's log lines (SES identity verified? out of the sandbox?)."]
        if time.monotonic() >= deadline:
            break
        time.sleep(2)
    print(f"ok   not failed after {wait:.0f} s: look for the test message in {to}'s inbox")
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the portal's public address, e.g. https://portal.example.com")
    parser.add_argument("admin_key", help="an admin API key (the bootstrap key from Secrets Manager)")
    parser.add_argument("to", help="an email address to send the test message to")
    parser.add_argument("--wait", type=float, default=20.0, help="seconds to watch for a failure (default 20)")
    args = parser.parse_args(argv)
    if not (args.url and args.admin_key and args.to):
        parser.error("give the portal's URL, an admin key and an address: "
                     "make smoke URL=https://portal.example.com ADMIN_KEY=... TO=office@example.com")
    problems = smoke(args.url, args.admin_key, args.to, args.wait)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
