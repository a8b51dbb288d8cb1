#!/usr/bin/env bash
# Installs what the portal needs on a fresh Debian machine. Idempotent, and quick once done.
#   scripts/setup.sh run    Python environment for the local portal
#   scripts/setup.sh test   the same plus the test tools and Debian's Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  echo "Installing Debian packages: $*" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  echo "Python 3.11 or newer is needed (python3.11 or python3 on PATH)." >&2
  exit 1
fi
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  apt_install python3-venv
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi

requirements=requirements-local.txt
[ "$mode" = test ] && requirements=requirements-test.txt
stamp=".venv/.installed-$mode"
digest=$(cat requirements*.txt infra/requirements.txt | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  echo "Installing Python packages from $requirements ..." >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  echo "$digest" > "$stamp"
fi

if [ "$mode" = test ]; then
  missing=""
  [ -x /usr/bin/chromium ] || missing="chromium fonts-liberation"
  command -v curl >/dev/null 2>&1 || missing="$missing curl"  # the README's example is tested as written
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"  # jsii: the CDK in tests/infra and make synth
  [ -z "$missing" ] || apt_install $missing
fi
