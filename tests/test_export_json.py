"""``roadmap export --format json``: one document with the enrollment, its curriculum, its plan
and where the learner stands (issue 8, item 1), through the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roadmap_tracker.curriculum import catalog
from tests.conftest import Run

BUNDLED = sorted(path.stem for path in catalog.bundled_dir().glob("*.yaml"))
EXPORT_DAY = "2026-02-01"


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def make_progress(run: Run, slug: str) -> dict[str, tuple[str, str | None]]:
    """Enroll in ``slug`` on Monday 2026-01-05 and change the state of its first four items:
    check, skip, mark doing (all before EXPORT_DAY), and check one the day after EXPORT_DAY.
    Returns the state each of those items must have in an export as of EXPORT_DAY.
    """
    run("start", slug, "--on", "2026-01-05")
    first, second, third, fourth = catalog.load_slug(slug).item_table.ids[:4]
    run("check", first, "--on", "2026-01-07", "--no-link")
    run("skip", second, "--on", "2026-01-08", "--reason", "done at work")
    run("doing", third, "--on", "2026-01-09")
    run("check", fourth, "--on", "2026-02-02", "--no-link")  # after the export's day
    return {
        first: ("done", "2026-01-07"),
        second: ("skipped", "2026-01-08"),
        third: ("doing", "2026-01-09"),
        fourth: ("open", None),
    }


def tree_ids(curriculum: dict[str, Any]) -> list[str]:
    """The item ids of the export's curriculum tree: modules', phases' own, milestones'."""
    ids = []
    for phase in curriculum["phases"]:
        for module in phase["modules"]:
            ids += [item["id"] for item in module["items"]]
        ids += [item["id"] for item in phase["items"]]
    for milestone in curriculum["milestones"]:
        ids += [item["id"] for item in milestone["items"]]
    return ids


@pytest.mark.parametrize("slug", BUNDLED)
def test_the_export_of_each_bundled_curriculum_agrees_with_status_and_plan(
    run: Run, slug: str
) -> None:
    changed = make_progress(run, slug)
    document = as_json(run("export", "--format", "json", "--on", EXPORT_DAY))

    assert isinstance(document["schema_version"], int) and document["schema_version"] >= 1
    assert document["exported_on"] == EXPORT_DAY
    enrollment = document["enrollment"]
    assert (enrollment["curriculum"], enrollment["start"]) == (slug, "2026-01-05")

    # Every item of the curriculum, once, in its order, with its state as of the day.
    expected_ids = catalog.load_slug(slug).item_table.ids
    exported = enrollment["items"]
    assert [item["id"] for item in exported] == expected_ids
    assert sorted(tree_ids(document["curriculum"])) == sorted(expected_ids)
    states = {item["id"]: (item["state"], item["on"]) for item in exported}
    for item_id, state in states.items():
        assert state == changed.get(item_id, ("open", None)), item_id

    # done and total are status's for that day, and follow from the items' states.
    status = as_json(run("status", "--week", EXPORT_DAY, "--json"))
    summary = document["summary"]
    for key in ("done", "total", "percent", "planned_percent", "days_ahead", "items_per_week"):
        assert summary[key] == status[key], key
    assert summary["projected_finish"] == status["projected_finish"]
    planned = [item for item in exported if item["planned"]]
    assert summary["done"] == sum(1 for item in planned if item["state"] == "done") == 1
    assert summary["total"] == sum(1 for item in planned if item["state"] != "skipped")

    # The plan is what 'roadmap plan --json' shows on that day.
    assert document["plan"] == as_json(run("plan", "--json", "--on", EXPORT_DAY))


def test_recurring_activities_carry_their_cadence_and_rrule(run: Run) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    document = as_json(run("export", "--format", "json", "--on", EXPORT_DAY))
    rules = {
        "daily": "FREQ=DAILY;INTERVAL=1",
        "weekly": "FREQ=WEEKLY;INTERVAL=1",
        "monthly": "FREQ=MONTHLY;INTERVAL=1",
        "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    }
    recurring = document["curriculum"]["recurring"]
    declared = catalog.load_slug("complete-ai-engineer").recurring
    assert [activity["id"] for activity in recurring] == [a.id for a in declared]
    assert {activity["cadence"] for activity in recurring} == set(rules)
    for activity in recurring:
        assert activity["rrule"] == rules[activity["cadence"]], activity["id"]
    milestones = document["curriculum"]["milestones"]
    dated = document["plan"]["milestones"]
    assert [m["ref"] for m in dated] == [m["id"] for m in milestones]
    assert dated[0]["date"] == "2026-01-12"  # one week after the start


def test_choices_and_optional_modules_are_in_the_enrollment(run: Run) -> None:
    run("start", "complete-ai-engineer", "--on", "2026-01-05")
    curriculum = catalog.load_slug("complete-ai-engineer")
    group = curriculum.choices[0]
    optional = [m.id for m in curriculum.modules if m.optional]
    run("choose", group.id, group.options[-1], "--on", "2026-01-06")
    if optional:
        run("include", optional[0], "--on", "2026-01-06")
    enrollment = as_json(run("export", "--format", "json", "--on", EXPORT_DAY))["enrollment"]
    assert enrollment["choices"] == {group.id: [group.options[-1]]}
    assert enrollment["included"] == optional[:1]
    assert enrollment["excluded"] == optional[1:]
    planned = {item["id"] for item in enrollment["items"] if item["planned"]}
    for option in group.options[:-1]:  # the options not chosen leave the plan
        assert planned.isdisjoint(curriculum.item_ids_of(option)), option


def test_the_export_is_laid_out_as_every_json_roadmap_writes(run: Run) -> None:
    # The items' states and the curriculum part are written apart from the JSON writer (the
    # curriculum part kept in the cache): the document must read as the writer lays it out.
    from roadmap_tracker.base.json_text import dumps

    make_progress(run, "complete-ai-engineer")
    group = catalog.load_slug("complete-ai-engineer").choices[0]
    run("choose", group.id, group.options[-1], "--on", "2026-01-06")
    for _ in range(2):  # the second export reads the curriculum part from the cache
        text = run("export", "--format", "json", "--on", EXPORT_DAY).stdout
        assert text == dumps(json.loads(text)) + "\n"


def test_plan_selects_the_enrollment_and_o_writes_the_file(run: Run, tmp_path: Path) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("start", "professional-ai-engineer", "--on", "2026-02-02")  # now the active one
    target = tmp_path / "out" / "advanced-ai.json"
    result = run("export", "-f", "json", "--plan", "advanced-ai", "-o", str(target))
    assert result.stdout == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["enrollment"]["curriculum"] == "advanced-ai"
    assert document["curriculum"]["title"] == catalog.load_slug("advanced-ai").title
    active = as_json(run("export", "--format", "json"))
    assert active["enrollment"]["curriculum"] == "professional-ai-engineer"
    assert active["exported_on"] == "2026-11-21"  # today, by the tests' clock


def test_the_same_day_exports_the_same_bytes(enrolled: Run) -> None:
    enrolled("check", "m1/attention-from-scratch", "--on", "2026-01-07")
    first = enrolled("export", "--format", "json", "--on", EXPORT_DAY).stdout
    assert enrolled("export", "--format", "json", "--on", EXPORT_DAY).stdout == first
    keys = list(json.loads(first))
    assert keys == ["schema_version", "exported_on", "enrollment", "curriculum", "plan", "summary"]


def test_hours_are_decimal_and_counted_to_the_day(enrolled: Run) -> None:
    enrolled("log", "1.5", "--on", "2026-01-07")
    enrolled("log", "0.25", "--on", "2026-01-31")
    enrolled("log", "3", "--on", "2026-02-02")  # after the export's day
    summary = as_json(enrolled("export", "--format", "json", "--on", EXPORT_DAY))["summary"]
    assert summary["hours_logged"] == 1.75


def test_without_an_enrollment_there_is_nothing_to_export(run: Run) -> None:
    result = run("export", "--format", "json", code=1)
    assert result.stdout == ""
    assert "not enrolled" in result.stderr


def test_a_new_export_file_is_not_private_and_an_old_one_keeps_its_mode(
    enrolled: Run, tmp_path: Path
) -> None:
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    new = tmp_path / "plan.json"
    enrolled("export", "--format", "json", "-o", str(new))
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask  # as 'roadmap export > plan.json'
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    enrolled("export", "--format", "json", "-o", str(kept))
    assert kept.stat().st_mode & 0o777 == 0o640
    assert json.loads(kept.read_text(encoding="utf-8"))["schema_version"]
