"""Document files in the private S3 bucket: presigned uploads for the company, metadata checks."""
from __future__ import annotations

from dataclasses import dataclass

from chalicelib.aws import client
from chalicelib.settings import get_settings


@dataclass(frozen=True)
class Upload:
    url: str
    headers: dict[str, str]
    expires_in: int


def upload(key: str, content_type: str) -> Upload:
    """A presigned PUT: the company's software sends the file straight to S3."""
    settings = get_settings()
    url = client("s3").generate_presigned_url(
        "put_object",
        Params={"Bucket": settings.documents_bucket, "Key": key, "ContentType": content_type},
        ExpiresIn=settings.upload_url_ttl_seconds,
    )
    return Upload(url=url, headers={"Content-Type": content_type}, expires_in=settings.upload_url_ttl_seconds)


def uploaded_size(key: str) -> int | None:
    """The stored object's size, or None when nothing has been uploaded under ``key``."""
    from botocore.exceptions import ClientError

    try:
        head = client("s3").head_object(Bucket=get_settings().documents_bucket, Key=key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
            return None
        raise
    return int(head["ContentLength"])


DOWNLOAD_SECONDS = 300  # SPEC §6: presigned links live at most 5 minutes


def download_url(key: str, content_type: str, file_name: str) -> str:
    """A short-lived GET that opens in the browser (PDFs in its viewer) rather than saving."""
    safe_name = "".join(c for c in file_name if c.isalnum() or c in "-_. ") or "document"
    return client("s3").generate_presigned_url(
        "get_object",
        Params={
            "Bucket": get_settings().documents_bucket,
            "Key": key,
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f'inline; filename="{safe_name}"',
        },
        ExpiresIn=DOWNLOAD_SECONDS,
    )


PACKS_PREFIX = "generated/records-packs/"  # generated on request; infra expires the prefix (lifecycle rule)


def put_generated(key: str, body: bytes, content_type: str) -> None:
    """Store a file the portal produced (a records pack) under ``PACKS_PREFIX``."""
    if not key.startswith(PACKS_PREFIX):
        raise ValueError("generated files go under PACKS_PREFIX, which the bucket expires")
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=key, Body=body, ContentType=content_type)


LOGO_PREFIX = "branding/"  # the company's logo files, uploaded by the owner on the Settings page


def put_logo(logo_id: str, body: bytes, content_type: str) -> None:
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=f"{LOGO_PREFIX}logo-{logo_id}", Body=body,
                            ContentType=content_type, CacheControl="public, max-age=86400")


def logo_url(logo_id: str) -> str | None:
    """A short-lived GET of a stored logo (``DOWNLOAD_SECONDS``), or None when there is none of that id."""
    key = f"{LOGO_PREFIX}logo-{logo_id}"
    if uploaded_size(key) is None:
        return None
    return client("s3").generate_presigned_url(
        "get_object", Params={"Bucket": get_settings().documents_bucket, "Key": key}, ExpiresIn=DOWNLOAD_SECONDS)
