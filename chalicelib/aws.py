"""boto3 clients, created on first use and cached per container (never at import, never per request)."""
from __future__ import annotations

from functools import cache
from typing import Any

from chalicelib.settings import get_settings


@cache
def _session() -> Any:
    import boto3

    return boto3.session.Session()


@cache
def client(service: str) -> Any:
    from botocore.config import Config

    settings = get_settings()
    config = Config(
        region_name=settings.region,
        retries={"mode": "standard", "max_attempts": 4},
        connect_timeout=3,
        read_timeout=10,
        signature_version="s3v4" if service == "s3" else None,
        # Local mode's S3 stand-in answers on one host name, so address buckets by path.
        s3={"addressing_style": "path" if settings.local_mode else "auto"},
    )
    return _session().client(service, config=config)
