"""The office's customer search (C6): one item per word of a customer's name, email, phone or a
property's address, so that a few typed letters find them with a Query, never a Scan."""
from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.db.models.base import Table


class SearchEntry(Table):
    """``prefix`` = the word's first two characters; ``term_key`` = "<word>#<account_id>#<source>",
    so a Query of the prefix with ``begins_with(<typed word>)`` finds every customer with a word
    starting so. ``source`` is "a" (the account's name, email, phone) or "p:<property_id>"."""

    base_name = "search"

    class Meta(Table.Meta):
        table_name = "portal-search"

    prefix = UnicodeAttribute(hash_key=True)
    term_key = UnicodeAttribute(range_key=True)
    account_id = UnicodeAttribute()
