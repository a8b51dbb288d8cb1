"""How many SMS segments a text costs, and keeping texts in the GSM-7 alphabet where that is free.

A text of GSM-7 characters fits one segment up to 160 characters (153 per segment once split);
a single character outside it (a curly apostrophe, an emoji) turns the whole text into UCS-2:
70 characters (67 per segment once split). Each segment is billed and may arrive on its own.
"""
from __future__ import annotations

import math

# GSM 03.38: the basic set, and the extension characters that cost two (an escape first).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")
SEGMENT = {"gsm": (160, 153), "ucs2": (70, 67)}

# Typographic characters with a plain GSM-7 spelling: a company name typed with a curly
# apostrophe ("O’Brien Septic") would otherwise cost two or three segments instead of one.
_PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00b7": "-", "\u2022": "-",
})


def plain(text: str) -> str:
    """``text`` with typographic quotes, dashes, ellipses and spaces spelt in GSM-7."""
    return text.translate(_PLAIN)


def is_gsm(text: str) -> bool:
    return all(char in GSM_BASIC or char in GSM_EXTENDED for char in text)


def length(text: str) -> tuple[str, int]:
    """The encoding a phone network uses for ``text`` and its length in that encoding's units."""
    if is_gsm(text):
        return "gsm", sum(2 if char in GSM_EXTENDED else 1 for char in text)
    return "ucs2", len(text.encode("utf-16-le")) // 2


def count(text: str) -> int:
    """The number of segments ``text`` is sent as (1 for an empty text)."""
    encoding, units = length(text)
    single, per_part = SEGMENT[encoding]
    return 1 if units <= single else math.ceil(units / per_part)
