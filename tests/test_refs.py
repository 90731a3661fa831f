"""What a learner types resolves to exactly one item, or to a helpful error."""

from __future__ import annotations

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum.catalog import load_slug
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan.refs import resolve_item, resolve_items


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return load_slug("advanced-ai")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("m1/attention-from-scratch", "m1/attention-from-scratch"),
        ("attention-from-scratch", "m1/attention-from-scratch"),
        ("Implement attention mechanism from scratch", "m1/attention-from-scratch"),
        ("implement ATTENTION mechanism from scratch", "m1/attention-from-scratch"),
        ("attention mechanism", "m1/attention-from-scratch"),
        ("ddpm-from-scratch", "m2/ddpm-from-scratch"),
        ("Ray Tune", "m4/tracking-and-tuning"),
        ("m3/criteria/compare-to-papers", "m3/criteria/compare-to-papers"),
    ],
)
def test_references_resolve(curriculum: Curriculum, typed: str, expected: str) -> None:
    assert resolve_item(curriculum, typed).id == expected


def test_ambiguous_reference_lists_at_most_five_candidates(curriculum: Curriculum) -> None:
    with pytest.raises(RoadmapError) as caught:
        resolve_item(curriculum, "portfolio")
    error = caught.value
    assert "matches 8 items" in error.message
    assert error.details[:5] == [
        f"m{n}/portfolio  " + curriculum.item_index[f"m{n}/portfolio"].title for n in range(1, 6)
    ]
    assert error.details[5] == "... and 3 more (--all lists them)"
    error.every_candidate()  # type: ignore[attr-defined]
    assert len(error.details) == 8 and error.details[7].startswith("m8/portfolio  ")


def test_typo_lists_the_closest_items(curriculum: Curriculum) -> None:
    with pytest.raises(RoadmapError) as caught:
        resolve_item(curriculum, "Implement atention mechanism from scrach")
    assert caught.value.message.startswith("No item of advanced-ai matches")
    assert caught.value.details[0].startswith("m1/attention-from-scratch")
    assert len(caught.value.details) <= 6  # five, then how many more there are
    assert caught.value.details[-1].endswith("more (--all lists them)")


def test_old_ids_follow_renamed_items(curriculum: Curriculum) -> None:
    data = curriculum.model_dump(mode="json")
    data["phases"][0]["modules"][0]["tasks"][0]["id"] = "m1/self-attention"
    data["phases"][0]["modules"][0]["tasks"][0]["old_ids"] = ["m1/attention-from-scratch"]
    renamed = Curriculum.model_validate(data)
    assert resolve_item(renamed, "m1/attention-from-scratch").id == "m1/self-attention"


def test_resolving_several_fails_on_the_first_bad_one(curriculum: Curriculum) -> None:
    with pytest.raises(RoadmapError, match="nonexistent"):
        resolve_items(curriculum, ["m1/minimal-vit", "nonexistent thing"])
    items = resolve_items(curriculum, ["minimal-vit", "m1/minimal-vit", "m1/vit-vs-cnn"])
    assert [item.id for item in items] == ["m1/minimal-vit", "m1/vit-vs-cnn"]
