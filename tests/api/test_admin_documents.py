"""Documents: presigned upload, then publish; drafts stay drafts until the file is really there."""
from __future__ import annotations

import requests

from chalicelib.db.models import Document, ServiceRecord
from tests.api.factories import seed_property, service_record

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _create(admin, **overrides):
    body = {"property_id": "prop-1", "service_record_id": "r-1", "title": "Inspection report",
            "kind": "inspection_report", "content_type": "application/pdf", **overrides}
    return admin("POST", "/api/admin/documents", body)


def test_document_starts_as_a_draft_with_an_upload_url_then_publishes(admin):
    seed_property(admin)
    admin("PUT", "/api/admin/service-records/r-1", service_record())

    created = _create(admin)
    assert created.status_code == 201
    document_id = created.data["document_id"]
    assert created.data["document"]["status"] == "draft"
    assert created.data["document"]["date"] == "2024-05-14"  # the visit's date

    upload = requests.put(created.data["upload_url"], data=PDF, headers=created.data["upload_headers"], timeout=10)
    assert upload.status_code == 200

    published = admin("PATCH", f"/api/admin/documents/{document_id}", {"status": "final", "visibility": "customer"})

    assert published.status_code == 200
    assert (published.data["status"], published.data["visibility"], published.data["size_bytes"]) == ("final", "customer", len(PDF))
    refs = ServiceRecord.get("r-1").documents
    assert [(r["document_id"], r["status"], r["visibility"]) for r in refs] == [(document_id, "final", "customer")]


def test_publishing_before_the_upload_is_a_409_and_stays_draft(admin):
    seed_property(admin)
    admin("PUT", "/api/admin/service-records/r-1", service_record())
    document_id = _create(admin).data["document_id"]

    response = admin("PATCH", f"/api/admin/documents/{document_id}", {"status": "final"})

    assert response.status_code == 409
    assert "upload" in response.data["message"]
    assert Document.get(document_id).status == "draft"


def test_document_for_an_unknown_property_or_a_foreign_record_is_refused(admin):
    seed_property(admin)
    seed_property(admin, "acct-2", "prop-2")
    admin("PUT", "/api/admin/service-records/r-2", service_record("prop-2"))

    unknown = _create(admin, property_id="prop-nowhere", service_record_id=None)
    foreign = _create(admin, service_record_id="r-2")

    assert unknown.status_code == 422 and unknown.data["details"][0]["field"] == "property_id"
    assert foreign.status_code == 422 and foreign.data["details"][0]["field"] == "service_record_id"
    assert Document.count("doc_x") == 0


def test_only_documents_and_images_can_be_uploaded(admin):
    seed_property(admin)

    response = _create(admin, service_record_id=None, content_type="application/x-msdownload")

    assert response.status_code == 400
    assert response.data["details"][0]["field"] == "content_type"


def test_patching_an_unknown_document_is_404(admin):
    response = admin("PATCH", "/api/admin/documents/doc_missing", {"status": "final"})

    assert response.status_code == 404


def test_an_empty_or_null_patch_is_refused(admin):
    seed_property(admin)
    document_id = _create(admin, service_record_id=None).data["document_id"]

    assert admin("PATCH", f"/api/admin/documents/{document_id}", {}).status_code == 400
    assert admin("PATCH", f"/api/admin/documents/{document_id}", {"status": None}).status_code == 400
    assert Document.get(document_id).status == "draft"
