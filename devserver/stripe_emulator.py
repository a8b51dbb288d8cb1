"""``python -m devserver.stripe_emulator PORT [--bank-settle-seconds N]``: localstripe for the portal.

localstripe's own command listens on every interface and reloads the last run's data; the
portal serves localstripe's app itself, on 127.0.0.1 and empty. A bank debit settles after
half a second in localstripe; a real one takes days, so the wait is settable to make the
"processing" state visible (and testable) rather than a blink.
"""
from __future__ import annotations

import argparse
import asyncio
from types import SimpleNamespace

_LOCALSTRIPE_DEBIT_DELAY = 0.5


def _slower_bank_debits(seconds: float) -> None:
    from localstripe import resources

    real_sleep = asyncio.sleep

    async def sleep(delay: float, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return await real_sleep(seconds if delay == _LOCALSTRIPE_DEBIT_DELAY else delay, *args, **kwargs)

    # Only localstripe's own module sees the shim; aiohttp keeps the real asyncio.
    resources.asyncio = SimpleNamespace(sleep=sleep, ensure_future=asyncio.ensure_future)


def main() -> None:
    from aiohttp import web
    from localstripe.server import app

    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--bank-settle-seconds", type=float, default=_LOCALSTRIPE_DEBIT_DELAY)
    args = parser.parse_args()
    _slower_bank_debits(args.bank_settle_seconds)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
