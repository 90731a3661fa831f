"""Finding things (issue 27, Find): ``roadmap find WORDS``, ``--phase`` and ``--module`` on
``status``, ``next`` and ``show``, and ``next --all``. The rules in memory
(tests/learner.py), the parsing, drawing and exit codes through the CLI.
"""

from __future__ import annotations

import json

from roadmap_tracker.commands import finding, overview
from roadmap_tracker.plan.search import Entry, search
from tests.conftest import Run
from tests.learner import Learner


def enrolled() -> Learner:
    """advanced-ai from Monday 2026-01-05: p1 holds m1 (2026-01-05 to 2026-03-01) and m2
    (2026-03-02 to 2026-04-26); m7 holds m7/dp-sgd-tradeoff; m8 is optional, not planned.
    """
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05")
    return learner


def found_ids(learner: Learner, query: str, on: str = "2026-01-10") -> list[str]:
    view = finding.find_view(learner.session(on), query)
    return [hit.id for hit in view.found]


def test_a_word_finds_the_titles_it_begins_a_word_of() -> None:
    ids = found_ids(enrolled(), "transformer")
    # "Vision Transformers" (m1's title) and "... vision transformers on ..." (an item).
    assert ids[:2] == ["m1", "m1/fine-tune-vit"]
    assert found_ids(enrolled(), "transformers")[:2] == ["m1", "m1/fine-tune-vit"]
    # A word is matched from its beginning, not in its middle.
    assert "m1" not in found_ids(enrolled(), "ransformer")


def test_any_part_of_an_id_finds_the_item() -> None:
    assert found_ids(enrolled(), "m7/dp-sgd") == ["m7/dp-sgd-tradeoff"]
    assert found_ids(enrolled(), "sgd-trade") == ["m7/dp-sgd-tradeoff"]


def test_every_word_must_match_and_the_best_comes_first() -> None:
    learner = enrolled()
    assert found_ids(learner, "vit cnn")[0] == "m1/vit-vs-cnn"
    assert found_ids(learner, "vit zebrafish") == []
    # An id that begins with the word ranks above titles that merely hold it.
    assert found_ids(learner, "vit")[0] == "m1/vit-vs-cnn"


def test_topics_and_descriptions_are_searched_with_an_excerpt() -> None:
    view = finding.find_view(enrolled().session("2026-01-10"), "deit")
    hit = view.found[0]
    assert (hit.id, hit.kind, hit.matched) == ("m1", "module", ["topic"])
    assert hit.excerpt is not None and "DeiT" in hit.excerpt


def test_notes_are_searched_as_they_stood_on_the_day() -> None:
    learner = enrolled()
    learner.check("minimal-vit", on="2026-01-07")
    learner.note("minimal-vit", "compared against a zebrafish baseline", on="2026-01-12")
    assert found_ids(learner, "zebrafish", on="2026-01-11") == []
    view = finding.find_view(learner.session("2026-01-12"), "zebra")
    assert [(h.id, h.state, h.matched) for h in view.found] == [
        ("m1/minimal-vit", "done", ["note"])
    ]


def test_a_long_text_is_cut_around_the_word() -> None:
    text = "word " * 40 + "needle " + "word " * 40
    (match,) = search([Entry("x", "task", "Title", (("description", text),))], "needle")
    assert match.excerpt is not None and "needle" in match.excerpt
    assert len(match.excerpt) <= 72
    assert match.excerpt.startswith("…") and match.excerpt.endswith("…")


def test_find_draws_the_hits_and_says_when_there_are_more(enrolled: Run) -> None:
    out = enrolled("find", "vit", "-n", "2", "--on", "2026-01-10").stdout  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert lines[0].startswith("4 found for 'vit' in ")
    assert "m1/vit-vs-cnn" in lines[2]
    assert lines[-1] == "2 more: -n 4 or --json lists them."
    data = json.loads(enrolled("find", "vit", "--json", "--on", "2026-01-10").stdout)  # type: ignore[attr-defined]
    assert len(data["found"]) == 4
    nothing = enrolled("find", "zebrafish", "--on", "2026-01-10").stdout  # type: ignore[attr-defined]
    assert nothing.startswith("Nothing in Advanced AI Engineering Program matches 'zebrafish'.")


def test_find_refuses_a_query_without_words(enrolled: Run) -> None:
    result = enrolled("find", "--", "-/-", code=1)
    assert "'-/-' holds no word to look for." in result.stderr  # type: ignore[attr-defined]


def test_status_of_one_module_counts_its_items_only() -> None:
    learner = enrolled()
    learner.check("minimal-vit", on="2026-01-07")
    learner.check("m2/ddpm-from-scratch", on="2026-01-08")
    session = learner.session("2026-01-10")
    view = overview.status_view(session, module="m2")
    assert view.part is not None and (view.part.kind, view.part.id) == ("module", "m2")
    assert (view.done, view.total, [m.id for m in view.modules], view.phases) == (
        1,
        10,
        ["m2"],
        [],
    )
    assert view.completed_this_week == ["m2/ddpm-from-scratch"]
    whole = overview.status_view(learner.session("2026-01-10"))
    assert (whole.done, whole.part) == (2, None)


def test_status_of_one_phase_holds_its_modules() -> None:
    learner = enrolled()
    learner.check("minimal-vit", on="2026-01-07")
    view = overview.status_view(learner.session("2026-01-10"), phase="scale production")
    assert view.part is not None and view.part.id == "p2"
    assert [p.id for p in view.phases] == ["p2"]
    assert [m.id for m in view.modules] == ["m3", "m4"]
    assert (view.done, view.completed_this_week) == (0, [])


def test_next_in_one_part_offers_its_items_and_its_dates() -> None:
    view = overview.next_view(enrolled().session("2026-01-10"), 3, module="m2")
    assert [item.id for item in view.tasks] == []  # m2 waits for m1
    assert [b.id for b in view.blocked] == ["m2"]
    assert [(m.kind, m.date.isoformat()) for m in view.milestones] == [
        ("module-start", "2026-03-02"),
        ("module-end", "2026-04-26"),
    ]
    assert view.remaining == 10
    first = overview.next_view(enrolled().session("2026-01-10"), 2, phase="p1")
    assert [item.id for item in first.tasks] == [
        "m1/attention-from-scratch",
        "m1/minimal-vit",
    ]


def test_a_part_must_be_one_planned_part(enrolled: Run) -> None:
    both = enrolled("status", "--phase", "p1", "--module", "m1", code=1)
    assert "give one of them" in both.stderr  # type: ignore[attr-defined]
    unknown = enrolled("next", "--module", "m99", "--from", "2026-01-10", code=1)
    assert "'m99' names no one module of advanced-ai." in unknown.stderr  # type: ignore[attr-defined]
    assert "m8  3D Vision & Neural Rendering" in unknown.stderr  # type: ignore[attr-defined]
    unplanned = enrolled("status", "--module", "m8", "--week", "2026-01-10", code=1)
    assert "m8 is not in your plan" in unplanned.stderr  # type: ignore[attr-defined]


def test_status_and_next_draw_the_part(enrolled: Run) -> None:
    out = enrolled("status", "--module", "m2", "--week", "2026-01-10").stdout  # type: ignore[attr-defined]
    assert "Shown:  module m2 Diffusion Models & Modern Generative AI only" in out
    assert "Done:   0 of 10 items of m2, 0%" in out
    # The table holds m2 alone (the Module: line still says where the plan is now).
    assert [line.split()[0] for line in out.splitlines() if "░" in line] == ["m2"]
    nxt = enrolled("next", "--phase", "p1", "-n", "1", "--from", "2026-01-10").stdout  # type: ignore[attr-defined]
    assert "Next in p1 Modern Architectures" in nxt


def test_show_names_a_part_by_option(enrolled: Run) -> None:
    out = enrolled("show", "--module", "diffusion").stdout  # type: ignore[attr-defined]
    assert out.splitlines()[:2] == ["Diffusion Models & Modern Generative AI", "m2 · module of p1"]
    enrolled("show", "m1", "--phase", "p1", code=1)


def test_next_all_shows_every_enrollment_the_active_first(enrolled: Run) -> None:
    enrolled("start", "ai-study-plan", "--on", "2026-01-06")
    data = json.loads(
        enrolled("next", "--all", "--from", "2026-01-10", "-n", "1", "--json").stdout  # type: ignore[attr-defined]
    )
    assert data["active"] == "ai-study-plan"
    assert [plan["curriculum"] for plan in data["plans"]] == ["ai-study-plan", "advanced-ai"]
    assert data["plans"][1]["tasks"][0]["id"] == "m1/attention-from-scratch"
    out = enrolled("next", "--all", "--from", "2026-01-10", "-n", "1").stdout  # type: ignore[attr-defined]
    assert "advanced-ai  Advanced AI Engineering Program" in out
    assert "ai-study-plan  Advanced AI Engineer Study Plan (active)" in out
    refused = enrolled("next", "--all", "--plan", "advanced-ai", code=1)
    assert "--all shows every enrollment" in refused.stderr  # type: ignore[attr-defined]
