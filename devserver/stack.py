"""The embedded stand-in for AWS: moto in server mode, in this process, on a free port."""
from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

DEMO_ENV = {
    "PORTAL_STAGE": "local",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "PORTAL_TABLE_PREFIX": "local-",
    "PORTAL_DOCUMENTS_BUCKET": "local-portal-documents",
    "PORTAL_MAIL_FROM": "portal@clearwater-septic.example",
    "PORTAL_DISPATCHER_EMAIL": "dispatch@example.com",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    server: object
    endpoint: str

    def stop(self) -> None:
        self.server.stop()


def start_aws() -> Stack:
    """Start moto and point every AWS client in this process at it (before any client exists)."""
    import logging

    from moto.server import ThreadedMotoServer

    from devserver import atomic_moto

    atomic_moto.install()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-call access log
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    return Stack(server=server, endpoint=endpoint)


def configure_environment(port: int) -> None:
    """Local defaults, each overridable from the environment."""
    for name, value in DEMO_ENV.items():
        os.environ.setdefault(name, value)
    os.environ["PORT"] = str(port)
    os.environ.setdefault("PORTAL_SESSION_KEYS", json.dumps(_local_session_keys()))


def _local_session_keys() -> dict[str, str]:
    """Generated once and kept in .local/, so restarting the portal signs nobody out."""
    path = Path(__file__).resolve().parent.parent / ".local" / "session-keys.json"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({f"local-{secrets.token_hex(3)}": secrets.token_urlsafe(48)}))
        path.chmod(0o600)
    return json.loads(path.read_text())


def create_resources() -> None:
    """Tables, the documents bucket and a verified sender: what infra/ creates in production."""
    from chalicelib import db
    from chalicelib.aws import client
    from chalicelib.settings import get_settings

    settings = get_settings()
    db.create_tables(settings)
    client("s3").create_bucket(Bucket=settings.documents_bucket)
    client("ses").verify_email_identity(EmailAddress=settings.mail_from)
