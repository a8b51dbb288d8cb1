"""``python -m devserver``: the whole portal on this machine, no AWS account, no network.

moto stands in for DynamoDB, S3, SES and SNS; demo data is seeded; the site and the API
share http://localhost:8000; scheduled jobs run on a timer.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import threading
import time
from typing import Iterator

from devserver import stack

JOB_INTERVAL_SECONDS = 1.0


def _banner(port: int, admin_key: str, stripe_url: str) -> str:
    url = f"http://localhost:{port}"
    return f"""
  Clearwater Septic customer portal: local mode (moto stands in for AWS; data lives until you stop)

    Portal            {url}/
    Demo customer     demo@example.com  (phone +1 217 555 0143), two properties
    Sign in           {url}/signin  then open the link from the outbox
    Outbox            {url}/dev/outbox.html   (JSON: {url}/api/dev/outbox)
                      every email and text the portal sends appears there
    Admin API         {url}/api/admin/...   header  Authorization: Bearer {admin_key}
    API document      docs/openapi.yaml
    Dispatcher        dispatch@example.com
    Office console    {url}/office/signin  staff: owner@example.com (owner), dispatch@example.com (dispatcher);
                      `make owner EMAIL=... NAME=...` adds an owner
    Stripe            {stripe_url}  (localstripe; keys sk_test_local / pk_test_local, webhooks signed with whsec_local)
    Scheduled jobs    run every {JOB_INTERVAL_SECONDS:g} s here; `make jobs` runs them now

  Ctrl+C stops the portal.
"""


@contextlib.contextmanager
def _quiet_logs() -> Iterator[None]:
    """The seed's forty-odd request lines would bury the banner."""
    from chalicelib import logs
    from chalicelib.settings import get_settings

    logs.configure(get_settings().log_level)
    portal = logging.getLogger("portal")
    level = portal.level
    portal.setLevel(logging.WARNING)
    try:
        yield
    finally:
        portal.setLevel(level)


def _run_jobs_forever(stop: threading.Event) -> None:
    from chalicelib import jobs, logs

    log = logs.get_logger("jobs")
    while not stop.wait(JOB_INTERVAL_SECONDS):
        try:
            jobs.run_all()
        except Exception:  # noqa: BLE001 - a failed run is logged and the next tick tries again
            log.exception("scheduled job run failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--stripe-port", type=int, default=int(os.environ.get("STRIPE_PORT", "8420")),
                        help="port of the Stripe emulator (localstripe)")
    parser.add_argument("--no-seed", action="store_true", help="start with empty tables")
    args = parser.parse_args()

    stack.configure_environment(args.port)
    aws = stack.start_aws()
    # Before anything reads the (cached) settings: it sets the emulator's address.
    stripe = stack.start_stripe(args.stripe_port, f"http://127.0.0.1:{args.port}",
                                os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_local"))
    stack.create_resources()

    from app import app
    from chalicelib.settings import LOCAL_ADMIN_KEY
    from devserver import demo, server

    admin_key = os.environ.get("PORTAL_ADMIN_KEY", LOCAL_ADMIN_KEY)
    if not args.no_seed:
        with _quiet_logs():
            demo.seed(server.make_gateway(app), admin_key)
    http = server.serve(app, args.host, args.port)  # the port opens once the demo is ready

    stop = threading.Event()
    threading.Thread(target=_run_jobs_forever, args=(stop,), name="portal-jobs", daemon=True).start()
    print(_banner(args.port, admin_key, stripe.url), flush=True)

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    stop.set()
    http.shutdown()
    stripe.stop()
    aws.stop()


if __name__ == "__main__":
    main()
