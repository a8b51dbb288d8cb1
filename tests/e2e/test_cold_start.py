"""A fresh process, as a new Lambda container is, answers its first requests against tables it did not create.

Runs ``make bench``'s measurement once: each request is made in a new Python process that
imports the app and must answer 200 (the benchmark fails otherwise). Timings are printed by
``make bench``, never asserted here.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_fresh_processes_answer_branding_and_the_dashboard():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "AWS_"))}

    run = subprocess.run([sys.executable, "-m", "bench.run"], cwd=ROOT, env={**env, "BENCH_RUNS": "1"},
                         capture_output=True, text=True, timeout=300)

    assert run.returncode == 0, run.stderr[-3000:]
    assert "GET /api/dashboard" in run.stdout
