"""``make package``: the Lambda deployment package, built with Chalice's own packager, then checked.

The package is what ``requirements.txt`` lists, installed with pip's ``--no-deps``: that file
names every dependency the functions need except botocore and jmespath, which PynamoDB pulls in
and the Lambda runtime already provides (with boto3 and s3transfer). Leaving them out by not
installing them, rather than deleting them from a built zip, keeps the package equal to one
reviewed list; ``tests/unit/test_package_requirements.py`` checks that the list is complete.

The same rule applies wherever the app is packaged: the CDK construct (``chalice.cdk.Chalice``)
calls the same packager, so it should build through ``build()`` (``from scripts.package import
build``, or with ``package_environment()`` in its environment), or take this command's output as
its ready-made package; ``check()`` refuses a package that still holds botocore.

Usage: ``python scripts/package.py [OUT_DIR] [--stage STAGE] [--architecture x86_64]``
(default ``dist/package``, ``prod``).
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_BYTES = 10 * 1000 * 1000  # the 10 MB budget, zipped (decimal megabytes: the stricter reading)
# Top-level names the Lambda Python runtime provides; the package must not carry its own copy.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")


def package_environment() -> dict[str, str]:
    """What the packager's pip needs in the environment: install the listed packages only."""
    return {"PIP_NO_DEPS": "1", "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"}


def build(out_dir: Path, stage: str = "prod", architecture: str | None = None,
          chalice_config: dict[str, object] | None = None) -> Path:
    """``chalice package`` into ``out_dir`` (offline, no AWS account); returns the zip's path.

    ``architecture`` overrides ``.chalice/config.json``'s ``lambda_architecture`` (arm64): the
    tests build an x86_64 twin to import on this machine. ``chalice_config`` is the stage
    configuration the CDK construct passes (``chalice.api.package_app``'s own argument).
    """
    from chalice import api

    os.environ.update(package_environment())
    config = dict(chalice_config or {})
    if architecture:
        config["lambda_architecture"] = architecture
    api.package_app(project_dir=str(ROOT), output_dir=str(out_dir), stage=stage, chalice_config=config or None)
    return out_dir / "deployment.zip"


def top_level_sizes(zip_path: Path) -> dict[str, int]:
    """Compressed bytes per top-level entry (a package, a module, a .dist-info directory)."""
    sizes: collections.Counter[str] = collections.Counter()
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            sizes[info.filename.split("/")[0]] += info.compress_size
    return dict(sizes)


def check(zip_path: Path, architecture: str = "arm64") -> list[str]:
    """What is wrong with a built package, in sentences (empty when it is fine)."""
    problems = []
    size = zip_path.stat().st_size
    if size > LIMIT_BYTES:
        problems.append(f"The package is {size / 1e6:.2f} MB zipped, over the {LIMIT_BYTES / 1e6:.0f} MB budget.")
    names = top_level_sizes(zip_path)
    carried = sorted(n for n in names if n.split("-")[0].split(".")[0].lower() in RUNTIME_PROVIDED)
    if carried:
        problems.append(f"The package carries what the Lambda runtime provides: {', '.join(carried)} "
                        "(was it built without PIP_NO_DEPS=1, or from a stale .chalice/deployments cache?).")
    machine = {"arm64": "aarch64", "x86_64": "x86_64"}[architecture]
    with zipfile.ZipFile(zip_path) as archive:
        foreign = [n for n in archive.namelist() if n.endswith(".so") and "linux" in n and machine not in n]
    if foreign:
        problems.append(f"Compiled modules not built for {architecture}: {', '.join(foreign)}.")
    return problems


def report(zip_path: Path, biggest: int = 8) -> str:
    size = zip_path.stat().st_size
    lines = [f"{zip_path}: {size / 1e6:.2f} MB zipped ({size / 2**20:.2f} MiB; budget {LIMIT_BYTES / 1e6:.0f} MB)"]
    for name, part in sorted(top_level_sizes(zip_path).items(), key=lambda item: -item[1])[:biggest]:
        lines.append(f"  {part / 1e6:6.2f} MB  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=str(ROOT / "dist" / "package"))
    parser.add_argument("--stage", default="prod", help="the Chalice stage, the stack's `stage` (default prod)")
    parser.add_argument("--architecture", choices=("arm64", "x86_64"), default=None,
                        help="override lambda_architecture (the tests import an x86_64 twin)")
    args = parser.parse_args(argv)
    zip_path = build(Path(args.out_dir), args.stage, args.architecture)
    print(report(zip_path))
    problems = check(zip_path, args.architecture or "arm64")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
