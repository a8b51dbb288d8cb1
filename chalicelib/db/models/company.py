"""The company's settings document."""
from __future__ import annotations

from pynamodb.attributes import (
    MapAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)

from chalicelib.db.models.base import Table


class CompanySettings(Table):
    base_name = "settings"

    class Meta(Table.Meta):
        table_name = "portal-settings"

    key = UnicodeAttribute(hash_key=True)
    data = MapAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()
