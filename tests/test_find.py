"""``roadmap find WORDS`` (decision 53): word prefixes, any part of an id, descriptions,
topics and notes, ranked, case and accents aside."""

from __future__ import annotations

import json
from typing import Any

from roadmap_tracker.commands import finding
from tests.learner import Learner


def found(learner: Learner, query: str, on: str = "2026-01-06") -> list[tuple[str, str]]:
    view = finding.find_view(learner.session(on), query)
    return [(item.id, item.matched) for item in view.items]


def enrolled() -> Learner:
    learner = Learner()
    learner.start("advanced-ai", "2026-01-05")
    return learner


def test_a_word_finds_titles_by_its_beginning() -> None:
    results = found(enrolled(), "transformer")
    assert results[0] == ("m1/fine-tune-vit", "title")  # "vision transformers"


def test_part_of_an_id_finds_the_item_first() -> None:
    assert found(enrolled(), "m7/dp-sgd") == [("m7/dp-sgd-tradeoff", "id part")]
    results = found(enrolled(), "m1/minimal-vit")
    assert results[0] == ("m1/minimal-vit", "id")


def test_ranking_puts_ids_before_titles_before_descriptions_and_topics() -> None:
    results = found(enrolled(), "transformer")
    ranks = [finding.RANKS[matched] for _, matched in results]
    assert ranks == sorted(ranks, reverse=True)
    assert {"title", "description", "topics"} <= {matched for _, matched in results}


def test_notes_are_found_with_accents_and_case_aside() -> None:
    learner = enrolled()
    learner.note("m1/minimal-vit", "Patch embeddings RÉUSSIES", on="2026-01-06")
    assert found(learner, "reussi") == [("m1/minimal-vit", "notes")]
    assert found(learner, "reussi", on="2026-01-05") == []  # true in time


def test_every_word_must_match() -> None:
    assert found(enrolled(), "ddpm scratch") == [("m2/ddpm-from-scratch", "title")]
    assert found(enrolled(), "ddpm zebra") == []


def test_find_on_the_command_line(enrolled: Any) -> None:
    enrolled("check", "m1/minimal-vit", "--on", "2026-01-06")
    shown = enrolled("find", "minimal", "vit").stdout
    assert "m1/minimal-vit · done · matched title" in shown
    data = json.loads(enrolled("find", "m7/dp-sgd", "--json").stdout)
    assert data["items"] == [
        {
            "id": "m7/dp-sgd-tradeoff",
            "title": "Train models with DP-SGD and measure privacy-utility tradeoff",
            "state": "open",
            "module": "m7",
            "matched": "id part",
            "excerpt": None,
        }
    ]
    assert "Nothing in advanced-ai matches 'zebra'" in enrolled("find", "zebra").stdout
    error = enrolled("find", "--", "--", code=1).stderr
    assert "has no word to look for" in error
