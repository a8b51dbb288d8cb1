"""Admin API bodies (SPEC §5.1): every field typed, unknown fields rejected.

Imported only by admin routes: pydantic costs ~90 ms of import, which customer pages and
their cold start never pay. ``fields`` holds the building blocks, ``records`` and ``settings`` the
bodies, ``parsing`` turns a raw body into one of them; callers use the names below.
"""
from chalicelib.admin.schemas.access import AccessApprovalIn, AccessDeclineIn
from chalicelib.admin.schemas.fields import (
    DOCUMENT_CONTENT_TYPES, OBJECT_ID, ONE_LINE, SOME_LINE, SOME_TEXT, check_object_id,
)
from chalicelib.admin.schemas.parsing import parse
from chalicelib.admin.schemas.records import (
    AccountIn, Address, AppointmentIn, AppointmentStatusIn, DocumentIn, DocumentPatch, InvoiceIn, InvoiceLine, Note,
    OfficePayment, PropertyIn, ServiceRecordIn, System,
)
from chalicelib.admin.schemas.sale import TransactionIn, TransferRule
from chalicelib.admin.schemas.staff import InvitationIn, StaffIn, StaffPatch, TestCustomersIn
from chalicelib.admin.schemas.settings import (
    ApiKeyIn, ArrivalWindow, ArrivalWindows, BookableServiceType, Booking, Branding,
    CompanySettingsDoc, DocumentVisibilityDefaults, LogoIn, MessageRetryIn, Reminders, ServiceDue, TestMessageIn, VisibilityDefaults,
)

__all__ = [
    "AccessApprovalIn", "AccessDeclineIn",
    "DOCUMENT_CONTENT_TYPES", "OBJECT_ID", "ONE_LINE", "SOME_LINE", "SOME_TEXT", "check_object_id", "parse",
    "AccountIn", "Address", "AppointmentIn", "AppointmentStatusIn", "DocumentIn", "DocumentPatch", "InvoiceIn", "InvoiceLine", "Note",
    "OfficePayment", "PropertyIn", "ServiceRecordIn", "System",
    "ApiKeyIn", "ArrivalWindow", "ArrivalWindows", "BookableServiceType", "Booking", "Branding",
    "CompanySettingsDoc", "DocumentVisibilityDefaults", "LogoIn", "MessageRetryIn", "Reminders", "ServiceDue", "TestMessageIn", "VisibilityDefaults",
    "TransactionIn", "TransferRule",
    "InvitationIn", "StaffIn", "StaffPatch", "TestCustomersIn",
]
