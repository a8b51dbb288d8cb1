"""What every table shares: on-demand billing, the late-bound name, and the index shapes of records."""
from __future__ import annotations

from typing import Any

from pynamodb.attributes import MapAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model


def plain(value: Any) -> Any:
    """A raw MapAttribute as a plain dict (lists already come back plain)."""
    if isinstance(value, MapAttribute):
        return value.as_dict()
    return value


class Index(GlobalSecondaryIndex):
    class Meta:
        abstract = True
        projection = AllProjection()


class Table(Model):
    """Base for every table: on-demand billing; name and region are bound by ``db.bind``."""

    base_name = ""

    class Meta:
        abstract = True
        billing_mode = "PAY_PER_REQUEST"
        region = "us-east-1"
        max_retry_attempts = 4


class ByAccount(Index):
    class Meta(Index.Meta):
        abstract = True
        index_name = "by_account"

    account_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class ByProperty(Index):
    class Meta(Index.Meta):
        abstract = True
        index_name = "by_property"

    property_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


class ByHolder(Index):
    """The account that holds the record's property now (F14): after a transfer it sees the previous
    owners' visits too, while ``account_id`` (``ByAccount``) stays the account the record was made for."""

    class Meta(Index.Meta):
        abstract = True
        index_name = "by_holder"

    holder_id = UnicodeAttribute(hash_key=True)
    sort_key = UnicodeAttribute(range_key=True)


def index_like(base: type[Index]) -> Index:
    """A fresh index of ``base``'s shape: PynamoDB binds an index class to one model."""
    meta = type("Meta", (base.Meta,), {"abstract": False})
    return type(base.__name__, (base,), {"Meta": meta})()
