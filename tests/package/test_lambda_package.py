"""The Lambda deployment package ``make package`` builds: its size, what it leaves out, and that it imports.

Built once per session with Chalice's packager (about 15-30 s, less once Chalice has cached the
dependencies in .chalice/deployments; pip fetches the arm64 wheels the first time). The arm64
package cannot be imported on an x86_64 machine, so an x86_64 twin built from the same list is
imported instead, in an interpreter that sees only the package, the standard library and what the
Lambda runtime provides (boto3, botocore, s3transfer, jmespath); the two must hold the same files
apart from their compiled modules' platform tags.
"""
from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts import package

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.package

CHECK = r"""
import importlib, json, sys, sysconfig, zoneinfo
package_dir, runtime_dir, modules = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sys.path[:0] = [package_dir, runtime_dir]
import app
missing = []
for name in modules:
    try:
        importlib.import_module(name)
    except ImportError as exc:
        missing.append(f"{name}: {exc}")
zoneinfo.reset_tzpath([])  # the time zones from the packaged tzdata, as on an image without any
zoneinfo.ZoneInfo("America/Chicago")
stdlib = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")})
allowed = (package_dir, runtime_dir, *stdlib)
outside = sorted(name for name, module in sys.modules.items()
                 if getattr(module, "__file__", None) and not module.__file__.startswith(allowed))
print(json.dumps({"missing": missing, "outside": outside}))
"""


def _build(tmp: Path, architecture: str) -> Path:
    out = tmp / architecture
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(out), "--architecture", architecture],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return out / "deployment.zip"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("package")
    return {arch: _build(tmp, arch) for arch in ("arm64", "x86_64")}


def _imported_modules() -> list[str]:
    """Every absolute import in app.py and chalicelib/, including those inside functions."""
    names = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "chalicelib").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(names)


def _files(zip_path: Path) -> set[str]:
    with zipfile.ZipFile(zip_path) as archive:
        return {re.sub(r"\.cpython-311-[a-z0-9_]+-linux-gnu\.so$", ".so", n) for n in archive.namelist()
                if not n.endswith("/RECORD") and not n.endswith("/WHEEL")}


def test_package_fits_the_budget_without_what_the_runtime_provides(packages):
    zip_path = packages["arm64"]
    assert package.check(zip_path, "arm64") == []
    assert zip_path.stat().st_size <= 10 * 1000 * 1000
    names = {name.lower() for name in package.top_level_sizes(zip_path)}
    assert not {"boto3", "botocore", "s3transfer", "jmespath"} & names
    assert {"app.py", "chalicelib", "pynamodb", "pydantic_core", "stripe", "tzdata"} <= names


def test_arm64_package_holds_compiled_modules_for_arm64_only(packages):
    with zipfile.ZipFile(packages["arm64"]) as archive:
        compiled = [n for n in archive.namelist() if n.endswith(".so")]
    assert any("pydantic_core" in n and "aarch64" in n for n in compiled)
    assert any(n.startswith("_argon2_cffi_bindings/") for n in compiled)
    assert not [n for n in compiled if "x86_64" in n]


def test_every_module_the_app_imports_is_in_the_package(packages, tmp_path):
    # Given the x86_64 twin, holding the same files as the arm64 package
    assert _files(packages["arm64"]) == _files(packages["x86_64"])
    package_dir, runtime_dir = tmp_path / "task", tmp_path / "runtime"
    with zipfile.ZipFile(packages["x86_64"]) as archive:
        archive.extractall(package_dir)
    runtime_dir.mkdir()
    import boto3

    site = Path(boto3.__file__).resolve().parents[1]
    for name in ("boto3", "botocore", "s3transfer", "jmespath"):
        (runtime_dir / name).symlink_to(site / name)
    # When the app and every module its code imports are loaded with nothing else on the path
    env = {"PATH": os.environ.get("PATH", ""), "AWS_DEFAULT_REGION": "us-east-1", "PORTAL_STAGE": "prod",
           "AWS_LAMBDA_FUNCTION_NAME": "septic-portal-prod", "PORTAL_TABLE_PREFIX": "portal-prod-"}
    out = subprocess.run([sys.executable, "-I", "-S", "-c", CHECK, str(package_dir), str(runtime_dir),
                          json.dumps(_imported_modules())], cwd=tmp_path, env=env, capture_output=True, text=True)
    # Then all of them are found there
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"missing": [], "outside": []}


def test_every_function_runs_on_arm64_with_the_chosen_memory(packages):
    template = json.loads((packages["arm64"].parent / "sam.json").read_text())
    functions = {name: resource["Properties"] for name, resource in template["Resources"].items()
                 if resource["Type"] == "AWS::Serverless::Function"}
    assert "APIHandler" in functions
    # infra/README.md "Memory": the size chosen from the measured init time
    chosen = {(p["Architectures"][0], p["MemorySize"], p["Runtime"]) for p in functions.values()}
    assert chosen == {("arm64", 1769, "python3.11")}
