"""The deploy guide's smoke command (scripts/smoke.py, ``make smoke``) against the local portal."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.e2e.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def _smoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "smoke.py"), *args],
                          capture_output=True, text=True, timeout=60)


def _delivered(portal: str, to: str) -> bool:
    requests.post(f"{portal}/api/dev/jobs/run", json={}, timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        items = requests.get(f"{portal}/api/dev/outbox", timeout=5).json()["items"]
        if any(item["to"] == to and item["status"] == "sent" for item in items):
            return True
        time.sleep(0.3)
    return False


def test_smoke_passes_and_the_test_email_arrives(portal):
    done = _smoke(portal, "local-admin-key", "smoke-check@example.com", "--wait", "1")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "GET /api/health: 200" in done.stdout and "queued" in done.stdout
    assert _delivered(portal, "smoke-check@example.com")


def test_smoke_fails_with_a_reason_for_a_wrong_admin_key(portal):
    done = _smoke(portal, "not-the-admin-key", "smoke-check@example.com", "--wait", "0")

    assert done.returncode == 1
    assert "POST /api/admin/test-message answered 401" in done.stderr and "admin key" in done.stderr


def test_smoke_fails_with_a_reason_when_nothing_answers():
    done = _smoke(f"http://127.0.0.1:{free_port()}", "local-admin-key", "smoke-check@example.com")

    assert done.returncode == 1
    assert "cannot be reached" in done.stderr
