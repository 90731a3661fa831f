"""The report in a real browser (issue 28): Debian's Chromium, headless, renders what
``roadmap report`` writes, for a fresh enrollment, a year-old one and each of the five
bundled curricula, and takes a screenshot (``--headless --screenshot``) that must have the
window's size and not be blank: the header at its top and the page below it carry ink.

Not in the README's test command: a newcomer's machine need not have Chromium. CI runs it
by name after installing the ``chromium`` package (``.ci/run``):

    pytest -n 0 -q tests/browser_report_check.py

``python -m tests.browser_report_check --write`` renders the year-old report again into
:data:`DOCS_SHOT`, the picture in docs/report.md (a test checks it is one of these
screenshots: its size and its ink).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmap_tracker.progress import file_format, store
from roadmap_tracker.progress.event_log import Progress

from .conftest import Run
from .png_pixels import Image, read_png

WIDTH, HEIGHT = 1200, 1800
"""The browser window (CSS pixels, device scale 1): the screenshot's size."""

HEADER = 240
"""The rows at the top the header (title and summary numbers) must fill."""

SLUGS = (
    "advanced-ai",
    "ai-study-plan",
    "advanced-roadmap",
    "complete-ai-engineer",
    "professional-ai-engineer",
)

DOCS_SHOT = Path(__file__).parent.parent / "docs" / "images" / "report-year-old.png"

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
"""Headless and offline: without the networking flags Chromium tries the network at start,
which a closed machine refuses (and a report must not need)."""


def chromium() -> str:
    """The Chromium program. Fails the check (it is never skipped) when there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: 'apt-get install chromium' (.ci/run does it)")


def screenshot(page: Path, shot: Path, width: int = WIDTH, height: int = HEIGHT) -> Image:
    """Render ``page`` (a local HTML file) in headless Chromium at ``width`` x ``height``
    and return the screenshot written to ``shot``."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                chromium(),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={shot}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    return read_png(shot)


def assert_a_page(image: Image) -> None:
    """The screenshot of a report: the window's size, the header inked, the page below it
    too (not one colour: a blank or failed page is)."""
    assert (image.width, image.height) == (WIDTH, HEIGHT)
    assert len(image.pixels()) > 16, "the screenshot has almost no colours: blank"
    assert image.ink(0, HEADER) > 0.02, "nothing drawn in the header"
    assert image.ink(HEADER, HEIGHT) > 0.03, "nothing drawn below the header"


def report(run: Run, folder: Path, on: str, plan: str | None = None) -> Path:
    """``roadmap report -o FILE --on ON [--plan SLUG]``; the file written."""
    page = folder / f"report-{plan or 'active'}-{on}.html"
    run("report", "-o", str(page), "--on", on, *(["--plan", plan] if plan else []))
    return page


@pytest.fixture
def shots(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "shots"
    folder.mkdir()
    yield folder


def year_old(progress_file: Path) -> str:
    """Write a year of advanced-ai (tests/test_year_advanced_ai.py: checks, logs, journal,
    papers, two replans, reviews) as the progress file; the last day of that year."""
    from .test_year_advanced_ai import D5, the_year

    events = the_year().learner.events
    store.write_atomic(progress_file, file_format.render_progress(Progress(events)))
    return D5


def test_a_fresh_enrollment(run: Run, shots: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-11-16")
    assert_a_page(screenshot(report(run, shots, "2026-11-21"), shots / "fresh.png"))


def test_a_year_old_enrollment(run: Run, shots: Path, progress_file: Path) -> None:
    last = year_old(progress_file)
    run("pause", "--on", "2026-10-05", "--until", "2026-10-11")
    assert_a_page(screenshot(report(run, shots, last), shots / "year.png"))
    if os.environ.get(WRITE_DOCS_SHOT):
        DOCS_SHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shots / "year.png", DOCS_SHOT)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_bundled_curriculum(run: Run, shots: Path, slug: str) -> None:
    run("start", slug, "--on", "2026-06-01")
    run("log", "2", "--on", "2026-06-03")
    assert_a_page(screenshot(report(run, shots, "2026-11-21", slug), shots / f"{slug}.png"))


def test_the_picture_in_the_docs_is_such_a_screenshot() -> None:
    assert_a_page(read_png(DOCS_SHOT))


WRITE_DOCS_SHOT = "ROADMAP_WRITE_DOCS_SHOT"
"""Set (by ``--write``): the year-old test copies its screenshot to :data:`DOCS_SHOT`."""


def write_docs_shot() -> None:
    """Render the year-old report into :data:`DOCS_SHOT` (``--write``)."""
    os.environ[WRITE_DOCS_SHOT] = "1"
    arguments = ["-n", "0", "-q", "-p", "no:cacheprovider", __file__, "-k", "year_old"]
    sys.exit(pytest.main(arguments))


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_docs_shot()
    raise SystemExit("usage: python -m tests.browser_report_check --write")
