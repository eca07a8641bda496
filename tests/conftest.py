"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# ../shared next to the repository: copyrighted evaluation data, read at test time only.
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; tests that need it skip without it, except in CI where they fail."""
    if not SHARED_DIR.is_dir():
        message = f"{SHARED_DIR} is missing (evaluation data lives outside the repository)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED_DIR
