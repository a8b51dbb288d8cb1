"""The bodies booking's routes take (F11), declared with the field classes of ``shapes`` as the
other customer bodies are (``chalicelib/bodies.py``): the same messages, strictness and generated
schemas (``Customer…Body``, ``Dispatcher…Body`` in docs/openapi.yaml).

A new booking's body depends on its service type's mode: an instant one names a slot, a request
its preferred times and notes, so there is one shape per mode (``NEW_BOOKING``), chosen once the
mode is known. Each shape checks what a value is; what it means (whose property, whether the slot
can still be booked, whether the company works that day) is checked after, by ``validation``
against the company's rules. A field declared ``Opaque`` or ``Later`` is passed on for that.
"""
from __future__ import annotations

from chalicelib.booking.rules import WINDOWS
from chalicelib.shape_groups import Items, Shape
from chalicelib.shapes import Day, Flag, Later, OneOf, Opaque, Text

MAX_PREFERRED, NOTES_MAX, TECHNICIAN_MAX = 3, 1000, 200

DAY = Day("Enter the date as year-month-day, such as 2026-05-04.", description="A calendar date, year-month-day (ISO 8601).",
          stated={"examples": ["2026-12-01"]})
WINDOW = OneOf(WINDOWS, "Choose morning or afternoon.",
               description="An arrival window; its times are in the settings (`booking.windows`).")
_PROPERTY = Opaque("One of the account's properties (`GET /api/booking/options`); any other is "
                   "`400 validation_error` on `property_id`.", stated={"type": "string", "examples": ["prop-1001"]})
_SERVICE_TYPE = Opaque("One of the service types `GET /api/booking/options` lists; its `mode` says which body it "
                       "takes, and one that cannot be booked online is `400 validation_error` on `service_type`.",
                       stated={"type": "string", "examples": ["pump_out"]})
_SLOT = Opaque("A slot, `<service_type>:<date>:<window>`, as `GET /api/booking/slots` answers it; one that cannot "
               "be booked (now) is `400 validation_error` on `slot_id`, a full one `409 slot_full`.",
               stated={"type": "string", "pattern": r"^[a-z_]+:\d{4}-\d{2}-\d{2}:(morning|afternoon)$",
                       "examples": ["pump_out:2026-12-01:morning"]})
_CONFIRM_DUPLICATE = Flag("Say yes or no to booking a second visit.", stated={"default": False},
                          description="`true` to book although the property already has this service booked "
                                      "(otherwise `409 already_booked`).")

INSTANT_BOOKING = Shape(
    {"property_id": _PROPERTY, "service_type": _SERVICE_TYPE, "slot_id": _SLOT, "confirm_duplicate": _CONFIRM_DUPLICATE},
    unknown="This is not used when booking this service (instant booking).",
    required=frozenset({"property_id", "service_type", "slot_id"}),
    description="For a service type whose `mode` is `instant`.")
PREFERRED_TIME = Shape(
    {"date": DAY, "window": WINDOW},
    unknown="Choose a date and a time of day (morning or afternoon).",
    problem="Choose a date and a time of day (morning or afternoon).",
    required=frozenset({"date", "window"}), unknown_names_the_object=True)
REQUEST_BOOKING = Shape(
    {"property_id": _PROPERTY, "service_type": _SERVICE_TYPE,
     "preferred": Items(PREFERRED_TIME, f"Choose 1 to {MAX_PREFERRED} dates that suit you.", min_items=1,
                        max_items=MAX_PREFERRED,
                        description=f"1-{MAX_PREFERRED} different times, most preferred first; each window must "
                                    "start at least `lead_time_hours` from now, within `horizon_days`, on a day the "
                                    "company works for the type, not on a blackout date."),
     "notes": Text(f"Keep the notes to {NOTES_MAX} characters or fewer.", max_length=NOTES_MAX, nullable=True,
                   multiline=True, description=f"For the office (gate code, where to park); at most {NOTES_MAX:,} "
                                               "characters. Empty or blank stores none."),
     "confirm_duplicate": _CONFIRM_DUPLICATE},
    unknown="This is not used when booking this service (request booking).",
    required=frozenset({"property_id", "service_type", "preferred"}),
    description="For a service type whose `mode` is `request`.")
NEW_BOOKING = {"instant": INSTANT_BOOKING, "request": REQUEST_BOOKING}
NEW_BOOKING_MULTILINE = INSTANT_BOOKING.multiline | REQUEST_BOOKING.multiline  # read before the mode is known

RESCHEDULE = Shape({"slot_id": _SLOT}, unknown="Send only the new time when moving a booking.",
                   required=frozenset({"slot_id"}),
                   description="Another slot of the booking's service type.")

# -- the dispatcher's side --------------------------------------------------------------------

CONFIRMATION = Shape(
    {"date": DAY, "window": WINDOW,
     "technician_name": Text(f"Keep the technician's name to {TECHNICIAN_MAX} characters or fewer.",
                             max_length=TECHNICIAN_MAX, nullable=True,
                             description=f"At most {TECHNICIAN_MAX} characters; blank stores none."),
     "allow_closed_day": Flag("`allow_closed_day` must be true or false.", stated={"default": False},
                              description="`true` to confirm a day the company does not work for the type "
                                          "(otherwise `409 closed_day`).")},
    unknown="A confirmation has only a date, a window, a technician_name and allow_closed_day.",
    required=frozenset({"date", "window"}),
    description="The visit's date and window (one of the preferred ones or not); a date in the past is refused.")
DECLINE = Shape(
    {"reason": Text(f"Keep the reason to {NOTES_MAX} characters or fewer.", max_length=NOTES_MAX, nullable=True,
                    multiline=True, description=f"Shown to the customer; at most {NOTES_MAX:,} characters; blank "
                                                "stores none.")},
    unknown="A decline has only a reason.")
DISPATCHER_ANSWER = Shape(
    {"token": Opaque("The `token` of the link `/dispatch#token=<token>` (`<base64url payload>.<base64url HMAC>`); "
                     "an altered or unknown one is `400 link_invalid`, an expired one `400 link_expired`.",
                     stated={"type": "string", "maxLength": 2000}),
     "technician_name": Later(CONFIRMATION.fields["technician_name"],
                              description=f"A confirm link's technician (at most {TECHNICIAN_MAX} characters); "
                                          "ignored by a decline link."),
     "reason": Later(DECLINE.fields["reason"],
                     description=f"A decline link's reason, shown to the customer (at most {NOTES_MAX:,} "
                                 "characters); ignored by a confirm link."),
     "allow_closed_day": Later(CONFIRMATION.fields["allow_closed_day"],
                               description="A confirm link's date is one the company does not work (see the "
                                           "preview's `closed_day`) and the dispatcher confirms it anyway.")},
    unknown="This is not part of a dispatcher's answer; send only a reason or a technician's name.",
    required=frozenset({"token"}),
    description="The dispatcher's answer from the page behind an email link: the link's token, and a reason or "
                "a technician's name. The rest of the answer (date, window) is in the link.")
