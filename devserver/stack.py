"""The embedded stand-in for AWS: moto in server mode, in this process, on a free port."""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
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


@dataclass
class StripeEmulator:
    process: subprocess.Popen
    url: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_stripe(port: int, portal_url: str, webhook_secret: str, bank_settle_seconds: float = 8.0) -> StripeEmulator:
    """localstripe on 127.0.0.1, its signed webhooks registered to this portal."""
    import urllib.error
    import urllib.parse
    import urllib.request

    process = subprocess.Popen(
        [sys.executable, "-m", "devserver.stripe_emulator", str(port), "--bank-settle-seconds", str(bank_settle_seconds)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    registration = urllib.parse.urlencode({"url": f"{portal_url}/api/webhooks/stripe", "secret": webhook_secret}).encode()
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(urllib.request.Request(f"{url}/_config/webhooks/portal", data=registration), timeout=2).read()  # noqa: S310
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Stripe emulator did not start on port {port}") from None
            time.sleep(0.2)
    os.environ["PORTAL_STRIPE_API_BASE"] = url
    return StripeEmulator(process, url)


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
