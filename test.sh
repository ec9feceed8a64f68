#!/usr/bin/env bash
# Sets everything up and runs the whole test suite, browser tests included: ./test.sh
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
# The browser tests drive Debian's Chromium (no browser download: the network
# only reaches package registries). Install it when we can (root), else they skip
# on a laptop; in CI (CI=true) a missing Chromium fails the run instead.
if ! command -v chromium >/dev/null 2>&1 && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
