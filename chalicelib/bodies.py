"""The bodies the customer routes take, each declared once with the field classes of ``shapes``.

As strict as the admin schemas (``admin/schemas/``) without pydantic's import on the customer
cold start: a field a body does not name is refused, text is a string of bounded length, and
(through ``jsonbody``, which reads every body first) a single line unless the field is declared
``multiline``. Each refusal is ``Invalid`` naming the field, with the sentence the page shows next
to it. What a value *means* (whose property, whether a link is still good, an email's owner) stays
with the service; a field declared ``Opaque`` is passed on for the service to judge.

Each shape also describes itself as JSON Schema: ``make openapi`` writes the ones
scripts/openapi_schemas.py names into docs/openapi.yaml (``Customer…Body``). Booking's bodies
depend on its rules (a service booked by request takes fields an instant one does not), so they
are declared next to them, in ``booking/bodies.py``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.jsonbody import LINE_CHAR, ONE_LINE
from chalicelib.shape_groups import Each, Shape
from chalicelib.shapes import Count, Flag, Ignored, OneOf, Opaque, Text

PAYMENT_METHODS = ("card", "us_bank_account")


def _shape(unknown: str, required: tuple[str, ...] = (), description: str = "", **fields: Any) -> Shape:
    return Shape(fields, unknown, required=frozenset(required), description=description)


# Contacts as typed: bounded here, normalised and judged by ``auth.contacts``; empty is None.
EMAIL = Text("Enter your email address.", max_length=254, nullable=True, format="email",
             too_long="That doesn't look like an email address. Check it and enter it like jane@example.com.",
             description="An email address (trimmed; compared case-insensitively); empty or null is none.",
             stated={"examples": ["jane.smith@example.com"]})
PHONE = Text("Enter your mobile phone number.", max_length=40, nullable=True,
             too_long="Enter a phone number we can text, such as (217) 555-0100.",
             description="A mobile phone number in any common format (US when it has no country code), "
                         "stored in E.164 (`+12175550142`); empty or null is none.",
             stated={"examples": ["(217) 555-0142"]})
ZIP = Text("Enter the 5-digit ZIP code, such as 62704.", max_length=10, pattern=r"\d{5}(-\d{4})?",
           description="ZIP or ZIP+4 (surrounding spaces trimmed).", stated={"examples": ["62704"]})
LINK_TOKEN = Opaque("The token from the link's address (after `#token=`); a used, expired or unknown one is "
                    "`400 link_invalid`.", stated={"type": "string", "examples": ["Y6EmvDcwlAoaMfGL-wsbXDHluoCOY5qI6OjGr-M-GUM"]})

# -- signing in (auth) --------------------------------------------------------------------------

SIGNIN_REQUEST = Shape({
    "email": EMAIL,
    "phone": PHONE,
    "next": Opaque("Optional: the page to open after signing in, a path on this site (e.g. an invoice's pay page); "
                   "the link sent then goes there. Anything a browser could read as another site, `/signin` itself "
                   "or over 500 characters is dropped, not refused: signing in then lands on the dashboard.",
                   stated={"type": "string", "pattern": ONE_LINE, "examples": ["/invoices/inv-1042/pay"]}),
}, "A sign-in request has only an email address or a phone number (and where to go next).",
    description="Exactly one of `email` or `phone` (both, or neither, is `400 validation_error` on `email`, "
                "checked by the sign-in rules), optionally `next`.",
    stated={"anyOf": [{"required": ["email"]}, {"required": ["phone"]}]})
ADDRESS_LOOKUP = _shape("Finding your account by address needs only the street address and the ZIP code.",
                        ("address", "zip"),
                        address=Text("Enter the street address of the property, such as 12 Oak Street.",
                                     min_length=3, max_length=200,
                                     description="The property's street address (line 1), 3-200 characters after trimming.",
                                     stated={"examples": ["12 Oak St"]}),
                        zip=ZIP, request_id=Ignored("Sent by older pages; accepted and not used."))
STAFF_SIGNIN_REQUEST = _shape("A staff sign-in request has only an email address (and where to go next).", ("email",),
                              email=Text("Enter your work email address.", max_length=254, min_length=1, format="email",
                                         too_long=EMAIL.too_long,
                                         description="The staff member's email address (trimmed; compared case-insensitively).",
                                         stated={"examples": ["owner@example.com"]}),
                              next=Opaque("Optional: the console page to open after signing in, a path under "
                                          "`/office/`; the link sent then goes there. Anything else (another site, "
                                          "a customer page, over 500 characters) is dropped, not refused: signing "
                                          "in then lands on the console's home.",
                                          stated={"type": "string", "pattern": ONE_LINE, "examples": ["/office/staff"]}))
LINK = _shape("Only the sign-in link itself can be sent here.", ("token",), token=LINK_TOKEN)
VERIFY = _shape("Only the sign-in link and the account you chose can be sent here.", ("token",),
                token=LINK_TOKEN, account_id=Opaque(
                    "For a link to a contact with several accounts (`accounts` in `POST /api/auth/link`): the one "
                    "to open. Any other id, or none, is `400 link_invalid` and the link stays usable. Ignored for a "
                    "link to one account.", stated={"type": "string"}))
LOGIN = _shape("A password sign-in has only an email address and a password.", ("password",),
               email=EMAIL, password=Text("Enter your password.", min_length=1, max_length=1000, strip=False,
                                          too_long="That password is longer than any password here. "
                                                   "Check it, or sign in with a link instead.",
                                          description="The password, as typed (not trimmed)."))
NEW_PASSWORD = _shape("Only the new password can be sent here.", ("password",), password=Opaque(
    "10-128 characters on one line, not trimmed, with at least 4 different characters (the password rules "
    "check it: `400 validation_error` on `password`).",
    stated={"type": "string", "minLength": 10, "maxLength": 128, "pattern": ONE_LINE}))

# -- the profile (customer) ---------------------------------------------------------------------

MAILING_ADDRESS = Shape({
    "line1": Text("Enter the street address.", min_length=1, max_length=200),
    "line2": Text("Keep the second address line to 200 characters or fewer.", max_length=200, nullable=True,
                  description="The second address line; empty or null is none."),
    "city": Text("Enter the city.", min_length=1, max_length=100),
    "state": Text("Enter the 2-letter state code, such as IL.", max_length=2, pattern=r"[A-Za-z]{2}", upper=True,
                  description="Two-letter state code (stored upper-case)."),
    "zip": ZIP,
}, unknown="A mailing address has only a street, a second line, a city, a state and a ZIP code.",
    problem="Enter the mailing address with its street, city, state and ZIP code.",
    required=frozenset({"line1", "city", "state", "zip"}), complete=True,
    description="The whole mailing address (surrounding whitespace is trimmed); a part not named here is refused.")
PREFERENCES = Shape({name: Flag("Choose on or off for this preference.") for name in ("email", "sms", "reminders")},
                    unknown="This is not one of the contact preferences you can choose.",
                    problem="Choose on or off for each way we may contact you.",
                    description="Any of the preferences; the others stay.")
PROFILE_CHANGE = _shape(
    "This detail cannot be changed here. Please call us to change it.",
    description="Any of these fields; any other field is refused (`400 validation_error` naming it) and nothing is written.",
    phone=PHONE,
    mailing_address=MAILING_ADDRESS,
    preferences=PREFERENCES,
    access_notes=Each(Text("Keep the access notes to 1000 characters or fewer.", max_length=1000, nullable=True,
                           multiline=True, description="The notes; empty or null clears them."),
                      problem="Give the access notes for each of your properties.",
                      description="Notes by property id (the account's own properties only: another id is "
                                  "`400 validation_error` naming it)."),
    household_size=Each(Count("Enter how many people live there, from 1 to 20, or leave it empty.", 1, 20),
                        problem="Give the number of people living at each of your properties.",
                        description="How many people live at each of your properties, by property id (the account's "
                                    "own properties only); null clears it. The due date uses it with the tank size."),
    email=Text(EMAIL.problem, max_length=EMAIL.max_length, nullable=True, format="email", too_long=EMAIL.too_long,
               description="A new email address; it takes effect only when confirmed through the link sent to it "
                           "(`POST /api/me/email/confirm`). The current address, empty or null change nothing.",
               stated={"examples": ["jane.smith@newmail.example"]}),
)
CONTACT_CONFIRMATION = _shape("Only the confirmation link can be sent here.", ("token",), token=Opaque(
    "The token from the confirmation link's address (after `#token=`); a used, expired or unknown one is "
    "`400 link_invalid`.", stated={"type": "string", "examples": ["L_EWwHL1GZbnhbAeeaf9Mu1XU9XKMwlY-Laust7hIDM"]}))
UNSUBSCRIBE = _shape("Only the unsubscribe link itself can be sent here.", ("token",), token=Opaque(
    "The token from the unsubscribe link's address (`/unsubscribe#token=<token>`); a tampered or unknown one is "
    "`400` and changes nothing.", stated={"type": "string"}))

# -- paying (billing) ---------------------------------------------------------------------------

_ONLY_THE_WAY_TO_PAY = "Only the way to pay can be chosen; the amount is always the invoice's balance."
_METHOD = OneOf(PAYMENT_METHODS, "Choose a card or a US bank account.",
                description="`card`, or `us_bank_account` (ACH: `processing` until Stripe settles it).")
PAYMENT = _shape(_ONLY_THE_WAY_TO_PAY, ("method",), method=_METHOD,
                 description="Only `method`; the amount is always the invoice's balance.")
CARD_PAYMENT = _shape(_ONLY_THE_WAY_TO_PAY, ("setup_intent_id",), setup_intent_id=Text(
    "We could not find the card you just entered. Please enter it again.", max_length=255, pattern=rf"seti_{LINE_CHAR}*",
    description="The SetupIntent from `card-setup`, after Stripe.js confirmed it."))
AUTOPAY_SETUP = _shape("Only the way to pay can be chosen for autopay.", description="Only `method`.",
                       method=replace(_METHOD, description=f"{_METHOD.description} Without it, `card`."))
# Stripe's ids; anything else never reaches Stripe.
AUTOPAY_CONFIRMATION = _shape("Only the card or bank account you just set up can be sent here.", ("setup_intent_id",),
                              setup_intent_id=Text("We could not find the card or bank account you just set up. "
                                                   "Please try again.", max_length=205, pattern=r"seti_[A-Za-z0-9_]{1,200}",
                                                   description="The SetupIntent from `POST /api/autopay/setup-intent`, "
                                                               "after Stripe.js confirmed it."))

# -- a new owner's access request (F14), and the office's answer from its email link ------------

_NAME = Text("Enter your name.", min_length=1, max_length=120, description="The new owner's name, 1-120 characters.",
             stated={"examples": ["Alex Rivera"]})
ACCESS_REQUEST = _shape("A records request has only the address, the ZIP code, your name and your email.",
                        ("address", "zip", "name", "email"),
                        address=ADDRESS_LOOKUP.fields["address"], zip=ZIP, name=_NAME,
                        email=replace(EMAIL, nullable=False, min_length=3,
                                      description="Where the office answers, and the new account's email once approved."))
ACCESS_DECISION = _shape("Only the link from the email (and, to decline, a reason) can be sent here.", ("token",),
                         token=Opaque("The token from the office's email link (after `#token=`); an altered one is "
                                      "`400 link_invalid`, an old one `400 link_expired`.", stated={"type": "string"}),
                         reason=Text("Keep the reason to 2,000 characters or fewer.", max_length=2000, nullable=True,
                                     description="A decline's reason, for the office's record (the requester is not shown it)."))

# -- share links for a home sale (sale) ---------------------------------------------------------

NEW_SHARE = _shape(
    "A share link has only the property, how many days it works, a name, whether it includes the reports "
    "and whether to email you when it is first opened.",
    ("property_id", "expires_in_days", "label"),
    description="A read-only link to one of the account's properties; another account's property is `404`.",
    property_id=Text("Choose which property to share.", min_length=1, max_length=100,
                     description="One of the account's properties (`404` for any other)."),
    expires_in_days=Count("Choose how many days the link works, from 1 to 30.", 1, 30,
                          description="How many days the link works, 1-30 (null is refused)."),
    label=Text("Give the link a name you will recognise, such as “For our realtor, Dana” (up to 80 characters).",
               min_length=1, max_length=80, description="Who the link is for, in the owner's words (shown on the shared page too)."),
    include_reports=Flag("Choose whether the inspection reports are included.",
                         description="Whether the shared page lists the property's final reports as downloads; default false."),
    notify_on_first_view=Flag("Choose whether to get an email when the link is first opened.",
                              description="Email the owner the first time the link is opened; default false."),
)
