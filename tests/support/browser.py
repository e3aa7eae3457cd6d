"""Pages opened in the system's headless Chromium (Debian's package; never a downloaded browser)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def open_page(path: Path) -> Iterator[tuple[object, list[str]]]:
    """(page, problems): console errors, page errors and any request that left the file."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium; scripts/test.sh does)")
    playwright = pytest.importorskip("playwright.sync_api")
    problems: list[str] = []
    with playwright.sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        browser = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on(
                "request",
                lambda r: None if r.url.startswith("file:") else problems.append(f"fetch {r.url}"),
            )
            page.goto(path.resolve().as_uri())
            yield page, problems
        finally:
            browser.close()


def keep_screenshot(page: object, name: str) -> None:
    folder = os.environ.get(SCREENSHOTS)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)  # type: ignore[attr-defined]
