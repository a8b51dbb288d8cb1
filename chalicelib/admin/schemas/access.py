"""The office's decision on a new owner's access request (F14)."""
from __future__ import annotations

from pydantic import Field

from chalicelib.admin.schemas.fields import Body, LongText, ObjectId


class AccessApprovalIn(Body):
    """Approve a new owner's access request (the body may be left out)."""

    property_id: ObjectId | None = Field(None, description=(
        "The property to hand on: needed when the request's address was not on file (`on_file: false`) and "
        "the office matched it by hand; otherwise the property the address matched, which it must equal if sent."))


class AccessDeclineIn(Body):
    """Decline a new owner's access request (the body may be left out)."""

    reason: LongText | None = Field(None, description=(
        "Why, for the office's own record; the requester is told only that it could not be approved, and whom to call."))
