"""Structured JSON logs with e-mail addresses, phone numbers and secrets masked.

Every record is one JSON object per line (what CloudWatch Logs Insights queries best).
Masking happens in the formatter, so a careless ``log.info("sent to %s", email)`` is
still safe.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone
from typing import Any

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# A phone number as people and E.164 write it, standing alone: not the digits inside an id
# ("cbeaa3b1234567890f"), nor a date ("2026-12-02"), nor a Unix time ("1764000000.5"): without
# its +, a number is North American, whose area code and exchange never start with 0 or 1.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{8,13}|(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]?\d{2})(\d{2})(?!\w)")
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s\"']+")
_SECRET_KEYS = {"authorization", "password", "token", "secret", "key", "cookie", "upload_url", "url"}
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def mask(text: str) -> str:
    text = _BEARER.sub(r"\1•••", text)
    text = _EMAIL.sub(r"\1•••@\2", text)
    return _PHONE.sub(r"•••\1", text)


def _clean(key: str, value: Any) -> Any:
    if any(word in key.lower() for word in _SECRET_KEYS):
        return "•••"
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {k: _clean(str(k), v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(key, v) for v in value]
    return value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = _clean(key, value)
        if record.exc_info:
            entry["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


def configure(level: str = "INFO") -> None:
    """Route the ``portal`` loggers to stdout as JSON (idempotent)."""
    root = logging.getLogger("portal")
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(f"portal.{name}")
