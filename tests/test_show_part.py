"""``roadmap show MODULE`` and ``roadmap show PHASE`` (issue 23, item 7): the part of your
plan with its window, progress counts and items with their states. The counts in memory
(tests/learner.py); the drawing and ``--json`` through the CLI.
"""

from __future__ import annotations

import json

from roadmap_tracker.commands import evidence
from tests.conftest import Run
from tests.learner import Learner


def enrolled() -> Learner:
    """advanced-ai from Monday 2026-01-05 at its 10 h: m1 (8 weeks, 10 items) runs
    2026-01-05 to 2026-03-01, m2 (8 weeks, 10 items) 2026-03-02 to 2026-04-26, both in p1.
    """
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05")
    learner.check("minimal-vit", on="2026-01-07")
    learner.mark("skip", "vit-vs-cnn", on="2026-01-08")
    learner.mark("doing", "fine-tune-vit", on="2026-01-09")
    return learner


def test_a_module_shows_its_window_its_count_and_its_items_states() -> None:
    shown = evidence.show_target(enrolled().session("2026-01-10"), "m1")
    assert isinstance(shown, evidence.PartDetail)
    assert (shown.kind, shown.phase, shown.planned) == ("module", "p1", True)
    assert (str(shown.start), str(shown.end)) == ("2026-01-05", "2026-03-01")
    # 10 items, 1 skipped leaves 9 counted, 1 of them done.
    assert (shown.done, shown.total, len(shown.items)) == (1, 9, 10)
    states = {item.id: (item.state, str(item.state_on)) for item in shown.items}
    assert states["m1/minimal-vit"] == ("done", "2026-01-07")
    assert states["m1/vit-vs-cnn"] == ("skipped", "2026-01-08")
    assert states["m1/fine-tune-vit"] == ("doing", "2026-01-09")
    assert states["m1/attention-from-scratch"] == ("open", "None")
    assert shown.modules == []


def test_a_phase_shows_its_modules_and_its_own_items() -> None:
    shown = evidence.show_target(enrolled().session("2026-01-10"), "p1")
    assert isinstance(shown, evidence.PartDetail)
    assert (shown.kind, shown.phase) == ("phase", None)
    assert [(m.id, m.done, m.total) for m in shown.modules] == [("m1", 1, 9), ("m2", 0, 10)]
    # p1 has no items of its own: 1 done of 9 + 10, as 'status' counts the phase.
    assert (shown.done, shown.total, shown.items) == (1, 19, [])


def test_show_draws_a_module_and_prints_its_json(run: Run) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("check", "minimal-vit", "--on", "2026-01-07")
    out = run("show", "m1").stdout  # type: ignore[attr-defined]
    lines = out.splitlines()
    assert lines[:4] == [
        "Vision Transformers & Modern Architectures",
        "m1 · module of p1",
        "Planned 2026-01-05 to 2026-03-01",
        "Done    1 of 10 items",
    ]
    assert "  ✓ Build minimal ViT implementation" in lines
    assert "    m1/minimal-vit · done 2026-01-07" in lines
    phase = run("show", "p1").stdout  # type: ignore[attr-defined]
    assert "  1/10 Vision Transformers & Modern Architectures" in phase.splitlines()
    document = json.loads(run("show", "m2", "--json").stdout)  # type: ignore[attr-defined]
    assert (document["kind"], document["id"], document["done"], document["total"]) == (
        "module",
        "m2",
        0,
        10,
    )
    refused = run("show", "routine/papers", code=1)
    assert refused.stderr.startswith(  # type: ignore[attr-defined]
        "Error: routine/papers is a recurring activity; 'roadmap show' takes"
    )
