"""``roadmap journal --search WORDS --since DATE --until DATE``: the entries of some days
with some words, as a search box finds them (every word begins a word of the entry, in any
case, accents left out)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import journal
from tests.conftest import Run
from tests.learner import Learner, day

ENTRIES = [
    ("2026-01-09", "Set up the environment; read the Attention paper."),
    ("2026-01-16", "Implemented self-attention from scratch. Transformers click now."),
    ("2026-01-30", "Diffusion models: DDPM notes, an étude in noise."),
    ("2026-02-13", "Back to transformers: positional encodings."),
]


@pytest.fixture
def learner() -> Learner:
    """ai-study-plan from 2026-01-05, with the four entries of :data:`ENTRIES`."""
    learner = Learner()
    learner.start("ai-study-plan", on="2026-01-05")
    for on, text in ENTRIES:
        learner.journal(text, on=on)
    return learner


def listed(learner: Learner, search: str | None = None, since: str = "", until: str = "") -> Any:
    """The days of the entries ``roadmap journal --search ... --since ... --until ...`` lists."""
    view = journal.journal_list(
        learner.session("2026-03-01"),
        day(since) if since else None,
        day(until) if until else None,
        search,
    )
    return [entry.on.isoformat() for entry in view.entries]


def test_every_word_must_begin_a_word_of_the_entry_in_any_case(learner: Learner) -> None:
    assert listed(learner, "transf") == ["2026-01-16", "2026-02-13"]
    assert listed(learner, "TRANSFORMERS positional") == ["2026-02-13"]
    assert listed(learner, "attention") == ["2026-01-09", "2026-01-16"]  # self-attention too
    assert listed(learner, "tention") == []  # the middle of a word is not a match
    assert listed(learner, "attention diffusion") == []
    assert listed(learner, "etude") == ["2026-01-30"]  # accents left out
    assert listed(learner, "Étude DDPM") == ["2026-01-30"]


def test_since_and_until_keep_the_days_between_them_both_included(learner: Learner) -> None:
    assert listed(learner, since="2026-01-16", until="2026-01-30") == ["2026-01-16", "2026-01-30"]
    assert listed(learner, until="2026-01-15") == ["2026-01-09"]
    assert listed(learner, "transformers", since="2026-02-01") == ["2026-02-13"]


def test_a_search_without_words_or_days_the_wrong_way_round_is_refused(learner: Learner) -> None:
    with pytest.raises(RoadmapError, match="'--' given to --search has no word to look for"):
        listed(learner, "--")
    with pytest.raises(RoadmapError, match="--since 2026-02-01 is after --until 2026-01-01"):
        listed(learner, since="2026-02-01", until="2026-01-01")


def test_the_match_spans_are_the_beginnings_of_the_words_that_matched() -> None:
    text = "Read the Attention paper; Transformers étude."
    spans = journal.match_spans(text, journal.search_words("transf ETU att"))
    assert spans is not None
    assert [text[start:end] for start, end in spans] == ["Att", "Transf", "étu"]
    assert journal.match_spans(text, ["xyz"]) is None


# --- The command line ---------------------------------------------------------------------


@pytest.fixture
def studying(run: Run) -> Run:
    """ai-study-plan from 2026-01-05 with the entries of :data:`ENTRIES`."""
    run("start", "ai-study-plan", "--on", "2026-01-05")
    for on, text in ENTRIES:
        run("journal", text, "--on", on)
    return run


def test_search_lists_without_list_and_says_what_it_kept(studying: Run) -> None:
    shown = studying("journal", "--search", "transf", "--until", "2026-01-31").stdout
    assert shown.splitlines() == [
        "Progress journal · 1 entry until 2026-01-31 matching 'transf'",
        "  Fri 2026-01-16 Implemented self-attention from scratch. Transformers click",
        "                 now.",
    ]
    as_json = json.loads(studying("journal", "--search", "diff", "--json").stdout)
    assert (as_json["search"], as_json["since"], as_json["until"]) == ("diff", None, None)
    assert [entry["on"] for entry in as_json["entries"]] == ["2026-01-30"]


def test_a_search_that_finds_nothing_says_so_and_how_to_see_all(studying: Run) -> None:
    shown = studying("journal", "--search", "quantum", "--since", "2026-01-10").stdout
    assert " ".join(shown.split()) == (
        "No journal entries since 2026-01-10 matching 'quantum' in Advanced AI Engineer "
        "Study Plan; 'roadmap journal --list' shows them all."
    )


def test_listing_options_take_no_text_and_bad_ones_write_nothing(
    studying: Run, progress_file: Path
) -> None:
    before = progress_file.read_bytes()
    studying("journal", "An entry.", "--search", "x", code=2)
    studying("journal", "--until", "2026-01-20", "--on", "2026-01-20", code=2)
    refused = studying("journal", "--search", "x", "--until", "fridy", code=1).stderr
    assert "'fridy' given to --until is not a valid date" in refused
    assert "no word to look for" in studying("journal", "--search", " ", code=1).stderr
    assert progress_file.read_bytes() == before
