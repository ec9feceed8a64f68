#!/usr/bin/env bash
# Sets everything up and starts the dashboard on the sample data: ./run.sh
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
