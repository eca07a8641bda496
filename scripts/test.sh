#!/usr/bin/env bash
# Install banmian into .venv and run every check CI runs: lint, types, tests, evaluation gates.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e '.[dev]'
.venv/bin/ruff check src tests eval bench scripts
.venv/bin/mypy
.venv/bin/pytest
