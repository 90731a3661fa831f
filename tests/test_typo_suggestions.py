"""A reference that names nothing lists the closest items: found with rapidfuzz, imported on
that path alone (issue 29), the first of them in the order difflib's ratio gives."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.plan.refs import closest_items
from tests.test_performance_guards import banned, imported_by, offending


def difflib_order(slug: str, text: str) -> list[str]:
    """The closest items of ``slug`` to ``text`` as roadmap ranked them before rapidfuzz:
    difflib's ratio of the id, its last part and the title, 0.45 or more, best first."""
    folded = text.casefold()
    scored = []
    for position, item in enumerate(catalog.load_slug(slug).items):
        texts = (item.id, item.id.rsplit("/", 1)[-1], item.title.casefold())
        score = max(difflib.SequenceMatcher(None, folded, t).ratio() for t in texts)
        if score >= 0.45:
            scored.append((-score, position, item.id))
    return [item_id for _, _, item_id in sorted(scored)]


@pytest.mark.parametrize(
    ("slug", "typo"),
    [
        ("advanced-ai", "atention from scrach"),
        ("advanced-ai", "m7/dp-sgd"),
        ("advanced-ai", "privacy auditing andx"),  # 0.45 exactly for one of them
        ("complete-ai-engineer", "trasnformers"),
        ("professional-ai-engineer", "conefrence"),
        ("ai-study-plan", "gradeint descent"),
    ],
)
def test_the_first_candidates_are_the_ones_difflib_ranks_first(slug: str, typo: str) -> None:
    expected = difflib_order(slug, typo)
    found = [item.id for item in closest_items(catalog.load_slug(slug), typo, limit=None)]
    assert expected, typo  # each typo is close to something
    assert found[:5] == expected[:5]
    assert set(expected) <= set(found)  # and none that difflib found is lost


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("check", "m1/minimal-vit", "--on", "2026-01-06", "--no-link"),
        ("check", "vit", "--on", "2026-01-06"),  # names several items: no typo
        ("find", "transformer"),
    ],
    ids=" ".join,
)
def test_only_a_reference_that_names_nothing_imports_rapidfuzz(
    enrolled: object, args: tuple[str, ...]
) -> None:
    bans = banned(("rapidfuzz",))
    home = Path(os.environ["ROADMAP_HOME"])
    assert offending(imported_by(home, *args), bans) == []
    typo = imported_by(home, "check", "minimal vti", "--on", "2026-01-06")
    assert offending(typo, bans) != []  # the ban names what the typo path imports
