"""``make jobs``: ask the running local portal to run its scheduled jobs now."""
from __future__ import annotations

import json
import os
import urllib.request


def main() -> None:
    url = f"http://localhost:{os.environ.get('PORT', '8000')}/api/dev/jobs/run"
    request = urllib.request.Request(url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the local portal
        print(json.dumps(json.load(response), indent=2))


if __name__ == "__main__":
    main()
