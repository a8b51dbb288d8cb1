"""The office console's bodies: a staff member (owner only) and a change to one; the launch's test
customers; an invitation to one customer by email."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from chalicelib.admin.schemas.fields import Body, Line, SOME_LINE, Text, normal_email, stated

StaffRole = Annotated[Literal["owner", "office", "dispatcher"], Field(
    description="owner: everything, including settings, API keys and staff; office: customers, invitations, "
                "bookings, messages; dispatcher: the booking queue only.")]
StaffEmailAddress = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254), Line, AfterValidator(normal_email),
    stated("The staff member's email address: their sign-in links go there (normalised; unique among staff).",
           pattern=SOME_LINE),
]


class StaffIn(Body):
    name: Text
    email: StaffEmailAddress
    role: StaffRole


class StaffPatch(Body):
    name: Text | None = None
    role: StaffRole | None = None
    disabled: bool | None = Field(None, description="true signs the member out at once and stops their sign-in; false lets them in again.")


CustomerEmailAddress = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254), Line, AfterValidator(normal_email),
    stated("A customer's email address, as on their account (normalised).", pattern=SOME_LINE),
]


class TestCustomersIn(Body):
    """The customers the office tries the portal as before launch (the launch checklist)."""

    emails: list[CustomerEmailAddress] = Field(max_length=5, description="At most 5; each must be a customer on file. Replaces the list; [] clears it.")


class InvitationIn(Body):
    """Invite one customer, or invite them again (a new link voids the one sent before)."""

    email: CustomerEmailAddress
