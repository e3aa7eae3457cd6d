"""Pages opened in the system's headless Chromium (Debian's package; never a downloaded browser)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Set to a directory to keep the tests' screenshots there (docs/images holds the ones in the docs).
SCREENSHOTS = "EXECBENCH_SCREENSHOTS"


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless browser with an empty profile, for as long as the block runs."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium; scripts/test.sh does)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        browser = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser: Any, path: Path) -> Iterator[tuple[Any, list[str]]]:
    """(page, problems): console errors, page errors and any request that left the file."""
    problems: list[str] = []
    page = browser.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda r: None if r.url.startswith("file:") else problems.append(f"fetch {r.url}"),
    )
    try:
        page.goto(path.resolve().as_uri())
        yield page, problems
    finally:
        page.close()


def keep_screenshot(page: Any, name: str) -> None:
    folder = os.environ.get(SCREENSHOTS)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))
