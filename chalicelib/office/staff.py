"""Staff members of the office console: create, list, change (name, role, disabled), the first owner.

An email address belongs to one staff member (a conditional put on ``StaffEmail`` in the same
transaction). The last active owner can be neither demoted nor disabled: the portal always keeps
someone who can manage it. Disabling a member ends their sessions at once.
"""
from __future__ import annotations

import secrets
from typing import Any

from pynamodb.exceptions import TransactWriteError

from chalicelib import clock, db
from chalicelib.auth import contacts
from chalicelib.db.models import STAFF_ROLES, StaffEmail, StaffMember
from chalicelib.db.office_queries import staff_by_email, staff_members
from chalicelib.db.queries import get_or_none
from chalicelib.errors import Conflict, Invalid, NotFound


def view(member: StaffMember) -> dict[str, Any]:
    return {
        "id": member.staff_id,
        "name": member.name,
        "email": member.email,
        "role": member.role,
        "created_at": member.created_at.isoformat(),
        "created_by": member.created_by,
        "disabled_at": member.disabled_at.isoformat() if member.disabled_at else None,
        "active": member.disabled_at is None,
    }


def listing() -> list[StaffMember]:
    return sorted(staff_members(), key=lambda m: (m.disabled_at is not None, m.name.lower()))


def get(staff_id: str) -> StaffMember:
    member = get_or_none(StaffMember, "staff", staff_id)
    if member is None:
        raise NotFound(f"No staff member with id '{staff_id}'.")
    return member


def create(name: str, email: str, role: str, created_by: str) -> StaffMember:
    """A new staff member; ``Conflict`` if the email address already belongs to one."""
    _check_role(role)
    email_lc = contacts.normalise_email(email)
    member = StaffMember("staff", f"st_{secrets.token_hex(6)}", name=name, email=email_lc, email_lc=email_lc,
                         role=role, created_at=clock.now(), created_by=created_by)
    try:
        with db.transact_write() as transaction:
            transaction.save(StaffEmail(email_lc, staff_id=member.staff_id), condition=StaffEmail.email_lc.does_not_exist())
            transaction.save(member, condition=StaffMember.staff_id.does_not_exist())
    except TransactWriteError as exc:
        if exc.cause_response_code in {"TransactionCanceledException", "TransactionConflictException"}:
            raise Conflict(f"{email_lc} is already a staff member's email address.") from None
        raise
    return member


def make_owner(email: str, name: str) -> tuple[StaffMember, bool]:
    """The first owner (``make owner`` / ``scripts.make_owner``): created, or an existing member made an active owner.

    Answers the member and whether anything changed; running it twice changes nothing.
    """
    existing = staff_by_email(contacts.normalise_email(email))
    if existing is None:
        return create(name, email, "owner", "command"), True
    if existing.role == "owner" and existing.disabled_at is None:
        return existing, False
    existing.update(actions=[StaffMember.role.set("owner"), StaffMember.disabled_at.remove()])
    return existing, True


def update(staff_id: str, changes: dict[str, Any], by_staff_id: str | None) -> StaffMember:
    """Change a member's name, role or disabled state, keeping one active owner at least."""
    from chalicelib.office import signin

    member = get(staff_id)
    role = changes.get("role", member.role)
    _check_role(role)
    disabling = changes.get("disabled") is True and member.disabled_at is None
    field = "disabled" if disabling else "role"
    other_owner = None
    if member.role == "owner" and member.disabled_at is None and (role != "owner" or disabling):
        others = [m for m in staff_members() if m.role == "owner" and m.disabled_at is None and m.staff_id != staff_id]
        if not others:
            raise Conflict.field(field, "This is the portal's last active owner: make someone else an owner first.")
        other_owner = others[0]
    if disabling and by_staff_id == staff_id:
        raise Conflict.field("disabled", "You cannot disable yourself; ask another owner.")
    actions = []
    if "name" in changes and changes["name"] != member.name:
        actions.append(StaffMember.name.set(changes["name"]))
    if role != member.role:
        actions.append(StaffMember.role.set(role))
    if disabling:
        actions.append(StaffMember.disabled_at.set(clock.now()))
    elif changes.get("disabled") is False and member.disabled_at is not None:
        actions.append(StaffMember.disabled_at.remove())
    if other_owner is not None:
        _update_keeping_an_owner(member, actions, other_owner, field)
    elif actions:
        member.update(actions=actions)  # the version check: two owners editing at once cannot both win
    if disabling:
        signin.end_all(staff_id)
    return member


def _update_keeping_an_owner(member: StaffMember, actions: list[Any], other: StaffMember, field: str) -> None:
    """Demote or disable an owner only while ``other`` is still, unchanged, an active owner: two
    owners demoting each other at the same moment cannot both succeed (the second finds the first's
    version moved on) and leave the portal with none."""
    still_owner = (StaffMember.role == "owner") & StaffMember.disabled_at.does_not_exist() & (StaffMember.version == other.version)
    try:
        with db.transact_write() as transaction:
            transaction.condition_check(StaffMember, "staff", other.staff_id, condition=still_owner)
            transaction.update(member, actions=actions)
    except TransactWriteError as exc:
        if exc.cause_response_code in {"TransactionCanceledException", "TransactionConflictException"}:
            raise Conflict.field(field, "The owners changed while you were saving; reload the page and try again.") from None
        raise


def _check_role(role: str) -> None:
    if role not in STAFF_ROLES:
        raise Invalid.field("role", f"`role` must be one of: {', '.join(STAFF_ROLES)}.")
