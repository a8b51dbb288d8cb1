"""Admin bodies for a home sale (SPEC F13): the transaction on a property, the state's transfer rule."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from chalicelib.admin.schemas.fields import Body, OptionalText, stated

TransactionStatus = Literal["inspection_ordered", "scheduled", "report_in_review", "report_final", "closed"]


class TransactionIn(Body):
    """The sale in progress on a property; `status: null` clears it (as `DELETE` does)."""

    status: TransactionStatus | None = Field(
        description="Where the sale's septic inspection is: `inspection_ordered`, `scheduled`, `report_in_review` "
                    "(the report is not shown to anyone yet), `report_final`, `closed`; `null` clears the transaction."
    )
    closing_date: dt.date | None = Field(None, description="The planned closing date, if known.")
    agent_name: OptionalText = Field(None, description="The real estate agent or attorney handling the sale, if known.")


class TransferRule(Body):
    """The state's rule for how long a septic inspection counts for a property transfer (Massachusetts' Title 5:
    2 years, 3 when the system has been pumped every year since)."""

    state: Annotated[
        str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$"),
        stated("The state whose rule this is, as its two-letter code (`MA`)."),
    ]
    inspection_valid_months: Annotated[
        int, Field(ge=1, le=120), stated("Months an inspection is valid for a transfer (`24`)."),
    ]
    valid_months_if_pumped_yearly: Annotated[
        int | None, Field(ge=1, le=120),
        stated("Months it is valid when the system has been pumped every year since the inspection (`36`); "
               "`null` when the state has no such extension."),
    ] = None

    @model_validator(mode="after")
    def _longer(self) -> "TransferRule":
        longer = self.valid_months_if_pumped_yearly
        if longer is not None and longer <= self.inspection_valid_months:
            raise ValueError("`valid_months_if_pumped_yearly` must be longer than `inspection_valid_months`.")
        return self
