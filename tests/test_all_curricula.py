"""Every bundled curriculum works end to end: list, show, start, check, status and next."""

from __future__ import annotations

import json
import re

import pytest

from roadmap_tracker.curriculum.catalog import bundled_dir, load_slug

from .conftest import Run

SLUGS = sorted(path.stem for path in bundled_dir().glob("*.yaml"))


def test_list_shows_the_five_bundled_curricula(run: Run) -> None:
    rows = json.loads(run("list", "--json").stdout)
    assert [row["slug"] for row in rows] == [
        "advanced-ai",
        "advanced-roadmap",
        "ai-study-plan",
        "complete-ai-engineer",
        "professional-ai-engineer",
    ]
    assert {row["origin"] for row in rows} == {"bundled"}
    assert all(row["tasks"] > 0 for row in rows)


@pytest.mark.parametrize("slug", SLUGS)
def test_show_renders_every_item(run: Run, slug: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # long ids stay on one line
    curriculum = load_slug(slug)
    out = run("show", slug).stdout
    assert curriculum.title.split(":")[0] in out
    missing = [item.id for item in curriculum.items if item.id not in out]
    assert not missing, missing[:5]


@pytest.mark.parametrize("slug", SLUGS)
def test_enrollment_works_through_start_check_status_next(run: Run, slug: str) -> None:
    run("start", slug, "--on", "2026-01-05")
    first = json.loads(run("next", "--from", "2026-01-05", "--json").stdout)
    assert first["curriculum"] == slug and first["tasks"], "next offers nothing to do"
    task = first["tasks"][0]["id"]

    run("check", task, "--on", "2026-01-06")
    status = json.loads(run("status", "--week", "2026-01-07", "--json").stdout)
    assert status["done"] == 1
    assert status["completed_this_week"] == [task]
    assert status["total"] == first["remaining"]
    assert "Traceback" not in run("status", "--week", "2026-01-07").stdout

    after = json.loads(run("next", "--from", "2026-01-07", "--json").stdout)
    assert task not in [t["id"] for t in after["tasks"]]
    assert after["remaining"] == first["remaining"] - 1
    assert run("next", "--from", "2026-01-07").stdout.strip()


def strings(value: object) -> list[str]:
    """Every string inside a dumped curriculum."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


EMOJI = re.compile("[\u2600-\u27bf\u2b50\u2705\U0001f000-\U0001faff\ufe0f]")
MOJIBAKE = re.compile("Ã.|â€|ðŸ")


@pytest.mark.parametrize("slug", SLUGS)
def test_text_is_clean(slug: str) -> None:
    texts = strings(load_slug(slug).model_dump(mode="json"))
    assert not [t for t in texts if EMOJI.search(t)]
    assert not [t for t in texts if MOJIBAKE.search(t)]
    assert not [t for t in texts if re.search(r"\bthis repo(sitory)?\b", t, re.IGNORECASE)]
