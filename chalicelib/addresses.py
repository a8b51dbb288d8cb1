"""Addresses: how they are shown, and normalised so '12 N. Oak St' and '12 north oak street' match (F3)."""
from __future__ import annotations

import re
from typing import Any

_WORDS = {
    "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "st": "street", "rd": "road", "ave": "avenue", "av": "avenue", "blvd": "boulevard",
    "dr": "drive", "ln": "lane", "ct": "court", "cir": "circle", "pl": "place",
    "pkwy": "parkway", "hwy": "highway", "ter": "terrace", "trl": "trail", "sq": "square",
    "mt": "mount", "rte": "route", "rt": "route", "apt": "apartment", "ste": "suite",
}


def normalise_line(line: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", line.lower()).split()
    return " ".join(_WORDS.get(word, word) for word in words)


def address_key(line1: str, zip_code: str) -> str:
    return f"{zip_code.strip()[:5]}|{normalise_line(line1)}"


def label(address: dict[str, Any]) -> str:
    """The short label a customer knows a property by: "12 Oak Street, Springfield"."""
    return f"{address['line1']}, {address['city']}"


def full_label(address: dict[str, Any]) -> str:
    """Every part on file, on one line (a calendar event's location): "12 Oak Street, Springfield, IL, 62704"."""
    return ", ".join(v for v in (address.get("line1"), address.get("city"), address.get("state"), address.get("zip")) if v)
