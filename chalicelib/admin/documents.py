"""Documents from the company: create (answering a presigned upload URL), then publish.

A document starts as a draft. Publishing (``status: final``) checks that the file really is
in the bucket. A document hung on a service record is also listed on that record, so the
customer's history page needs no second Query.
"""
from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from chalicelib.admin import schemas, service_notices
from chalicelib.admin.records import iso, now, require_property
from chalicelib.db import transact_write
from chalicelib.db.models import Document, ServiceRecord
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, NotFound, UnknownReference
from chalicelib.sale import owners
from chalicelib.storage import documents as storage
from chalicelib import company

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
}


def document_view(item: Document) -> dict[str, Any]:
    return {
        "id": item.document_id,
        "account_id": item.account_id,
        "property_id": item.property_id,
        "service_record_id": item.service_record_id,
        "date": item.date,
        "title": item.title,
        "kind": item.kind,
        "content_type": item.content_type,
        "status": item.status,
        "visibility": item.visibility,
        "size_bytes": int(item.size_bytes) if item.size_bytes is not None else None,
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def _file_name(title: str, content_type: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "document"
    return f"{stem}.{_EXTENSIONS[content_type]}"


def create(body: schemas.DocumentIn) -> dict[str, Any]:
    prop = require_property(body.property_id)
    record = None
    if body.service_record_id:
        record = get_or_none(ServiceRecord, body.service_record_id)
        if record is None or record.property_id != prop.property_id:
            raise UnknownReference.field(
                "service_record_id", f"no service record '{body.service_record_id}' on property '{prop.property_id}'"
            )
    document_id = f"doc_{secrets.token_hex(8)}"
    day = (body.date or (date.fromisoformat(record.date) if record else company.today())).isoformat()
    item = Document(
        document_id,
        account_id=owners.owner_on(prop, day),
        holder_id=prop.account_id,
        property_id=prop.property_id,
        service_record_id=record.record_id if record else None,
        sort_key=f"{day}#{document_id}",
        date=day,
        title=body.title,
        kind=body.kind,
        content_type=body.content_type,
        s3_key=f"properties/{prop.property_id}/{document_id}/{_file_name(body.title, body.content_type)}",
        status="draft",
        visibility=None,
        created_at=now(),
        updated_at=now(),
    )
    item.save(condition=Document.document_id.does_not_exist())
    if record:
        _hang_on_record(item)
    upload = storage.upload(item.s3_key, item.content_type)
    return {
        "document_id": document_id,
        "upload_url": upload.url,
        "upload_method": "PUT",
        "upload_headers": upload.headers,
        "expires_in": upload.expires_in,
        "document": document_view(item),
    }


def update(document_id: str, body: schemas.DocumentPatch) -> dict[str, Any]:
    schemas.check_object_id("id", document_id)
    item = get_or_none(Document, document_id)
    if item is None:
        raise NotFound(f"No document '{document_id}'.")
    changes = body.model_dump(exclude_unset=True)
    if changes.get("status") == "final" and item.status != "final":
        size = storage.uploaded_size(item.s3_key)
        if size is None:
            raise Conflict("The file has not been uploaded yet: PUT it to the upload_url first, then publish.")
        if size > MAX_DOCUMENT_BYTES:
            raise Conflict(f"The file is {size} bytes; documents may be at most {MAX_DOCUMENT_BYTES} bytes.")
        changes["size_bytes"] = size
    changed = {name for name, value in changes.items() if getattr(item, name) != value}
    actions = [getattr(Document, name).set(changes[name]) for name in changed]
    if actions:
        actions.append(Document.updated_at.set(now()))
        told = service_notices.report_task(item, changes.get("status", item.status)) if changed & {"status", "visibility"} else None
        if told is None:
            item.update(actions=actions)
        else:  # published: "your report is ready" is queued with it, or neither is stored
            with transact_write() as transaction:
                transaction.update(item, actions=actions)
                transaction.save(told)
            item.refresh()
        if item.service_record_id:
            _hang_on_record(item)
    return document_view(item)


def _hang_on_record(item: Document) -> None:
    record = get_or_none(ServiceRecord, item.service_record_id)
    if record is None:
        return
    ref = {
        "document_id": item.document_id,
        "title": item.title,
        "kind": item.kind,
        "content_type": item.content_type,
        "status": item.status,
        "visibility": item.visibility,
    }
    refs = [d for d in (record.documents or []) if d.get("document_id") != item.document_id] + [ref]
    record.update(actions=[ServiceRecord.documents.set(refs)])
