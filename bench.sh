#!/usr/bin/env bash
# Sets everything up and runs the benchmark: ./bench.sh [--quick | --sizes 1000,10000,100000 --repeat 5]
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh "bench,test"
if ! command -v chromium >/dev/null 2>&1 && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# compiled once, as any second run finds them: the timed processes should not compile our
# sources each time (PYTHONDONTWRITEBYTECODE=1 would make every run do so; installed libraries
# such as the reference's come compiled)
.venv/bin/python -m compileall -q okr benchmarks >/dev/null
exec .venv/bin/python -m benchmarks "$@"
