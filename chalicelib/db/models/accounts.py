"""Accounts, how sign-in finds them (by email, phone), and the contacts customers proved."""
from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.db.models.base import Table


class AccountsByEmail(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_email"
        projection = KeysOnlyProjection()

    email_lc = UnicodeAttribute(hash_key=True)


class AccountsByPhone(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_phone"
        projection = KeysOnlyProjection()

    phone = UnicodeAttribute(hash_key=True)


class AccountsNeverInvited(GlobalSecondaryIndex):
    """Sparse: accounts with an email that were never invited (the bulk invitation's list)."""

    class Meta:
        index_name = "never_invited"
        projection = KeysOnlyProjection()

    never_invited = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute(range_key=True)


class AccountsWithoutEmail(GlobalSecondaryIndex):
    """Sparse: accounts no invitation can reach (no email, never signed in): the invitations page counts them."""

    class Meta:
        index_name = "without_email"
        projection = KeysOnlyProjection()

    without_email = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute(range_key=True)


class Account(Table):
    base_name = "accounts"

    class Meta(Table.Meta):
        table_name = "portal-accounts"

    account_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    email_lc = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    external = MapAttribute(null=True)  # extra fields the company's software sent
    open_balance_cents = NumberAttribute(default=0)
    open_invoice_count = NumberAttribute(default=0)
    stripe_customer_id = UnicodeAttribute(null=True)
    autopay = MapAttribute(null=True)  # {payment_method_id, type, brand, last4, enrolled_at} (F10)
    invited_at = UTCDateTimeAttribute(null=True)
    activated_at = UTCDateTimeAttribute(null=True)
    never_invited = UnicodeAttribute(null=True)  # "yes" while it has an email, no invitation and never signed in
    without_email = UnicodeAttribute(null=True)  # "yes" while it has no email and never signed in
    search_key = UnicodeAttribute(null=True)  # the words the customer search has for it (search.py), hashed
    # The newest link of each kind; an older link no longer matches and is void.
    signin_token_hash = UnicodeAttribute(null=True)
    invite_token_hash = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute(null=True)  # argon2id, only if the customer set one
    # Owned by the customer (F12); the company's upserts never touch these.
    preferences = MapAttribute(null=True)  # {email, sms, reminders}
    mailing_address = MapAttribute(null=True)
    pending_email = UnicodeAttribute(null=True)
    email_change_token_hash = UnicodeAttribute(null=True)
    pending_phone = UnicodeAttribute(null=True)  # used for nothing until confirmed from a text
    phone_change_token_hash = UnicodeAttribute(null=True)
    email_undo_token_hash = UnicodeAttribute(null=True)  # the "this wasn't me" link sent to the old email
    # What the customer changed on the portal: {"email": {"replaced": old}, "phone": {...}}. A company
    # upsert carrying the replaced value keeps the customer's (SPEC §9 "Who owns a contact").
    customer_contacts = MapAttribute(null=True)
    # Homes this account handed on to a new owner (F14): [{property_id, label, until}]; their own
    # visits there stay theirs, the home leaves their dashboard.
    former_properties = ListAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()

    by_email = AccountsByEmail()
    by_phone = AccountsByPhone()
    never_invited_index = AccountsNeverInvited()
    without_email_index = AccountsWithoutEmail()


class ContactClaim(Table):
    """A contact a customer proved on the portal: "email#<address>" or "phone#<E.164>" -> its account.

    Written in the same transaction as the account's new contact, on the condition that no other
    account holds it: of two accounts confirming one contact at once, exactly one wins.
    """

    base_name = "contacts"

    class Meta(Table.Meta):
        table_name = "portal-contacts"

    contact = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute()
    claimed_at = UTCDateTimeAttribute()
