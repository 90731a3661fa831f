"""The plan for curriculum shapes beyond fixed module weeks: choices, shared phase durations,
phases after phases, ongoing parts, phase and milestone items."""

from __future__ import annotations

import datetime as dt

from ruamel.yaml import YAML

from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import schedule, upcoming

MONDAY = dt.date(2026, 1, 5)

SHAPES = """
slug: shapes
title: Shapes
phases:
  - id: sprint
    title: Sprint
    duration: 6 weeks
    modules:
      - id: a
        title: A
        tasks: [{id: a/1, title: One}]
      - id: b
        title: B
        tasks: [{id: b/1, title: Two}]
    checkpoint:
      id: sprint/ready
      title: Ready
      items: [{id: sprint/ready/explain, title: Explain it}]
  - id: pick
    title: Pick
    modules:
      - id: torch
        title: PyTorch
        duration: 4 weeks
        tasks: [{id: torch/1, title: Tensors}]
      - id: tf
        title: TensorFlow
        duration: 4 weeks
        tasks: [{id: tf/1, title: Keras}]
  - id: forever
    title: Forever
    modules:
      - id: career
        title: Career
        duration: ongoing
        tasks: [{id: career/1, title: Network}]
  - id: later
    title: Later
    after: pick
    weeks: 3-4
    modules:
      - id: extra
        title: Extra
        duration: 2 weeks
        tasks: [{id: extra/1, title: More}]
choices:
  - id: framework
    title: PyTorch or TensorFlow
    options: [torch, tf]
    recommended: tf
milestones:
  - id: half-year
    title: Six months in
    offset: 6 months
    items: [{id: half-year/projects, title: Five projects}]
"""


def shapes() -> Curriculum:
    return Curriculum.model_validate(YAML(typ="safe").load(SHAPES))


def window(plan: schedule.Plan, module_id: str) -> tuple[dt.date | None, dt.date | None]:
    found = plan.module_window(module_id)
    assert found is not None, module_id
    return found.start, found.end


def test_modules_without_duration_share_their_phase() -> None:
    plan = schedule.make_plan(shapes(), MONDAY, None, [])
    assert window(plan, "a") == (MONDAY, dt.date(2026, 1, 25))  # 3 of the 6 weeks
    assert window(plan, "b") == (dt.date(2026, 1, 26), dt.date(2026, 2, 15))


def test_only_the_chosen_option_is_planned_and_counted() -> None:
    curriculum = shapes()
    undecided = schedule.make_plan(curriculum, MONDAY, None, [])
    # Until a choice, the recommended option (tf) alone is planned, as `roadmap list` counts.
    assert "tf" in undecided.module_ids and "torch" not in undecided.module_ids
    assert [
        (u.id, u.reason, u.group) for u in schedule.unplanned_modules(curriculum, undecided)
    ] == [("torch", "option", "framework")]
    chosen = schedule.make_plan(curriculum, MONDAY, None, [], {"framework": ["torch"]})
    assert "torch" in chosen.module_ids and "tf" not in chosen.module_ids
    counted = set(schedule.planned_item_ids(curriculum, chosen))
    assert "torch/1" in counted and "tf/1" not in counted
    # A group without a recommended option plans its first.
    first = Curriculum.model_validate(
        YAML(typ="safe").load(SHAPES.replace("    recommended: tf\n", ""))
    )
    assert "torch" in schedule.make_plan(first, MONDAY, None, []).module_ids


def test_a_phase_after_another_counts_its_weeks_from_that_end() -> None:
    plan = schedule.make_plan(shapes(), MONDAY, None, [], {"framework": ["tf"]})
    _, pick_end = window(plan, "tf")
    assert pick_end == dt.date(2026, 3, 15)
    # weeks 3-4 after "pick": two weeks after the day that follows its end
    assert window(plan, "extra") == (dt.date(2026, 3, 30), dt.date(2026, 4, 12))
    # the ongoing phase between them starts but never ends, and the plan has no end
    assert window(plan, "career") == (dt.date(2026, 3, 16), None)
    assert plan.end is None


def test_phase_and_milestone_items_are_counted_and_offered() -> None:
    curriculum = shapes()
    plan = schedule.make_plan(curriculum, MONDAY, None, [])
    counted = schedule.planned_item_ids(curriculum, plan)
    assert counted.index("sprint/ready/explain") == counted.index("b/1") + 1
    assert counted[-1] == "half-year/projects"
    offered, _ = upcoming.next_items(curriculum, plan, {"a/1", "b/1"}, 2)
    # tf, the recommended option, is planned until a choice; torch is not offered.
    assert [item.id for item in offered] == ["sprint/ready/explain", "tf/1"]


def test_without_any_duration_nothing_is_dated() -> None:
    text = SHAPES.replace("    duration: 6 weeks\n", "").replace("duration: 4 weeks", "level: x")
    text = text.replace("        duration: ongoing\n", "").replace("duration: 2 weeks", "level: y")
    curriculum = Curriculum.model_validate(YAML(typ="safe").load(text))
    plan = schedule.make_plan(curriculum, MONDAY, None, [])
    assert all(w.start is None and w.end is None for w in plan.modules)
    assert plan.end is None and schedule.days_ahead(curriculum, plan, set(), MONDAY) is None
    assert schedule.plan_weeks(curriculum, []) == (None, False)
