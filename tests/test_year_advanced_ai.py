"""A simulated year of advanced-ai (issue 23, "Done when"): a learner enrolled from Monday
2025-11-17 to Sunday 2026-11-15 checks, skips, logs, writes the journal, reads papers,
includes the optional Module 8, replans twice and reviews each quarter; on five chosen days
the numbers of status, plan, the review and the portfolio are asserted exactly, each derived
by hand in the comments from the curriculum's facts and the events, and the views of each
day taken during the year are the same when taken again at its end (decision 36).

The curriculum's facts used below (curricula/advanced-ai.yaml):
- weekly_hours 10-12; the learner starts at 10 h (its low end: scale 1, stated durations),
  replans at 8 h (below the range: every duration times 10 / 8 = 1.25, decision 37).
- Seven core modules m1..m7 of 10 items each (4 tasks, 1 deliverable ``mN/portfolio``, 5
  criteria ``mN/criteria/...``): 70 items, 7 deliverables. The optional m8 (phase
  ``optional``) has 10 more items and 1 deliverable, out of the plan until included.
- Durations: 8 weeks (56 days) each, m6 10 weeks (70 days): 58 weeks in all.
- One recurring activity, routine/papers, weekly, 1-2 papers: 1 a week expected (low end).
- No choice group, no milestone, no ``journal:`` and no ``review:`` section: a review uses
  the default one (quarterly, five questions; ``commands.journal.review_plan``), so reviews
  are recorded, not refused.

Plan at 10 h from Monday 2025-11-17 (each window inclusive, start + days - 1):
  m1 2025-11-17..2026-01-11 (56)   m2 2026-01-12..03-08 (56)   m3 03-09..05-03 (56)
  m4 05-04..06-28 (56)   m5 06-29..08-23 (56)   m6 08-24..11-01 (70)   m7 11-02..12-27 (56)
  end 2026-12-27: week 58 (the ISO week of 12-21; (12-21 - 2025-11-17) = 399 days = 57 weeks).

Quarterly review periods from the start (start + k x 3 months, each to the day before the
next): P0 2025-11-17..2026-02-16, P1 02-17..05-16, P2 05-17..08-16, P3 08-17..11-16. A
review on D covers the latest period ended by D + 7 days, else the first so far.

Week numbers: the ISO week of D counted from the start's week (a Monday), i.e.
(Monday of D - 2025-11-17) / 7 + 1. Pace (decision 4, 36): days_ahead = credited days -
planned days, rounded half up (floor(x + 0.5)); percent and planned_percent to one
decimal over one denominator (planned items less skipped). Projection (decision 39): items
done in the last 28 days (D - 27 to D) per week (28 days = 4 weeks); the finish is D +
ceil(remaining / rate x 7) days.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import tracking
from tests.learner import Learner

SLUG = "advanced-ai"
START = "2025-11-17"  # a Monday

D1 = "2025-11-28"  # Friday of week 2: too early to project
D2 = "2026-03-09"  # the first replan (8 h)
D3 = "2026-03-22"  # two weeks after it
D4 = "2026-09-27"  # eight weeks after the second replan (2026-08-03, no new hours)
D5 = "2026-11-15"  # the last day of the simulated year


def iso(day: dt.date) -> str:
    return day.isoformat()


def plus(day: str, days: int) -> str:
    return iso(dt.date.fromisoformat(day) + dt.timedelta(days=days))


def study_weeks(learner: Learner, first_monday: str, last_monday: str) -> None:
    """The learner's ordinary weeks, Monday ``first_monday`` to the week of ``last_monday``:
    2.0 h logged on Tuesday, a paper read on Wednesday (one occurrence of routine/papers),
    3.0 h logged on Saturday: 5.0 h and one paper a week.
    """
    monday = first_monday
    while monday <= last_monday:
        learner.log(2.0, on=plus(monday, 1))
        learner.check("routine/papers", on=plus(monday, 2))
        learner.log(3.0, on=plus(monday, 5))
        monday = plus(monday, 7)


def skip(learner: Learner, item: str, on: str, reason: str) -> Any:
    """``roadmap skip ITEM --reason REASON --on ON --json``."""
    session = learner.session(on, change=True)
    return tracking.change_state(session, "skip", [item], note=reason, assume_yes=True).to_json()


def refusal(learner: Learner, change: Callable[[], Any]) -> str:
    """The one sentence a refused change gives; asserts that nothing was recorded."""
    before = len(learner.events)
    with pytest.raises(RoadmapError) as caught:
        change()
    assert len(learner.events) == before
    return str(caught.value)


def views(learner: Learner, day: str) -> dict[str, Any]:
    """What the learner reads on ``day``: status, plan, portfolio, and the numbers a review
    on that day starts from (nothing recorded).
    """
    return {
        "status": learner.status(day),
        "plan": learner.plan(day),
        "portfolio": learner.portfolio(day),
        "review": learner.review_numbers(day),
    }


@dataclass
class Year:
    learner: Learner
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)  # day: views taken that day
    refused: dict[str, str] = field(default_factory=dict)  # what: the sentence
    before_replan: dict[str, Any] = field(default_factory=dict)  # status of D2 before it
    replans: list[Any] = field(default_factory=list)
    reviews: list[Any] = field(default_factory=list)


@functools.cache
def the_year() -> Year:
    """Live the year in the order of its days; the views of each chosen day are taken right
    after that day's events, before any later one is recorded.
    """
    learner = Learner()
    year = Year(learner)
    refused = year.refused

    # --- Weeks 1-2: Module 1 begins -------------------------------------------------------
    learner.start(SLUG, on=START, hours=10)
    refused["before start"] = refusal(
        learner, lambda: learner.check("m1/attention-from-scratch", on="2025-11-14")
    )
    learner.log(2.0, on="2025-11-18")
    learner.check("routine/papers", on="2025-11-19")
    learner.log(3.0, on="2025-11-20", task="m1/attention-from-scratch")
    learner.check("m1/attention-from-scratch", on="2025-11-20")
    refused["choose"] = refusal(
        learner, lambda: learner.choose("framework", "pytorch", on="2025-11-20")
    )
    learner.journal("Week 1: attention from scratch works on toy sequences.", on="2025-11-23")
    learner.log(2.5, on="2025-11-24")
    refused["m8 before include"] = refusal(
        learner, lambda: learner.check("m8/camera-geometry", on="2025-11-25")
    )
    learner.log(2.0, on="2025-11-26", task="m1/minimal-vit")
    learner.check("routine/papers", on="2025-11-26")
    learner.check("m1/minimal-vit", on="2025-11-27")
    learner.log(1.5, on="2025-11-28")
    year.seen[D1] = views(learner, D1)

    # --- To the first replan: Module 1 done late, Module 2 falls behind --------------------
    study_weeks(learner, "2025-12-01", "2025-12-15")
    learner.log(1.5, on="2025-12-04", task="m1/fine-tune-vit")
    learner.check("m1/fine-tune-vit", on="2025-12-09")
    learner.check(
        "m1/criteria/explain-concepts", "m1/criteria/implement-from-scratch", on="2025-12-22"
    )
    learner.check("m1/vit-vs-cnn", on="2025-12-19")  # recorded after 12-22's, back-dated
    # Holidays: no study weeks 2025-12-22 and 2025-12-29.
    learner.journal("Holidays over; the portfolio project is next.", on="2026-01-04")
    study_weeks(learner, "2026-01-05", "2026-03-02")
    learner.log(2.0, on="2026-01-13", task="m1/portfolio")
    learner.check("m1/portfolio", on="2026-01-14")
    learner.note("m1/portfolio", "Repository: github.com/learner/vit-modernization", "2026-01-14")
    learner.check("m1/criteria/compare-to-papers", on="2026-01-16")
    skip(
        learner,
        "m1/criteria/apply-to-novel-problems",
        "2026-01-17",
        "The portfolio project already applies ViTs to a new segmentation task.",
    )
    learner.check("m1/criteria/portfolio-artifact", on="2026-01-20")
    learner.check("m2/ddpm-from-scratch", on="2026-02-03")
    year.reviews.append(
        learner.review("2026-02-16", {"worked": "From-scratch implementations first."})
    )
    refused["second review"] = refusal(learner, lambda: learner.review("2026-02-20"))
    learner.check("m2/conditional-diffusion", on="2026-02-20")
    learner.check("m2/sampling-experiments", on="2026-03-05")
    learner.journal("Five weeks behind on diffusion; fewer hours from now on.", on="2026-03-08")
    learner.log(1.5, on="2026-03-09", task="m2/quality-vs-gans")
    year.before_replan = learner.status(D2)
    year.replans.append(learner.replan(D2, hours=8))
    year.seen[D2] = views(learner, D2)

    # --- Two weeks on the new plan ---------------------------------------------------------
    study_weeks(learner, "2026-03-09", "2026-03-16")
    learner.check("m2/quality-vs-gans", on="2026-03-12")
    learner.log(2.0, on="2026-03-19", task="m2/portfolio")
    learner.check("m2/portfolio", on="2026-03-20")
    year.seen[D3] = views(learner, D3)

    # --- Spring and summer: Module 2 done, Module 3, Module 8 included, second replan ------
    study_weeks(learner, "2026-03-23", "2026-07-27")
    learner.check("m2/criteria/explain-concepts", on="2026-03-28")
    learner.check("m2/criteria/implement-from-scratch", on="2026-04-02")
    learner.check("m2/criteria/compare-to-papers", on="2026-04-10")
    learner.check("m2/criteria/apply-to-novel-problems", on="2026-04-18")
    learner.check("m2/criteria/portfolio-artifact", on="2026-04-24")
    learner.check("m3/profile-gpu-bottlenecks", on="2026-05-06")
    year.reviews.append(learner.review("2026-05-18", {"next-goals": "Finish Module 3 by July."}))
    learner.check("m3/fsdp", on="2026-05-22")
    learner.check("m3/cloud-cost-benefit", on="2026-06-05")
    skip(
        learner,
        "m3/scaling-experiments",
        "2026-06-06",
        "No budget for 64 GPUs; the 1-8 GPU runs are in the portfolio.",
    )
    learner.journal("Module 8 looks useful for work: including it.", on="2026-06-14")
    learner.include("m8", on="2026-06-15")
    learner.check("m8/camera-geometry", on="2026-06-20")  # refused on 2025-11-25, taken now
    learner.log(2.5, on="2026-06-24", task="m3/portfolio")
    learner.check("m3/portfolio", on="2026-06-26")
    learner.check("m3/criteria/explain-concepts", on="2026-07-02")
    learner.check("m3/criteria/implement-from-scratch", on="2026-07-10")
    learner.log(1.0, on="2026-07-15")
    learner.check("m3/criteria/compare-to-papers", on="2026-07-20")
    learner.check("m4/migrate-to-mlops-stack", on="2026-07-28")
    year.replans.append(learner.replan("2026-08-03"))
    study_weeks(learner, "2026-08-03", "2026-08-03")
    learner.check("m3/criteria/apply-to-novel-problems", on="2026-08-05")
    learner.check("m3/criteria/portfolio-artifact", on="2026-08-08")
    # Summer holidays: no study weeks 2026-08-10 and 2026-08-17.
    year.reviews.append(learner.review("2026-08-17", {"did-not-work": "Summer pace."}))
    study_weeks(learner, "2026-08-24", "2026-09-21")
    learner.check("m4/end-to-end-workflow", on="2026-08-25")
    learner.check("m4/tracking-and-tuning", on="2026-09-04")
    learner.check("m4/deploy-with-monitoring", on="2026-09-15")
    learner.check("m8/minimal-nerf", on="2026-09-19")
    learner.journal("A weekend NeRF; back to MLOps on Monday.", on="2026-09-20")
    learner.log(2.5, on="2026-09-23", task="m4/portfolio")
    learner.check("m4/portfolio", on="2026-09-24")
    year.seen[D4] = views(learner, D4)

    # --- Autumn: Module 4 done, Module 5 begins --------------------------------------------
    study_weeks(learner, "2026-09-28", "2026-11-09")
    learner.check("m4/criteria/explain-concepts", on="2026-10-02")
    learner.log(1.0, on="2026-10-07", task="routine/papers")
    learner.check("m4/criteria/implement-from-scratch", on="2026-10-09")
    learner.check("m4/criteria/compare-to-papers", on="2026-10-16")
    skip(
        learner,
        "m4/criteria/apply-to-novel-problems",
        "2026-10-23",
        "The production pipeline is the novel problem.",
    )
    learner.check("m4/criteria/portfolio-artifact", on="2026-10-30")
    learner.check("m5/lora-fine-tune", on="2026-11-06")
    learner.log(2.0, on="2026-11-13", task="m5/react-agent")
    learner.check("m5/react-agent", on="2026-11-13")
    year.reviews.append(learner.review(D5, {"skill-gaps": "RL next; privacy after."}))
    year.seen[D5] = views(learner, D5)
    return year


def module_row(plan: dict[str, Any], module: str) -> tuple[str, str]:
    (row,) = [row for row in plan["rows"] if row["id"] == module]
    return row["start"], row["end"]


def papers(status: dict[str, Any]) -> tuple[float, float | None]:
    (activity,) = [a for a in status["recurring"] if a["id"] == "routine/papers"]
    return activity["done"], activity["expected"]


def numbers(review: dict[str, Any]) -> dict[str, Any]:
    keep = ["period_start", "period_end", "items_done", "hours", "deliverables_done"]
    keep += ["done", "total", "percent", "planned_percent", "days_ahead"]
    return {"whole": review["whole"], **{key: review["numbers"][key] for key in keep}}


# --- The refusals --------------------------------------------------------------------------


def test_the_changes_the_year_refuses() -> None:
    refused = the_year().refused
    # Decision 39: nothing before the start.
    assert refused["before start"] == (
        "2025-11-14 is before your enrollment in advanced-ai starts, on 2025-11-17; "
        "nothing was written."
    )
    # advanced-ai has no choice group: the refusal says so (not an empty list of groups).
    assert refused["choose"] == "advanced-ai has no choice groups to choose from."
    # Decision 38: work on the optional m8 before it is included.
    assert refused["m8 before include"] == (
        "Cannot check m8/camera-geometry: m8 3D Vision & Neural Rendering is an optional "
        "module not in your plan."
    )
    # Decision 40: P0 was reviewed on 02-16; 02-20 + 7 = 02-27 still falls after P0 only.
    assert refused["second review"] == (
        "You already reviewed 2025-11-17 to 2026-02-16 on 2026-02-16; "
        "add --again to record another review of it."
    )


def test_the_reviews_cover_the_quarters() -> None:
    # No review section in advanced-ai: the default quarterly review is recorded, not
    # refused; a review on D covers the latest period ended by D + 7.
    periods = [(r["period_start"], r["period_end"], r["whole"]) for r in the_year().reviews]
    assert periods == [
        ("2025-11-17", "2026-02-16", True),  # 02-16: P0 ends that day
        ("2026-02-17", "2026-05-16", True),  # 05-18: P1 ended 05-16
        ("2026-05-17", "2026-08-16", True),  # 08-17: P2 ended 08-16
        ("2026-08-17", "2026-11-16", True),  # 11-15: P3 ends 11-16 <= 11-22
    ]


# --- Day 1: 2025-11-28, week 2 -------------------------------------------------------------


def test_day_one_in_the_second_week() -> None:
    seen = the_year().seen[D1]
    status, plan, portfolio = seen["status"], seen["plan"], seen["portfolio"]
    # Done: m1/attention-from-scratch (11-20), m1/minimal-vit (11-27): 2 of the 70 core
    # items (m8 not included): 2 / 70 = 2.857% -> 2.9.
    assert (status["done"], status["total"], status["percent"]) == (2, 70, 2.9)
    # Planned: m1's 10 items over 56 days; 11 days elapsed before 11-28 (11-17..11-27):
    # 10 x 11 / 56 = 1.964 items of 70 = 2.806% -> 2.8.
    assert status["planned_percent"] == 2.8
    # Credited 2 x 56 / 10 = 11.2 days, planned 11: 0.2 -> 0.
    assert status["days_ahead"] == 0
    # 11-28 is in the week of 11-24: (11-24 - 11-17) / 7 + 1 = 2; the plan ends in week 58.
    assert (status["week"], status["weeks_total"]) == (2, 58)
    # 12 days of record (11-17..11-28) < 14: no projection.
    assert status["projected_finish"] is None
    assert status["projected_finish_reason"] == "too early to project"
    # This week (11-24..11-28): 2.5 + 2.0 + 1.5 = 6.0 h; one paper (11-26) of 1 expected.
    assert status["hours_this_week"] == 6.0
    assert papers(status) == (1, 1)
    assert status["hours_per_week"] == 10
    assert status["overdue"] == []
    # At 10 h (inside 10-12) the stated durations: scale 1, end 2026-12-27, m1 56 days.
    assert (plan["scale"], plan["end"]) == (1.0, "2026-12-27")
    assert status["module"]["id"] == "m1"
    assert module_row(plan, "m1") == ("2025-11-17", "2026-01-11")
    # m8 is out of the plan: named with the command that plans it; its deliverable apart.
    assert [(m["id"], m["command"], m["done"], m["total"]) for m in plan["not_planned"]] == [
        ("m8", "roadmap include m8", 0, 10)
    ]
    assert [m["id"] for m in status["not_planned"]] == ["m8"]
    # Deliverables m1..m7/portfolio: none done; m8/portfolio not planned.
    assert (portfolio["done"], portfolio["total"]) == (0, 7)
    assert (portfolio["not_planned"], portfolio["not_planned_done"]) == (1, 0)
    # A review on 11-28 is in P0 more than a week before its end (02-16): the first period
    # so far, 11-17..11-28; 2 items, no deliverable; hours 2.0 + 3.0 (week 1) + 6.0 = 11.0;
    # the pace part is the status of 11-28.
    assert numbers(seen["review"]) == {
        "whole": False,
        "period_start": "2025-11-17",
        "period_end": "2025-11-28",
        "items_done": 2,
        "hours": 11.0,
        "deliverables_done": 0,
        "done": 2,
        "total": 70,
        "percent": 2.9,
        "planned_percent": 2.8,
        "days_ahead": 0,
    }


# --- Day 2: 2026-03-09, the first replan ----------------------------------------------------


FIRST_PERIOD = {  # the first quarter's review numbers: see day 2 for the arithmetic
    "whole": True,
    "period_start": "2025-11-17",
    "period_end": "2026-02-16",
    "items_done": 10,
    "hours": 59.5,
    "deliverables_done": 1,
    "done": 10,
    "total": 69,
    "percent": 14.5,
    "planned_percent": 22.1,
    "days_ahead": -29,
}


def test_day_two_behind_then_replanned_at_eight_hours() -> None:
    year = the_year()
    before = year.before_replan
    # Before the replan: m1 settled (9 done, apply-to-novel-problems skipped 01-17) is
    # credited 56 days; m2 (01-12..03-08) has 3 of 10 done (02-03, 02-20, 03-05): 3 x 5.6 =
    # 16.8; 72.8 credited. Planned by the start of 03-09: m1 56 + m2 56 = 112. -39.2 -> -39.
    assert before["days_ahead"] == -39
    # m2's end (03-08) has passed with its 7 other items open: one day late.
    assert [(o["ref"], o["days_late"], len(o["open_items"])) for o in before["overdue"]] == [
        ("m2", 1, 7)
    ]

    seen = year.seen[D2]
    status, plan, portfolio = seen["status"], seen["plan"], seen["portfolio"]
    # Done: m1 9 + m2 3 = 12; total 70 - 1 skipped = 69: 12 / 69 = 17.39% -> 17.4.
    assert (status["done"], status["total"], status["percent"]) == (12, 69, 17.4)
    # On the plan on the replan's day: the 12 items settled by 03-09 count as planned,
    # the 7 open ones of m2 for 0 days of their new window: 12 / 69 -> 17.4; 0 days ahead.
    assert (status["planned_percent"], status["days_ahead"]) == (17.4, 0)
    # (03-09 - 11-17) = 112 days = 16 weeks: week 17. At 8 h every duration is x 1.25:
    # m1 kept 11-17..01-11 (complete); from 03-09: m2 7 of 10 open: 56 x 1.25 x 0.7 = 49
    # days (03-09..04-26); m3, m4, m5 70 days each (04-27..07-05, 07-06..09-13, 09-14..
    # 11-22); m6 70 x 1.25 = 87.5, rounded to even: 88 (11-23..2027-02-18); m7 70
    # (2027-02-19..04-29). End 2027-04-29, in week 76 ((04-26 - 2025-11-17) = 525 = 75 x 7).
    assert (status["week"], status["weeks_total"]) == (17, 76)
    assert (plan["scale"], plan["hours_per_week"], plan["end"]) == (1.25, 8, "2027-04-29")
    assert plan["replans"] == [["2026-03-09", 8]]
    assert status["module"]["id"] == "m2"
    assert module_row(plan, "m2") == ("2026-03-09", "2026-04-26")
    assert module_row(plan, "m1") == ("2025-11-17", "2026-01-11")
    assert module_row(plan, "m6") == ("2026-11-23", "2027-02-18")
    assert status["overdue"] == []
    # Last 28 days (02-10..03-09): 02-20 and 03-05, 2 items in 4 weeks = 0.5 a week;
    # 69 - 12 = 57 left: ceil(57 / 0.5 x 7) = 798 days: 2026-03-09 + 798 = 2028-05-15.
    assert status["items_per_week"] == 0.5
    assert status["projected_finish"] == "2028-05-15"
    # This week so far (Monday 03-09): the 1.5 h logged that day; no paper yet (Wednesday).
    assert status["hours_this_week"] == 1.5
    assert papers(status) == (0, 1)
    # Deliverables: m1/portfolio (01-14) of 7; m8 still out.
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (1, 7, 1)
    assert [m["id"] for m in status["not_planned"]] == ["m8"]
    # A review on 03-09 covers P0 (ended 02-16; P1 ends 05-16 > 03-16), as of 02-16:
    # items m1 9 + m2/ddpm-from-scratch = 10, deliverable m1/portfolio; hours: weeks 1-2
    # 11.0, the study weeks 12-01, 12-08, 12-15, 01-05 ... 02-09 (9 x 5.0 = 45.0) and the logs
    # of 12-04 (1.5) and 01-13 (2.0): 59.5. Pace as of 02-16 on the plan then (before the
    # replan): 10 / 69 = 14.49% -> 14.5; planned m1 9 + m2 10 x 35 / 56 (01-12..02-15) =
    # 15.25 / 69 = 22.10% -> 22.1; credited 56 + 5.6 = 61.6, planned 56 + 35 = 91: -29.4 ->
    # -29.
    assert numbers(seen["review"]) == FIRST_PERIOD


# --- Day 3: 2026-03-22, two weeks after the first replan ---------------------------------


def test_day_three_on_the_new_plan() -> None:
    seen = the_year().seen[D3]
    status, plan, portfolio = seen["status"], seen["plan"], seen["portfolio"]
    # Done: 12 + m2/quality-vs-gans (03-12) + m2/portfolio (03-20) = 14 of 69: 20.29% -> 20.3.
    assert (status["done"], status["total"], status["percent"]) == (14, 69, 20.3)
    # Planned: 12 settled + m2's 7 open items x 13 / 49 (03-09..03-21) = 13.857 of 69 =
    # 20.08% -> 20.1.
    assert status["planned_percent"] == 20.1
    # Credited: 2 of m2's 7 open items x 49 / 7 = 14 days; planned 13: 1 day ahead.
    assert status["days_ahead"] == 1
    # Week of 03-16: (03-16 - 11-17) = 119 days = 17 weeks: week 18 of 76.
    assert (status["week"], status["weeks_total"]) == (18, 76)
    # Last 28 days (02-23..03-22): 03-05, 03-12, 03-20: 3 in 4 weeks = 0.75 a week; 55 left:
    # ceil(55 / 0.75 x 7) = ceil(513.3) = 514 days: 2026-03-22 + 514 = 2027-08-18.
    assert status["items_per_week"] == 0.75
    assert status["projected_finish"] == "2027-08-18"
    # This week (03-16..03-22): 2.0 (Tue) + 2.0 (03-19) + 3.0 (Sat) = 7.0 h; a paper 03-18.
    assert status["hours_this_week"] == 7.0
    assert papers(status) == (1, 1)
    assert plan["end"] == "2027-04-29"
    assert status["module"]["id"] == "m2"
    assert module_row(plan, "m2") == ("2026-03-09", "2026-04-26")
    assert status["overdue"] == []
    # Deliverables: m1/portfolio, m2/portfolio (03-20) of 7; m8 still out.
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (2, 7, 1)
    # The review still covers P0 (P1 ends 05-16 > 03-29): the numbers of day 2's.
    assert numbers(seen["review"]) == FIRST_PERIOD


# --- Day 4: 2026-09-27, eight weeks after the second replan ---------------------------------

# The second replan, from Monday 2026-08-03 with no new hours (8 h, scale 1.25): m1 and m2
# are complete (m2's last item 04-24) and keep their windows (2025-11-17..2026-01-11,
# 2026-03-09..04-26); m3 has 2 open (apply-to-novel-problems, portfolio-artifact; 7 done
# and scaling-experiments skipped 06-06): 56 x 1.25 x 0.2 = 14 days, 08-03..08-16; m4 has 9
# open (migrate 07-28 done): 56 x 1.25 x 0.9 = 63 days, 08-17..10-18; m5 70 days,
# 10-19..12-27; m6 88 days, 12-28..2027-03-25; m7 70 days, 03-26..06-03; m8 (included
# 06-15, camera-geometry done 06-20) 9 open: 63 days, 06-04..08-05. End 2027-08-05, in
# week 90 ((2027-08-02 - 2025-11-17) = 623 days = 89 weeks).


def test_day_four_after_the_second_replan() -> None:
    seen = the_year().seen[D4]
    status, plan, portfolio = seen["status"], seen["plan"], seen["portfolio"]
    # Done: m1 9, m2 10, m3 9 (apply 08-05, portfolio-artifact 08-08), m4 5 (migrate,
    # end-to-end 08-25, tracking 09-04, deploy 09-15, portfolio 09-24), m8 2 (camera 06-20,
    # minimal-nerf 09-19) = 35; total 80 (m8 included) - 2 skipped = 78: 44.87% -> 44.9.
    assert (status["done"], status["total"], status["percent"]) == (35, 78, 44.9)
    # Planned: settled by 08-03: m1 9 + m2 10 + m3 7 + m4 1 + m8 1 = 28; m3's 2 open x
    # 14 / 14 = 2; m4's 9 open x 41 / 63 (08-17..09-26) = 5.857: 35.857 / 78 = 45.97% -> 46.0.
    assert status["planned_percent"] == 46.0
    # Credited over the items open on 08-03: m3 2 of 2 x 14 / 2 = 14; m4 4 of 9 x 63 / 9 =
    # 28; m8 1 of 9 (minimal-nerf) x 63 / 9 = 7: 49. Planned: m3 14 + m4 41 = 55. -6.
    assert status["days_ahead"] == -6
    # Week of 09-21: (09-21 - 11-17) = 308 days = 44 weeks: week 45 of 90.
    assert (status["week"], status["weeks_total"]) == (45, 90)
    # Last 28 days (08-31..09-27): 09-04, 09-15, 09-19, 09-24: 1.0 a week; 78 - 35 = 43
    # left: 43 x 7 = 301 days: 2026-09-27 + 301 = 2027-07-25.
    assert status["items_per_week"] == 1.0
    assert status["projected_finish"] == "2027-07-25"
    # This week (09-21..09-27): 2.0 + 2.5 (09-23) + 3.0 = 7.5 h; a paper on 09-23.
    assert status["hours_this_week"] == 7.5
    assert papers(status) == (1, 1)
    assert status["hours_per_week"] == 8  # the second replan kept the hours
    assert (plan["scale"], plan["end"]) == (1.25, "2027-08-05")
    # A replan without new hours is listed with the hours then in force (8).
    assert plan["replans"] == [["2026-03-09", 8], ["2026-08-03", 8]]
    assert status["module"]["id"] == "m4"
    assert module_row(plan, "m4") == ("2026-08-17", "2026-10-18")
    assert module_row(plan, "m3") == ("2026-08-03", "2026-08-16")
    assert module_row(plan, "m2") == ("2026-03-09", "2026-04-26")
    assert module_row(plan, "m8") == ("2027-06-04", "2027-08-05")
    assert status["overdue"] == []
    # m8 is planned now: nothing is out of the plan.
    assert (status["not_planned"], plan["not_planned"]) == ([], [])
    # Deliverables m1..m4/portfolio done of 8 (m8's counted): none out of the plan.
    assert (portfolio["done"], portfolio["total"]) == (4, 8)
    assert (portfolio["not_planned"], portfolio["not_planned_done"]) == (0, 0)
    # A review on 09-27 covers P2 (05-17..08-16; P3 ends 11-16 > 10-04), as of 08-16:
    # items fsdp 05-22, cloud 06-05, camera 06-20, m3/portfolio 06-26, m3 explain 07-02,
    # implement 07-10, compare 07-20, migrate 07-28, m3 apply 08-05, portfolio-artifact
    # 08-08: 10, one deliverable (m3/portfolio). Hours: study weeks 05-18 ... 08-03 (12 x
    # 5.0 = 60.0) + 2.5 (06-24) + 1.0 (07-15) = 63.5. Pace as of 08-16 (second replan in
    # force): done 9 + 10 + 9 + 1 + 1 = 30 of 78 = 38.46% -> 38.5; planned 28 settled +
    # m3's 2 x 13 / 14 = 29.857 / 78 = 38.28% -> 38.3; credited m3 14, planned 13: 1.
    assert numbers(seen["review"]) == {
        "whole": True,
        "period_start": "2026-05-17",
        "period_end": "2026-08-16",
        "items_done": 10,
        "hours": 63.5,
        "deliverables_done": 1,
        "done": 30,
        "total": 78,
        "percent": 38.5,
        "planned_percent": 38.3,
        "days_ahead": 1,
    }


# --- Day 5: 2026-11-15, the last day --------------------------------------------------------


def test_day_five_the_end_of_the_year() -> None:
    seen = the_year().seen[D5]
    status, plan, portfolio = seen["status"], seen["plan"], seen["portfolio"]
    # Done: 35 + m4 explain 10-02, implement 10-09, compare 10-16, portfolio-artifact 10-30
    # + m5 lora 11-06, react 11-13 = 41; total 80 - 3 skipped (m4's apply 10-23 too) = 77:
    # 53.25% -> 53.2.
    assert (status["done"], status["total"], status["percent"]) == (41, 77, 53.2)
    # Planned: settled by 08-03 28; m3 2 x 14 / 14 = 2; m4's 8 counted open items x 63 / 63
    # = 8; m5 10 x 27 / 70 (10-19..11-14) = 3.857: 41.857 / 77 = 54.36% -> 54.4.
    assert status["planned_percent"] == 54.4
    # Credited: m3 14; m4 9 of 9 settled (8 done, 1 skipped) = 63; m5 2 of 10 x 70 / 10 =
    # 14; m8 7: 98. Planned: m3 14 + m4 63 + m5 27 = 104. -6.
    assert status["days_ahead"] == -6
    # Week of 11-09: (11-09 - 11-17) = 357 days = 51 weeks: week 52 of 90.
    assert (status["week"], status["weeks_total"]) == (52, 90)
    # Last 28 days (10-19..11-15): 10-30, 11-06, 11-13 (the 10-23 skip is not done): 0.75 a
    # week; 77 - 41 = 36 left: 36 / 0.75 x 7 = 336 days: 2026-11-15 + 336 = 2027-10-17.
    assert status["items_per_week"] == 0.75
    assert status["projected_finish"] == "2027-10-17"
    # This week (11-09..11-15): 2.0 + 2.0 (11-13) + 3.0 = 7.0 h; a paper on 11-11.
    assert status["hours_this_week"] == 7.0
    assert papers(status) == (1, 1)
    assert plan["end"] == "2027-08-05"
    assert status["module"]["id"] == "m5"
    assert module_row(plan, "m5") == ("2026-10-19", "2026-12-27")
    assert status["overdue"] == []
    skipped = [(s["id"], s["on"]) for s in status["skipped"]]
    assert skipped == [
        ("m1/criteria/apply-to-novel-problems", "2026-01-17"),
        ("m3/scaling-experiments", "2026-06-06"),
        ("m4/criteria/apply-to-novel-problems", "2026-10-23"),
    ]
    assert status["skipped"][1]["reason"] == (
        "No budget for 64 GPUs; the 1-8 GPU runs are in the portfolio."
    )
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (4, 8, 0)
    # The review of 11-15 covers P3 (08-17..11-16, ends within a week), as of 11-15: items
    # end-to-end, tracking, deploy, minimal-nerf, m4/portfolio, explain, implement,
    # compare, portfolio-artifact, lora, react: 11, one deliverable (m4/portfolio). Hours:
    # study weeks 08-24 ... 11-09 (12 x 5.0 = 60.0) + 2.5 (09-23) + 1.0 (10-07) + 2.0 (11-13)
    # = 65.5. Pace: the status of 11-15.
    assert numbers(seen["review"]) == {
        "whole": True,
        "period_start": "2026-08-17",
        "period_end": "2026-11-15",
        "items_done": 11,
        "hours": 65.5,
        "deliverables_done": 1,
        "done": 41,
        "total": 77,
        "percent": 53.2,
        "planned_percent": 54.4,
        "days_ahead": -6,
    }


# --- True in time ---------------------------------------------------------------------------


@pytest.mark.parametrize("day", [D1, D2, D3, D4, D5])
def test_each_day_reads_the_same_at_the_end_of_the_year(day: str) -> None:
    year = the_year()
    again = views(year.learner, day)
    for name in ("status", "plan", "portfolio", "review"):
        assert json.dumps(again[name], sort_keys=True) == json.dumps(
            year.seen[day][name], sort_keys=True
        ), name


def test_the_plan_before_the_first_replan_stays_what_it_was() -> None:
    plan = the_year().learner.plan("2026-03-08")
    # The stated plan at 10 h: m2 2026-01-12..03-08, the end 2026-12-27, no replan yet.
    assert module_row(plan, "m2") == ("2026-01-12", "2026-03-08")
    assert (plan["end"], plan["replans"], plan["scale"]) == ("2026-12-27", [], 1.0)
