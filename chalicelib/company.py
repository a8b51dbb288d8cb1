"""The company's settings document: branding, visibility defaults, service interval, booking modes.

One item in the settings table. Customer pages read it through a short per-container cache,
so it costs no DynamoDB call on most requests.
"""
from __future__ import annotations

import copy
import threading
import time
from datetime import date
from typing import Any

from chalicelib.db.models import CompanySettings, plain
from chalicelib import clock

SETTINGS_KEY = "company"
CACHE_SECONDS = 30.0

DEFAULTS: dict[str, Any] = {
    "branding": {
        "company_name": "Septic Service",
        "tagline": None,
        "logo_url": None,
        "primary_color": "#1f5f8b",
        "accent_color": "#2e7d32",
        "phone": None,
        "email": None,
        "website": None,
        "address": None,
        "hours": None,
    },
    "visibility_defaults": {
        "technician_notes": "internal",
        "condition_ratings": "internal",
        "measurements": "internal",
        "photos": "internal",
        "documents": {
            "inspection_report": "internal",
            "receipt": "internal",
            "warranty": "internal",
            "estimate": "internal",
        },
    },
    "service_interval_months_default": 36,
    # How the next service is due (customer.due): the tank/household table, its cap, and the system
    # types with mechanical parts that are inspected every ``inspection_interval_months`` too.
    "service_due": {
        "household_table": True,
        "max_interval_months": 60,
        "mechanical_system_types": ["aerobic"],
        "inspection_interval_months": 12,
    },
    "booking": {
        "service_types": [],
        "windows": {"morning": {"start": "08:00", "end": "12:00"}, "afternoon": {"start": "12:00", "end": "16:00"}},
        "blackout_dates": [],
        "lead_time_hours": 24,
        "horizon_days": 60,
        "cutoff_hours": 24,
        "dispatcher_email": None,
        "time_zone": "America/Chicago",
    },
    "reminders": {"days_before": [90, 30, 7], "overdue": True, "channels": ["email", "sms"]},
    # Card always; a US bank account (ACH) where this says so. Autopay: customers on a maintenance
    # agreement ("maintenance_agreement") or "everyone".
    "payments": {"bank_account": True, "autopay": "maintenance_agreement"},
    "transfer_rule": None,  # e.g. {"state": "MA", "inspection_valid_months": 24, "valid_months_if_pumped_yearly": 36}
}

_cache_lock = threading.Lock()
_cache: tuple[float, dict[str, Any]] | None = None


def merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``patch`` onto ``base``: objects merge, everything else replaces."""
    merged = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def load() -> dict[str, Any]:
    """The current settings, defaults filled in (one GetItem, uncached)."""
    try:
        stored = plain(CompanySettings.get(SETTINGS_KEY).data)
    except CompanySettings.DoesNotExist:
        stored = {}
    return merge(DEFAULTS, stored)


def current() -> dict[str, Any]:
    """The settings as customer pages see them: cached for ``CACHE_SECONDS`` per container."""
    global _cache
    now = time.monotonic()
    with _cache_lock:
        if _cache and now - _cache[0] < CACHE_SECONDS:
            return _cache[1]
    data = load()
    with _cache_lock:
        _cache = (now, data)
    return data


def today() -> date:
    """Today's date where the company works (its booking ``time_zone``), from the cached settings."""
    return clock.today(current()["booking"]["time_zone"])


def save(data: dict[str, Any]) -> dict[str, Any]:
    """Store a complete, validated settings document and refresh this container's cache."""
    global _cache
    try:
        item = CompanySettings.get(SETTINGS_KEY)
        item.data = data
    except CompanySettings.DoesNotExist:
        item = CompanySettings(SETTINGS_KEY, data=data)
    item.updated_at = clock.now()
    item.save()
    with _cache_lock:
        _cache = (time.monotonic(), data)
    return data


def forget_cache() -> None:
    global _cache
    with _cache_lock:
        _cache = None


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(background: str) -> str:
    """White or black text, whichever reads better on ``background`` (WCAG contrast)."""
    return "#ffffff" if contrast_ratio(background, "#ffffff") >= contrast_ratio(background, "#000000") else "#000000"


def public_branding(local_mode: bool) -> dict[str, Any]:
    branding = dict(current()["branding"])
    branding["on_primary"] = readable_on(branding["primary_color"])
    branding["on_accent"] = readable_on(branding["accent_color"])
    branding["local_mode"] = local_mode
    branding["bank_account_payments"] = bool(current()["payments"]["bank_account"])
    return branding
