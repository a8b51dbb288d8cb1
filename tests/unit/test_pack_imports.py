"""The records pack's PDF writer loads only on the route that makes a pack (STYLE: heavy modules stay off other routes)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_app_does_not_load_the_pdf_writer() -> None:
    code = "import sys, app; print('pydyf' in sys.modules, 'chalicelib.sale.pdf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
