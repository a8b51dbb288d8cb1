"""The office's customer search (C6): find customers by a few letters of their name, email, phone or
an address of theirs, with Queries of the ``search`` table, never a Scan.

Each word (lower case, accents taken off) is an item under its first two characters, so typed
letters are a Query with ``begins_with``; several typed words must all match (one Query each,
the results intersected). A phone is indexed as its 10 digits, its last 7 and its last 4.

The index is written with the record it describes, before it is saved: ``index_account`` and
``index_property`` write only the words that changed, and answer the ``search_key`` (a hash of
the words) to store on the item, so a repeated upsert with nothing new writes nothing, and one
that finds the key stale (a write that failed, an item from before the index) rewrites it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from chalicelib.db.models import Account, Property, SearchEntry, plain

MIN_WORD = 2
QUERY_WORDS = 3
FOUND_PER_WORD = 200
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str | None) -> set[str]:
    """The searchable words of a text: lower case, without accents, at least two characters."""
    if not text:
        return set()
    plain_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return {word for word in _WORD.findall(plain_text) if len(word) >= MIN_WORD}


def phone_words(e164: str | None) -> set[str]:
    digits = re.sub(r"\D", "", e164 or "")
    national = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    return {national, national[-7:], national[-4:]} if len(national) >= 7 else set()


def account_words(name: str | None, email: str | None, phone: str | None) -> set[str]:
    found = words(name) | phone_words(phone)
    if email:
        found |= {email.lower()} | words(email.split("@")[0])
    return found


def property_words(address: dict[str, Any] | None) -> set[str]:
    address = address or {}
    return words(" ".join(str(address.get(part) or "") for part in ("line1", "line2", "city", "zip")))


def key_of(account_id: str, terms: set[str]) -> str:
    return hashlib.sha256("\n".join([account_id, *sorted(terms)]).encode()).hexdigest()[:24]


def index_account(account_id: str, before: Account | None, name: str, email: str | None, phone: str | None) -> str:
    """Index the account's name, email and phone (the words ``before`` had are replaced); its ``search_key``."""
    old = account_words(before.name, before.email, before.phone) if before is not None and before.search_key else set()
    new = account_words(name, email, phone)
    key = key_of(account_id, new)
    if before is None or before.search_key != key:
        _write(account_id, "a", old, new, rewrite=before is not None and before.search_key is None)
    return key


def index_property(property_id: str, before: Property | None, account_id: str, address: dict[str, Any]) -> str:
    """Index a property's address under its holder (moving it from the holder ``before`` had); its ``search_key``."""
    new = property_words(address)
    key = key_of(account_id, new)
    if before is not None and before.search_key == key:
        return key
    source = f"p:{property_id}"
    if before is not None and before.search_key and before.account_id != account_id:
        _write(before.account_id, source, property_words(plain(before.address)), set())
        _write(account_id, source, set(), new)
    else:
        old = property_words(plain(before.address)) if before is not None and before.search_key else set()
        _write(account_id, source, old, new, rewrite=before is not None and not before.search_key)
    return key


def _write(account_id: str, source: str, old: set[str], new: set[str], rewrite: bool = False) -> None:
    """Delete the words no longer there, put the new ones (all of them when ``rewrite``: the
    index may lack them). Single-item writes: the portal grants no batch writes."""
    for term in old - new:
        SearchEntry(term[:MIN_WORD], f"{term}#{account_id}#{source}").delete()
    for term in (new if rewrite else new - old):
        SearchEntry(term[:MIN_WORD], f"{term}#{account_id}#{source}", account_id=account_id).save()


def find(text: str, limit: int = 20) -> list[str]:
    """Ids of the accounts matching every typed word (the longest three), at most ``limit``."""
    typed = sorted(_query_words(text), key=len, reverse=True)[:QUERY_WORDS]
    if not typed:
        return []
    found: set[str] | None = None
    for word in typed:
        ids = {entry.account_id for entry in SearchEntry.query(
            word[:MIN_WORD], SearchEntry.term_key.startswith(word), limit=FOUND_PER_WORD)}
        found = ids if found is None else found & ids
        if not found:
            return []
    return sorted(found)[:limit]


def _query_words(text: str) -> set[str]:
    """What was typed, as index words: an email stays whole; something that looks like a phone
    number is its digits (US numbers without the leading 1)."""
    text = text.strip()
    if "@" in text:
        return {text.lower()}
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 4 and re.fullmatch(r"[\d\s().+-]+", text):
        return {digits[1:] if len(digits) == 11 and digits.startswith("1") else digits}
    return words(text)
