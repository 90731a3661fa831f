"""``roadmap timer start|stop|status|cancel``: one running timer per enrollment, kept in the
data directory across processes, whose stop logs the time it ran (decision 54). The clock
moves with time-machine; the file system and the command line are the point here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from tests.conftest import Run

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0, month: int = 1) -> time_machine.travel:
    """Travel to 2026-MONTH-DAY HOUR:MINUTE in Berlin (the local time of the command)."""
    return time_machine.travel(
        dt.datetime(2026, month, day, hour, minute, tzinfo=BERLIN), tick=False
    )


def as_json(result: Any) -> Any:
    return json.loads(result.stdout)


def logs(progress_file: Path) -> list[str]:
    return [
        line
        for line in progress_file.read_text(encoding="utf-8").splitlines()
        if "action: log" in line
    ]


def test_stop_logs_the_time_the_timer_ran_on_its_task(enrolled: Run, progress_file: Path) -> None:
    with at(9, 14):
        started = as_json(enrolled("timer", "start", "minimal-vit", "--note", "patching", "--json"))
    assert started["running"] is True
    assert started["started"] == "2026-01-09T14:00:00+01:00"
    assert started["task"] == "m1/minimal-vit"
    with at(9, 15, 30):
        stopped = as_json(enrolled("timer", "stop", "--json"))
    assert stopped["logged"]["hours"] == 1.5
    assert stopped["logged"]["on"] == "2026-01-09"
    assert stopped["logged"]["task"] == "m1/minimal-vit"
    assert stopped["logged"]["note"] == "patching"
    assert stopped["running"] is False
    status = as_json(enrolled("status", "--week", "2026-01-09", "--json"))
    assert status["hours_this_week"] == 1.5
    with at(9, 16):
        assert as_json(enrolled("timer", "status", "--json"))["running"] is False


def test_the_timer_survives_the_process_and_shows_its_time(
    enrolled: Run, roadmap_home: Path
) -> None:
    with at(9, 14):
        enrolled("timer", "start")
    assert (roadmap_home / "timers.json").exists()  # kept on disk, not in the process
    with at(9, 14, 45):
        text = enrolled("timer", "status").stdout
    assert "Timer running for advanced-ai since 2026-01-09 14:00: 45 min." in " ".join(text.split())


def test_a_second_start_is_refused_naming_the_running_one(
    enrolled: Run, roadmap_home: Path
) -> None:
    with at(9, 14):
        enrolled("timer", "start", "minimal-vit")
    before = (roadmap_home / "timers.json").read_bytes()
    with at(9, 15):
        result = enrolled("timer", "start", "attention", code=1)
    message = " ".join(result.stderr.split())
    assert (
        "A timer for advanced-ai is already running, started 2026-01-09 14:00 on m1/minimal-vit."
        in message
    )
    assert "Traceback" not in result.stderr
    assert (roadmap_home / "timers.json").read_bytes() == before


def test_one_timer_per_enrollment(run: Run) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    run("start", "ai-study-plan", "--on", "2026-01-05")
    with at(9, 14):
        run("timer", "start", "--plan", "advanced-ai")
        run("timer", "start", "--plan", "ai-study-plan")
    with at(9, 15):
        stopped = as_json(run("timer", "stop", "--plan", "ai-study-plan", "--json"))
        assert stopped["logged"]["curriculum"] == "ai-study-plan"
        assert as_json(run("timer", "status", "--plan", "advanced-ai", "--json"))["running"]


def test_cancel_drops_the_timer_and_logs_nothing(enrolled: Run, progress_file: Path) -> None:
    with at(9, 14):
        enrolled("timer", "start")
    with at(9, 15):
        dropped = as_json(enrolled("timer", "cancel", "--json"))
        assert dropped["elapsed_hours"] == 1.0
        assert logs(progress_file) == []
        assert as_json(enrolled("timer", "status", "--json"))["running"] is False
        result = enrolled("timer", "stop", code=1)
    assert "No timer is running for advanced-ai." in result.stderr


def test_under_a_minute_is_refused_and_the_timer_keeps_running(
    enrolled: Run, progress_file: Path
) -> None:
    with at(9, 14):
        enrolled("timer", "start")
    with at(9, 14, 0):
        result = enrolled("timer", "stop", code=1)
    assert "less than the minute roadmap logs; it keeps running." in " ".join(result.stderr.split())
    assert logs(progress_file) == []
    with at(9, 14, 2):
        assert as_json(enrolled("timer", "stop", "--json"))["logged"]["hours"] == round(2 / 60, 4)


def test_more_than_a_day_is_refused_with_what_to_do(enrolled: Run, progress_file: Path) -> None:
    with at(9, 14):
        enrolled("timer", "start")
    with at(10, 14, 1):
        result = enrolled("timer", "stop", code=1)
        message = " ".join(result.stderr.split())
        assert "more than the 24 hours one log holds" in message
        assert "roadmap log 1h30 --on 2026-01-09" in message and "roadmap timer cancel" in message
        assert logs(progress_file) == []
        assert as_json(enrolled("timer", "status", "--json"))["running"] is True


def test_a_timer_past_midnight_logs_all_of_it_on_the_day_it_started(enrolled: Run) -> None:
    with at(9, 23, 30):
        enrolled("timer", "start")
    with at(10, 1, 0):
        stopped = as_json(enrolled("timer", "stop", "--json"))
    assert stopped["logged"]["on"] == "2026-01-09"
    assert stopped["logged"]["hours"] == 1.5


def test_at_sets_the_start_and_the_stop(enrolled: Run) -> None:
    with at(9, 15):
        enrolled("timer", "start", "--at", "13:40")
        stopped = as_json(enrolled("timer", "stop", "--at", "14:25", "--json"))
    assert stopped["logged"]["hours"] == 0.75
    with at(9, 15):
        result = enrolled("timer", "start", "--at", "16:00", code=1)
    assert "is in the future" in result.stderr
    with at(9, 15):
        result = enrolled("timer", "start", "--at", "half past two", code=1)
    assert "'half past two' given to --at is not a time roadmap reads." in result.stderr


def test_start_refuses_an_unknown_task_and_keeps_no_timer(
    enrolled: Run, roadmap_home: Path
) -> None:
    with at(9, 14):
        enrolled("timer", "start", "no-such-task-anywhere", code=1)
    assert not (roadmap_home / "timers.json").exists()


def test_a_timer_is_machine_local_for_sync() -> None:
    from roadmap_tracker.progress.sync_files import GITIGNORE_LINES

    assert "timers.json" in GITIGNORE_LINES


def test_a_damaged_timers_file_is_one_sentence(enrolled: Run, roadmap_home: Path) -> None:
    (roadmap_home / "timers.json").write_text("{not json", encoding="utf-8")
    result = enrolled("timer", "status", code=1)
    assert "cannot be read" in result.stderr and "Traceback" not in result.stderr


def test_wrong_actions_and_arguments_are_one_sentence(enrolled: Run) -> None:
    assert "'pause' is not a timer action." in enrolled("timer", "pause", code=1).stderr
    assert "takes no task" in enrolled("timer", "stop", "minimal-vit", code=1).stderr


def test_the_timers_file_keeps_the_task_id_and_the_title_comes_from_the_curriculum(
    enrolled: Run, roadmap_home: Path
) -> None:
    with at(9, 14):
        started = json.loads(enrolled("timer", "start", "minimal-vit", "--json").stdout)
    assert started["task_title"] == "Build minimal ViT implementation"
    file = json.loads((roadmap_home / "timers.json").read_text(encoding="utf-8"))
    (kept,) = file["timers"].values()
    assert kept["task"] == "m1/minimal-vit"
    # nothing the curriculum says is copied: a renamed title shows as the curriculum has it
    assert "Build minimal ViT implementation" not in json.dumps(kept)
    with at(9, 15):
        status = json.loads(enrolled("timer", "status", "--json").stdout)
    assert status["task_title"] == "Build minimal ViT implementation"
