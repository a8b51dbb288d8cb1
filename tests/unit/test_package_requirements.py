"""requirements.txt lists everything the functions need, since ``make package`` installs it with --no-deps."""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PROVIDED = {"boto3", "botocore", "s3transfer", "jmespath"}
# The Lambda python3.11 runtime on arm64, for the dependencies' environment markers
LAMBDA = {"python_version": "3.11", "python_full_version": "3.11.0", "sys_platform": "linux",
          "platform_system": "Linux", "platform_machine": "aarch64", "os_name": "posix", "implementation_name": "cpython",
          "platform_python_implementation": "CPython", "extra": ""}


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_of_the_functions_is_pinned_except_what_lambda_provides():
    pins = _pins()
    unlisted = set()
    for name in pins:
        for raw in metadata.distribution(name).requires or []:
            requirement = Requirement(raw)
            if requirement.marker and not requirement.marker.evaluate(LAMBDA):
                continue
            dependency = canonicalize_name(requirement.name)
            if dependency not in pins and dependency not in RUNTIME_PROVIDED:
                unlisted.add(f"{dependency} (needed by {name})")
    assert not unlisted, f"add to requirements.txt: {sorted(unlisted)}"


def test_pins_are_the_versions_the_tests_run_with():
    assert {name: metadata.version(name) for name in _pins()} == _pins()


def test_the_package_leaves_out_only_what_the_lambda_runtime_provides():
    assert not RUNTIME_PROVIDED & set(_pins())
