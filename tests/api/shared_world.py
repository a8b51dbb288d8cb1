"""What moto holds for a world shared by a module's tests: taken once, compared, and put back.

A module's tests can share one world (tests/api/conftest.py) only if each finds it as it was
built: a test that writes puts back every table's items, the emails and texts sent, and S3
must not change at all (no shared-world test uploads).

The tables are put back as moto holds them: a copy of its table objects taken with the world
(as ``tests.conftest.moto_portal`` copies the empty tables), which takes milliseconds where
scanning and rewriting every table through the API took a fifth of a second per test. What is
compared (``changes``) is still read through the API.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]


@dataclass
class Snapshot:
    tables: dict[str, dict[tuple, Item]]  # table -> key -> item
    keys: dict[str, list[str]]  # table -> its key attributes
    objects: set[tuple[str, str, str]]  # (bucket, key, ETag)
    emails: int
    email_count: int
    texts: list[str]
    moto_tables: dict[str, Any] = field(default_factory=dict)  # moto's own table objects, copied


def take() -> Snapshot:
    dynamodb = _dynamodb()
    keys = {name: [k["AttributeName"] for k in dynamodb.describe_table(TableName=name)["Table"]["KeySchema"]]
            for name in dynamodb.list_tables()["TableNames"]}
    ses, sns = _ses(), _sns()
    return Snapshot({name: _items(name, attributes) for name, attributes in keys.items()}, keys, _objects(),
                    len(ses.sent_messages), ses.sent_message_count, list(sns.sms_messages),
                    copy.deepcopy(dict(_moto_tables())))


def changes(snapshot: Snapshot) -> list[str]:
    """What differs from the snapshot, one line per table or service (empty if nothing does)."""
    now = take()
    found = [f"table {name}" for name, items in snapshot.tables.items() if now.tables.get(name) != items]
    if now.objects != snapshot.objects:
        found.append("S3 objects")
    if (now.emails, now.email_count) != (snapshot.emails, snapshot.email_count):
        found.append("emails sent")
    if now.texts != snapshot.texts:
        found.append("texts sent")
    return found


def put_back(snapshot: Snapshot) -> None:
    tables = _moto_tables()
    tables.clear()
    tables.update(copy.deepcopy(snapshot.moto_tables))
    ses, sns = _ses(), _sns()
    del ses.sent_messages[snapshot.emails:]
    ses.sent_message_count = snapshot.email_count
    for message_id in [m for m in sns.sms_messages if m not in snapshot.texts]:
        del sns.sms_messages[message_id]
    assert _objects() == snapshot.objects, "a test sharing a world changed S3, which is not put back"


def _items(table: str, attributes: list[str]) -> dict[tuple, Item]:
    pages = _dynamodb().get_paginator("scan").paginate(TableName=table)
    return {tuple(repr(item[a]) for a in attributes): item for page in pages for item in page["Items"]}


def _objects() -> set[tuple[str, str, str]]:
    """Every S3 object as moto holds it (a client per test would cost more than the whole check)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    return {(name, key, item.etag) for name, bucket in s3_backends[DEFAULT_ACCOUNT_ID]["aws"].buckets.items()
            for key, item in bucket.keys.items()}


def _moto_tables() -> dict[str, Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from chalicelib.settings import get_settings

    return dynamodb_backends[DEFAULT_ACCOUNT_ID][get_settings().region].tables


def _dynamodb() -> Any:
    from chalicelib.aws import client

    return client("dynamodb")


def _ses() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]


def _sns() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends

    return sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
