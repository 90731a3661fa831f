"""An honest finish date (issue 24, decision 42, docs/forecast.md): bands from the learner's own
weeks, the plan as a prior while the record is thin, what-ifs, and edges. Rules run in memory.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from roadmap_tracker.commands import forecasting
from roadmap_tracker.plan import forecast as method
from tests.learner import Learner


def forecast(learner: Learner, on: str, **options: Any) -> Any:
    """``roadmap forecast --on ON [--hours H] [--by DAY] --json``."""
    return forecasting.forecast_view(learner.session(on), **options).to_json()


def studying(weeks: int) -> Learner:
    """advanced-ai from Monday 2026-01-05 at 10 h (Module 1: 10 items over 8 weeks, so 8
    planned hours an item), one item checked each Tuesday and each Thursday of the first
    ``weeks`` weeks, in curriculum order.
    """
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05", hours=10)
    for week in range(weeks):
        for weekday in (1, 3):
            on = dt.date(2026, 1, 5) + dt.timedelta(days=7 * week + weekday)
            first = learner.next(on.isoformat(), 1)["tasks"][0]["id"]
            learner.check(first, on=on.isoformat())
    return learner


# --- The calibration (item 6) --------------------------------------------------------------


def test_the_bands_hold_the_true_finish_as_often_as_they_say() -> None:
    # 1,000 learners, each with a known law of weekly throughput (planned hours a week): a
    # zero week with probability 0 to 0.3, else a gamma draw (shape 2) of mean 4 to 20. Each
    # has 16 to 52 weeks of record drawn from it and 2 to 60 weeks of work left; their true
    # finish is drawn from the same law. The forecast (its prior at the true mean) must hold
    # the true finish by its 50% date for 45-55% of them and by its 80% date for 75-85%.
    rng = random.Random(24)
    held = {0.5: 0, 0.8: 0}
    learners = 1000
    for _ in range(learners):
        mean, zero = rng.uniform(4, 20), rng.uniform(0, 0.3)

        def week() -> float:
            return 0.0 if rng.random() < zero else rng.gammavariate(2.0, mean / 2.0)  # noqa: B023

        record = [week() for _ in range(rng.randint(16, 52))]
        remaining = mean * (1 - zero) * rng.uniform(2, 60)
        used, weeks = 0.0, 0
        while True:
            drawn = week()
            if used + drawn >= remaining:
                true = weeks + (remaining - used) / drawn
                break
            used, weeks = used + drawn, weeks + 1
        runs = method.simulate(remaining, record, mean * (1 - zero))
        for band in held:
            held[band] += true <= runs[math.ceil(band * len(runs)) - 1]
    assert 0.45 <= held[0.5] / learners <= 0.55, held
    assert 0.75 <= held[0.8] / learners <= 0.85, held


# --- One record, one answer ----------------------------------------------------------------


def test_the_same_record_gives_the_same_forecast() -> None:
    learner = studying(6)
    first = forecast(learner, "2026-02-15")
    assert forecast(learner, "2026-02-15") == first
    assert learner.status("2026-02-15")["forecast"] == first
    assert first["p50"] <= first["p80"] <= first["p95"]


def test_the_forecast_rests_on_whole_weeks_of_record() -> None:
    learner = studying(6)
    # From Monday 2026-01-05 to Sunday 2026-02-15: six whole ISO weeks, 2 items of 8 planned
    # hours each (Module 1: 8 weeks x 10 h / 10 items) a week: 16 h a week of record.
    found = forecast(learner, "2026-02-15")
    assert found["weeks_of_record"] == 6
    assert found["prior_weight"] == round(2 / (6 + 2), 3)  # k / (n + k), k = 2
    # Planned hours left: 580 in all (58 weeks x 10 h) less the 12 items done x 8 = 484.
    assert found["remaining_hours"] == 484.0
    # On a Saturday the week is not whole yet: five weeks.
    assert forecast(learner, "2026-02-14")["weeks_of_record"] == 5


# --- The prior (item 2) and the edges (item 7) ----------------------------------------------


def test_with_nothing_done_the_forecast_is_the_plan_with_its_overrun() -> None:
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05", hours=10)
    found = forecast(learner, "2026-01-05")
    assert (found["weeks_of_record"], found["prior_weight"]) == (0, 1.0)
    # 580 planned hours at 10 h a week: 58 weeks, times the prior's median overrun 1.1:
    # 63.8 weeks = 446.6 days after 2026-01-05: about 2027-03-27, give or take the draws.
    p50 = dt.date.fromisoformat(found["p50"])
    assert abs((p50 - dt.date(2027, 3, 27)).days) <= 10
    assert dt.date(2026, 1, 5) < p50 < dt.date(2029, 1, 1)  # never past, never centuries away


def test_weeks_with_nothing_done_fall_back_to_the_plan() -> None:
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05", hours=10)
    found = forecast(learner, "2026-03-01")  # eight whole weeks, nothing done
    assert found["weeks_of_record"] == 8 and found["prior_weight"] == 1.0
    assert found["p95"] is not None and found["p95"] < "2030-01-01"


def test_a_finished_curriculum_says_so_and_gives_no_dates() -> None:
    learner = Learner()
    learner.start("advanced-ai", on="2026-01-05", hours=10)
    for phase in ("p1", "p2", "p3", "p4"):  # every planned item (m8 is optional, left out)
        learner.mark("check", phase, on="2026-06-01")
    found = forecast(learner, "2026-06-01")
    assert (found["reason"], found["remaining_hours"]) == (method.FINISHED, 0)
    assert (found["p50"], found["p80"], found["p95"]) == (None, None, None)


def test_a_curriculum_without_durations_has_no_forecast() -> None:
    learner = Learner()
    learner.start("advanced-roadmap", on="2026-01-05")  # no durations at all
    found = forecast(learner, "2026-02-01")
    assert found["reason"] == method.NOTHING_DATED and found["p50"] is None


def test_ongoing_modules_are_left_out_and_named() -> None:
    learner = Learner()
    learner.start("professional-ai-engineer", on="2026-01-05")
    found = forecast(learner, "2026-01-05")
    assert found["left_out"] == ["m8", "m12"]  # the two ongoing modules
    assert found["p50"] is not None


# --- What-ifs (item 3) ---------------------------------------------------------------------


def test_more_hours_bring_the_dates_closer() -> None:
    learner = studying(6)
    usual = forecast(learner, "2026-02-15")
    doubled = forecast(learner, "2026-02-15", hours=20)
    assert doubled["hours_per_week"] == 20
    for band in ("p50", "p80", "p95"):
        assert doubled[band] < usual[band]


def test_the_hours_needed_to_finish_by_a_day() -> None:
    learner = studying(6)
    found = forecast(learner, "2026-02-15", by=dt.date(2026, 12, 31))
    needed = found["hours_needed"]
    assert needed is not None
    # At those hours the 80% date is on or before the day asked; a tenth of an hour less
    # than 90% of them is not enough.
    assert forecast(learner, "2026-02-15", hours=needed)["p80"] <= "2026-12-31"
    assert forecast(learner, "2026-02-15", hours=round(needed * 0.9, 1))["p80"] > "2026-12-31"


# --- Pauses (item 5) ----------------------------------------------------------------------


def test_a_pause_ahead_moves_every_band_by_its_days() -> None:
    learner = studying(6)
    before = forecast(learner, "2026-02-16")
    # Two weeks off, Monday 2026-02-16 to Sunday 03-01. Forecast from the end of 02-16, 13
    # paused days lie ahead (02-17 to 03-01): every band lies after them, so each moves 13
    # days later; the six whole weeks of record (to Sunday 02-15) do not change.
    learner.pause(on="2026-02-16", until="2026-03-01")
    after = forecast(learner, "2026-02-16")
    assert after["weeks_of_record"] == before["weeks_of_record"] == 6
    for band in ("p50", "p80", "p95"):
        moved = dt.date.fromisoformat(after[band]) - dt.date.fromisoformat(before[band])
        assert moved.days == 13, band


def test_a_paused_week_is_left_out_of_the_record() -> None:
    learner = studying(6)
    learner.pause(on="2026-02-16", until="2026-02-22")  # the whole seventh week
    # As of Sunday 2026-02-22: seven whole weeks, the paused one left out: six of record.
    assert forecast(learner, "2026-02-22")["weeks_of_record"] == 6


# --- In status, after a change -------------------------------------------------------------


def test_status_forecasts_from_the_record_as_it_is_now(run: Any) -> None:
    import json

    run("start", "advanced-ai", "--on", "2026-01-05")
    first = json.loads(run("status", "--json").stdout)["forecast"]
    run("check", "m1/attention-from-scratch", "--on", "2026-01-07")
    after = json.loads(run("status", "--json").stdout)["forecast"]
    # One item of Module 1 done: 8 planned hours fewer (80 hours over its 10 items).
    assert after["remaining_hours"] == first["remaining_hours"] - 8
