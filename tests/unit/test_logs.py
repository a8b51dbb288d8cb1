"""Logs are JSON, with emails, phone numbers and secrets masked."""
from __future__ import annotations

import json
import logging

from chalicelib.logs import JsonFormatter, mask


def _format(message: str, *args, **extra) -> dict:
    record = logging.LogRecord("portal.test", logging.INFO, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return json.loads(JsonFormatter().format(record))


def test_email_addresses_are_masked_in_messages_and_fields():
    entry = _format("sent link to %s", "jane.smith@gmail.com", recipient="bob@example.com")

    assert "jane.smith" not in json.dumps(entry) and "bob@" not in json.dumps(entry)
    assert entry["message"] == "sent link to j•••@gmail.com"
    assert entry["recipient"] == "b•••@example.com"


def test_phone_numbers_keep_only_their_last_two_digits():
    assert mask("texted +1 (217) 555-0199 just now") == "texted •••99 just now"
    assert mask("+12175550143") == "•••43"
    assert mask("call 217.555.0142 or 2175550142") == "call •••42 or •••42"


def test_ids_and_dates_are_not_taken_for_phone_numbers():
    for text in ("message cbeaa3b1234567890f93f12d1e60537a39f", "bounced on 2026-12-02.",
                 "id 1234567890abcdef", "at 2026-12-02T14:00:00+00:00",
                 "next attempt at 1764000000.5", "sent_at_ms 1764000000123"):
        assert mask(text) == text


def test_secret_fields_and_bearer_tokens_are_never_logged():
    entry = _format("call with Bearer abc.def.ghi", authorization="Bearer pk_1234", session_token="t0ps3cret")

    text = json.dumps(entry)
    assert "abc.def.ghi" not in text and "pk_1234" not in text and "t0ps3cret" not in text


def test_counts_and_ids_are_left_alone():
    entry = _format("request", status=201, duration_ms=12.5, route="/api/admin/accounts/{account_id}")

    assert (entry["status"], entry["duration_ms"], entry["route"]) == (201, 12.5, "/api/admin/accounts/{account_id}")
