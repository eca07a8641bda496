"""A real reading-room server and a real Chromium for the browser tests.

The server is ``banmian serve`` (uvicorn) in a subprocess on 127.0.0.1 with a
free port, over an archive built from the sample pages. Chromium is Debian's
``/usr/bin/chromium`` driven by Playwright; without it the tests skip, except
under CI=true, where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from web_sample import build_sample_archive

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TOKEN = "browser-token-5c1e"
# How long the server may take to start answering (seconds).
SERVER_START_TIMEOUT = 30.0
# Longest wait for one browser action (ms): pages here render in milliseconds,
# so a wait this long means the page is wrong, not slow.
ACTION_TIMEOUT_MS = 10_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build_sample_archive(tmp_path_factory.mktemp("browser") / "archive.db")) as base:
        yield base


@pytest.fixture(scope="session")
def start_server() -> Callable[[Path], AbstractContextManager[str]]:
    """For tests that need a server over an archive of their own: ``with start_server(db)``."""
    return serve


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """``banmian serve`` over ``db`` on a free port, answering; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "BANMIAN_TOKEN": TOKEN}
    command = [sys.executable, "-c", "from banmian.cli import main; main()", "serve",
               "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"banmian serve exited: {process.stdout.read() if process.stdout else ''}")
            try:
                if httpx.get(f"{base}/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("banmian serve did not start answering in time")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def token() -> str:
    """The write token the server was started with."""
    return TOKEN


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
