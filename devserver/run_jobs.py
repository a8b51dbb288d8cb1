"""``make jobs``: ask the running local portal to run its scheduled jobs now (``make reminders``: one of them).

``python -m devserver.run_jobs send-reminders`` runs only the jobs named.
"""
from __future__ import annotations

import json
import os
import sys
import urllib.parse
import urllib.request


def main(names: list[str]) -> None:
    for name in names or [None]:
        _run(name)


def _run(name: str | None) -> None:
    url = f"http://localhost:{os.environ.get('PORT', '8000')}/api/dev/jobs/run"
    if name:
        url += "?" + urllib.parse.urlencode({"job": name})
    request = urllib.request.Request(url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the local portal
        print(json.dumps(json.load(response), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
