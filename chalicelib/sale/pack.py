"""The records pack (SPEC F13): the property's record as a branded PDF, produced on request.

Interface for the owner's route and the shared page; filled in by the records-pack work. The PDF
library is imported inside ``records_pack`` only (STYLE: heavy modules stay off other routes).
"""
from __future__ import annotations

from typing import Any

from chalicelib.db.models import Property


def records_pack(prop: Property, *, include_reports: bool, verification_url: str | None) -> dict[str, Any]:
    """Render ``sale.record.property_record(prop, include_reports=...)`` as a PDF, store it in the
    documents bucket and return a short-lived download: ``{"url", "expires_in", "produced_on"}``.

    ``verification_url`` is printed on every page (the share link a buyer can open to check the
    pack is genuine); None for the owner's own copy, which says where the portal is instead.
    """
    raise NotImplementedError("records pack: not built yet")
