"""A simulated year of the bundled ai-study-plan (issue 23, "Done when"): a learner enrolls on
Monday 2025-11-17 at the curriculum's stated low weekly hours and, for a year, checks items
roughly in order (some back-dated), skips two with a reason, marks one in progress and
unchecks a wrong check, logs hours (some against a task), writes the bi-weekly journal,
checks recurring activities, reviews every quarter with the curriculum's six questions and
replans twice (once without new hours, once with). On five chosen days the numbers a learner
reads (status, plan, the review's numbers, portfolio) are asserted exactly, each derived by
hand below from the curriculum's facts and the events; at the end every chosen day's views
are computed again and must be what they were on the day (true in time, decision 36).

The curriculum's facts (curricula/ai-study-plan.yaml), checked in
``test_the_curriculum_facts_the_arithmetic_uses``:

- ``weekly_hours`` 4-6: starting without hours commits 4 (the low end); 4 to 6 keep the stated
  durations (scale 1), 2 hours scale them by 4/2 = 2 (decision 37).
- Modules state no duration: each gets an equal share of its phase's (decision 3, low end as
  target). Phase I, 10-12 weeks over 3 modules: 10/3 weeks = 23.33 days -> 23 days each.
  Phase II, 8-10 weeks over 2: 4 weeks = 28 days each. Phase III, 6-8 weeks over 2: 3 weeks
  = 21 days each. Phases IV-VI are ongoing (their modules start after III and never end, so
  the plan has no end and no week count); VII recurs every 3 months (its modules are
  undated). A module of 23 days from S covers S to S + 22 (inclusive windows).
- Items (tasks + deliverables) per module: p1a 9+1 = 10, p1b 3, p1c 4+1 = 5; p1's own 3
  deliverables; p2a 4, p2b 3, p2's own 3; p3a 3, p3b 5+3 = 8, p3's own 3; p4: 3+3+3 and 3 of
  its own = 12; p5: 3+3+2 and 3 = 11; p6: 2+2+2 and 3 = 9; p7: 3+3 and 2 = 8.
  Total 21 + 10 + 14 + 12 + 11 + 9 + 8 = 85. Deliverables: p1a 1, p1c 1, p1 3, p2 3, p3b 3,
  p3 3, p4 3, p5 3, p6 3, p7 2 = 25.
- No choice groups and no optional modules: nothing to choose, include or exclude.
- Reviews are quarterly from the start: 2025-11-17 to 2026-02-16, 02-17 to 05-16, 05-17 to
  08-16, 08-17 to 11-16; a review on D covers the latest period ended by D + 7 days, else the
  first period so far (decision 21).

The original plan from 2025-11-17 at 4 h (scale 1):
  p1a 2025-11-17..12-09 (23 d), p1b 12-10..2026-01-01 (23 d), p1c 01-02..01-24 (23 d),
  p2a 01-25..02-21 (28 d), p2b 02-22..03-21 (28 d), p3a 03-22..04-11 (21 d),
  p3b 04-12..05-02 (21 d), p4a..p6c from 05-03 (ongoing), p7a, p7b undated.

Pace (decisions 4, 16, 36): a done item of a dated module is credited with window / items
days; days_ahead = credited - days of the windows elapsed by the start of the day, rounded
half up. planned% counts, of the items that count (planned less skipped), each dated module
item for the part of its window elapsed, a phase's own items once the phase ended; after a
replan the module items settled (done or skipped) by its day count as planned, and only the
open ones are paced, over their new windows.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import tracking
from roadmap_tracker.curriculum.catalog import find_curriculum, load_curriculum
from tests.learner import Learner

SLUG = "ai-study-plan"
START = "2025-11-17"  # a Monday

# The five chosen days.
FIRST_WEEKS = "2025-11-28"  # Friday of week 2, day 12 of the record
FIRST_REPLAN = "2026-01-12"  # Monday: replan without new hours
AFTER_FIRST = "2026-01-25"  # Sunday, two weeks on
AFTER_SECOND = "2026-07-19"  # Sunday, eleven weeks after the replan of 2026-05-04 (2 h)
LAST = "2026-11-15"  # Sunday, the last day of the simulated year

ANSWERS = {
    "worked": "Short evening sessions, one paper a week",
    "did-not-work": "Planning around the holidays",
    "next-goals": "Finish the next phase's modules",
    "focus-areas": "Scaling and deployment",
    "skill-gaps": "Kubernetes, fairness metrics",
    "alignment": "On track for an AI architect role",
}


def skip(learner: Learner, item: str, on: str, reason: str) -> None:
    """``roadmap skip ITEM --on ON --reason REASON``."""
    session = learner.session(on, change=True)
    tracking.change_state(session, "skip", [item], note=reason, assume_yes=True)


def deliver(learner: Learner, item: str, on: str, link: str) -> None:
    """``roadmap check DELIVERABLE --on ON --link LINK``."""
    session = learner.session(on, change=True)
    tracking.change_state(session, "check", [item], links=[link], assume_yes=True)


def views(learner: Learner, on: str) -> dict[str, str]:
    """The views of a day that must never change once the day is over, as JSON text."""
    return {
        "status": json.dumps(learner.status(on), sort_keys=True, default=str),
        "plan": json.dumps(learner.plan(on), sort_keys=True, default=str),
        "review": json.dumps(learner.review_numbers(on), sort_keys=True, default=str),
        "portfolio": json.dumps(learner.portfolio(on), sort_keys=True, default=str),
    }


def numbers(learner: Learner, on: str, module: str) -> dict[str, Any]:
    """The numbers a learner reads on ``on``: status, the plan (its ends and the row of
    ``module``), the review's numbers and the portfolio's counts.
    """
    status = learner.status(on)
    plan = learner.plan(on)
    (row,) = [row for row in plan["rows"] if row["id"] == module]
    review = learner.review_numbers(on)
    figures = review["numbers"]
    portfolio = learner.portfolio(on)
    return {
        "done": status["done"],
        "total": status["total"],
        "percent": status["percent"],
        "planned_percent": status["planned_percent"],
        "days_ahead": status["days_ahead"],
        "week": status["week"],
        "weeks_total": status["weeks_total"],
        "items_per_week": status["items_per_week"],
        "projected_finish": status["projected_finish"],
        "projected_finish_reason": status["projected_finish_reason"],
        "hours_this_week": status["hours_this_week"],
        "module": (status["module"]["id"], status["module"]["start"], status["module"]["end"]),
        "plan_end": plan["end"],
        "plan_dated_end": plan["dated_end"],
        "plan_hours": (plan["hours_per_week"], plan["scale"]),
        "plan_row": (row["start"], row["end"]),
        "review_period": (review["period_start"], review["period_end"], review["whole"]),
        "review_as_of": figures["as_of"],
        "review_items": figures["items_done"],
        "review_hours": figures["hours"],
        "review_deliverables": figures["deliverables_done"],
        "review_done": (figures["done"], figures["total"]),
        "review_pace": (figures["percent"], figures["planned_percent"], figures["days_ahead"]),
        "portfolio": (portfolio["done"], portfolio["total"]),
    }


def test_the_curriculum_facts_the_arithmetic_uses() -> None:
    curriculum = load_curriculum(find_curriculum(SLUG).path, SLUG)
    counts = {m.id: len(curriculum.item_ids_of(m.id)) for m in curriculum.modules}
    assert counts == {
        "p1a": 10, "p1b": 3, "p1c": 5, "p2a": 4, "p2b": 3, "p3a": 3, "p3b": 8,
        "p4a": 3, "p4b": 3, "p4c": 3, "p5a": 3, "p5b": 3, "p5c": 2,
        "p6a": 2, "p6b": 2, "p6c": 2, "p7a": 3, "p7b": 3,
    }  # fmt: skip
    own = {p.id: len(curriculum.phase_item_ids(p.id)) for p in curriculum.phases}
    assert own == {"p1": 3, "p2": 3, "p3": 3, "p4": 3, "p5": 3, "p6": 3, "p7": 2}
    assert len(curriculum.item_ids) == 85
    assert sum(1 for item in curriculum.items if item.kind == "deliverable") == 25
    assert not curriculum.choices
    assert not any(module.optional for module in curriculum.modules)
    assert curriculum.review is not None
    assert [q.id for q in curriculum.review.questions] == list(ANSWERS)


def test_a_simulated_year_of_ai_study_plan() -> None:
    learner = Learner()
    seen: dict[str, dict[str, str]] = {}

    # --- Weeks 1 and 2 ----------------------------------------------------------------------
    started = learner.start(SLUG, on=START)  # no hours: the low end of 4-6
    assert (started["hours_per_week"], started["scale"]) == (4.0, 1.0)
    with pytest.raises(RoadmapError):  # nothing is recorded before the start (decision 39)
        learner.check("p1a/review-key-papers", on="2025-11-16")
    learner.check("p7a/set-objectives", on="2025-11-17")
    learner.log(1.5, on="2025-11-18", task="p1a/review-key-papers")
    learner.check("p1a/review-key-papers", on="2025-11-19")
    learner.check("routine/paper-reviews", on="2025-11-19")
    learner.check("routine/paper-reviews", on="2025-11-21")
    learner.log(2.0, on="2025-11-21", task="routine/paper-reviews")
    learner.mark("doing", "p1a/experiment-transformers", on="2025-11-24")
    learner.log(1.0, on="2025-11-25", task="p1a/experiment-transformers")
    learner.log(2.0, on="2025-11-26", task="p1a/experiment-transformers")
    learner.check("routine/paper-reviews", on="2025-11-27")
    learner.check("p1a/self-supervised-learning", on="2025-11-27")
    learner.log(1.5, on="2025-11-28")
    learner.check("p1a/experiment-transformers", on="2025-11-26")  # back-dated two days

    seen[FIRST_WEEKS] = views(learner, FIRST_WEEKS)
    assert numbers(learner, FIRST_WEEKS, "p1a") == {
        # set-objectives 11-17, review-key-papers 11-19, transformers 11-26, self-supervised
        # 11-27: 4 of 85; 4/85 = 4.71%.
        "done": 4,
        "total": 85,
        "percent": 4.7,
        # p1a: 11 of its 23 days elapsed by the start of 11-28 (11-17..11-27): 10 x 11/23 =
        # 4.78 items planned; 4.78/85 = 5.63%. p7a is undated: set-objectives is done but
        # never planned.
        "planned_percent": 5.6,
        # Credited 3 p1a items x 23/10 = 6.9 days; planned 11 days: -4.1 -> -4.
        "days_ahead": -4,
        "week": 2,  # the ISO week of 11-24, the second from the start's
        "weeks_total": None,  # phases IV-VI go on: the plan has no end
        "items_per_week": 2.33,  # 4 items in the 12 days since the start: 4 x 7/12 = 2.33
        "projected_finish": None,
        "projected_finish_reason": "too early to project",  # 12 days of record < 14
        "hours_this_week": 4.5,  # 11-25 1.0 + 11-26 2.0 + 11-28 1.5
        "module": ("p1a", "2025-11-17", "2025-12-09"),
        "plan_end": None,
        "plan_dated_end": "2026-05-02",  # the end of p3b, the last dated module
        "plan_hours": (4.0, 1.0),
        "plan_row": ("2025-11-17", "2025-12-09"),  # 11-17 + 22 days
        # First period, more than a week before its end (02-16): the period so far.
        "review_period": ("2025-11-17", "2025-11-28", False),
        "review_as_of": "2025-11-28",
        "review_items": 4,
        "review_hours": 8.0,  # week 1: 1.5 + 2.0; week 2: 4.5
        "review_deliverables": 0,
        "review_done": (4, 85),
        "review_pace": (4.7, 5.6, -4),  # status's numbers of 11-28
        "portfolio": (0, 25),
    }

    # --- December and the holidays ----------------------------------------------------------
    learner.journal("Two weeks in: transformers and SSL done, diffusion next.", on="2025-11-30")
    learner.check("p1a/experiment-diffusion-models", on="2025-12-01")
    learner.log(2.0, on="2025-12-01", task="p1a/experiment-diffusion-models")
    learner.check("p1a/experiment-gnns", on="2025-12-03")
    learner.check("routine/paper-reviews", on="2025-12-03")
    learner.log(2.0, on="2025-12-03")
    learner.check("routine/paper-reviews", on="2025-12-05")
    learner.check("p1a/experiment-llms", on="2025-12-08")
    learner.log(2.0, on="2025-12-08")
    learner.check("p1a/document-learnings", on="2025-12-10")
    learner.log(1.5, on="2025-12-10")
    skip(learner, "p1a/meta-learning", "2025-12-12", "Covered in my team's reading group")
    learner.log(1.0, on="2025-12-13")
    learner.journal("p1a nearly done; meta-learning skipped.", on="2025-12-14")
    learner.check("p1a/continual-online-learning", on="2025-12-13")  # back-dated a day
    deliver(learner, "p1a/emerging-approach-mini-project", "2025-12-17", "https://example.org/ssl")
    learner.log(3.0, on="2025-12-17", task="p1a/emerging-approach-mini-project")
    learner.check("p1b/parallelism-strategies", on="2025-12-19")
    learner.log(1.0, on="2025-12-19")
    learner.log(1.0, on="2025-12-28")
    learner.check("p1b/gpu-tpu-optimization", on="2026-01-07")
    learner.log(2.0, on="2026-01-07")
    learner.journal("Back from the holidays, behind the plan.", on="2026-01-11")

    # --- The first replan: Monday 2026-01-12, no new hours ----------------------------------
    learner.log(1.0, on="2026-01-12")
    before = learner.status(FIRST_REPLAN)
    # Original plan by the start of 01-12: p1a 23 + p1b 23 + p1c 10 (01-02..01-11) = 56 days.
    # Credited: p1a complete (9 done, 1 skipped: a skip stands for done in pace) 23 days,
    # p1b 2 of 3 x 23 = 15.33; 38.33 - 56 = -17.67 -> -18.
    assert before["days_ahead"] == -18
    # Planned: p1a's 9 counted items (meta-learning skipped), p1b's 3, p1c 10/23 x 5 = 2.17:
    # 14.17 of 84 = 16.87%.
    assert before["planned_percent"] == 16.9
    learner.replan(FIRST_REPLAN)

    seen[FIRST_REPLAN] = views(learner, FIRST_REPLAN)
    # The replan keeps p1a (complete) and lays out from 01-12 at scale 1: p1b, 1 of 3 items
    # open, 10/3 weeks x 7 x 1/3 = 7.78 -> 8 days: 01-12..01-19; p1c 23 days 01-20..02-11;
    # p2a 28 days 02-12..03-11; p2b 28 days 03-12..04-08; p3a 21 days 04-09..04-29; p3b 21
    # days 04-30..05-20; the ongoing modules from 05-21.
    assert numbers(learner, FIRST_REPLAN, "p1b") == {
        # Done: the 4 of day 12, diffusion 12-01, gnns 12-03, llms 12-08, document-learnings
        # 12-10, continual 12-13, mini-project 12-17, parallelism 12-19, gpu-tpu 01-07 = 12.
        # Total 85 - 1 skipped = 84; 12/84 = 14.29%.
        "done": 12,
        "total": 84,
        "percent": 14.3,
        # On the plan on its day: the 12 items settled by 01-12 (p1a 9, p1b 2, p7a 1) are
        # planned, nothing of the new windows has elapsed: 12/84, as done.
        "planned_percent": 14.3,
        "days_ahead": 0,
        "week": 9,  # 01-12 is 56 days (8 weeks) after 11-17
        "weeks_total": None,
        # Items in the last 28 days (12-16..01-12): mini-project, parallelism, gpu-tpu = 3
        # in 4 weeks: 0.75 a week.
        "items_per_week": 0.75,
        # 84 - 12 = 72 open; 72 / 0.75 = 96 weeks = 672 days after 01-12: 2027-11-15.
        "projected_finish": "2027-11-15",
        "projected_finish_reason": None,
        "hours_this_week": 1.0,  # 01-12
        "module": ("p1b", "2026-01-12", "2026-01-19"),
        "plan_end": None,
        "plan_dated_end": "2026-05-20",
        "plan_hours": (4.0, 1.0),
        "plan_row": ("2026-01-12", "2026-01-19"),
        "review_period": ("2025-11-17", "2026-01-12", False),  # 02-16 is > 7 days away
        "review_as_of": "2026-01-12",
        "review_items": 12,
        # 8.0 by 11-28; week 3 4.0; week 4 4.5; week 5 4.0; 12-28 1.0; 01-07 2.0; 01-12 1.0.
        "review_hours": 24.5,
        "review_deliverables": 1,  # the mini-project
        "review_done": (12, 84),
        "review_pace": (14.3, 14.3, 0),
        "portfolio": (1, 25),
    }

    # --- Two weeks on -----------------------------------------------------------------------
    learner.check("p1b/deployment-pipeline", on="2026-01-14")
    learner.log(2.0, on="2026-01-14", task="p1b/deployment-pipeline")
    learner.log(1.5, on="2026-01-16")
    learner.check("p1c/analyze-generative-models", on="2026-01-21")
    learner.log(2.0, on="2026-01-21")
    learner.log(1.0, on="2026-01-23")
    learner.journal("p1b done; RLHF prototype running.", on="2026-01-25")
    learner.log(1.5, on="2026-01-25")
    learner.check("p1c/prototype-rl-rlhf", on="2026-01-23")  # back-dated two days

    seen[AFTER_FIRST] = views(learner, AFTER_FIRST)
    assert numbers(learner, AFTER_FIRST, "p1c") == {
        "done": 15,  # 12 + deployment 01-14, analyze 01-21, rl-rlhf 01-23
        "total": 84,
        "percent": 17.9,  # 15/84 = 17.86%
        # 12 settled by the replan + p1b's open item (its 8 days all elapsed) 1 + p1c 5 of its
        # 23 days (01-20..01-24) x 5 items = 1.09: 14.09/84 = 16.77%.
        "planned_percent": 16.8,
        # Credited: p1b 8 x 1/1 = 8, p1c 23 x 2/5 = 9.2: 17.2; planned 8 + 5 = 13 days:
        # 4.2 -> 4.
        "days_ahead": 4,
        "week": 10,  # the week of 01-19, 63 days after 11-17
        "weeks_total": None,
        # Last 28 days (12-29..01-25): gpu-tpu, deployment, analyze, rl-rlhf: 4 in 4 weeks.
        "items_per_week": 1.0,
        # 69 open / 1 a week = 483 days after 01-25: 2027-01-25 + 118 = 2027-05-23.
        "projected_finish": "2027-05-23",
        "projected_finish_reason": None,
        "hours_this_week": 4.5,  # 01-21 2.0 + 01-23 1.0 + 01-25 1.5
        "module": ("p1c", "2026-01-20", "2026-02-11"),
        "plan_end": None,
        "plan_dated_end": "2026-05-20",
        "plan_hours": (4.0, 1.0),
        "plan_row": ("2026-01-20", "2026-02-11"),
        "review_period": ("2025-11-17", "2026-01-25", False),  # 02-16 is > 7 days away
        "review_as_of": "2026-01-25",
        "review_items": 15,
        "review_hours": 32.5,  # 24.5 + 01-14 2.0 + 01-16 1.5 + 4.5
        "review_deliverables": 1,
        "review_done": (15, 84),
        "review_pace": (17.9, 16.8, 4),
        "portfolio": (1, 25),
    }

    # --- February to April: phase I ends, phase II, the first review -----------------------
    learner.check("p1c/prototype-causal-inference", on="2026-01-28")
    learner.log(2.0, on="2026-01-28")
    learner.check("p1c/prototype-symbolic-reasoning", on="2026-02-02")
    learner.log(2.0, on="2026-02-02")
    deliver(learner, "p1c/mini-capstone", "2026-02-06", "https://example.org/capstone")
    learner.log(3.0, on="2026-02-06", task="p1c/mini-capstone")
    learner.check("p1/paper-reviews", "p1/model-prototypes", on="2026-02-08")
    learner.log(1.0, on="2026-02-08")
    learner.journal("Phase I wrapped up except code contributions.", on="2026-02-08")
    learner.check("routine/group-activity", on="2026-02-11")
    learner.review("2026-02-15", ANSWERS)  # period 1 (ends 02-16, within 7 days)
    learner.log(1.0, on="2026-02-15")
    learner.check("p2a/refactor-pipeline", on="2026-02-16")
    learner.log(2.0, on="2026-02-16")
    learner.journal("Refactoring the pipeline.", on="2026-02-22")
    learner.check("p2a/testing", on="2026-02-25")
    learner.log(2.0, on="2026-02-25")
    learner.check("p2a/ci-cd", on="2026-03-04")
    learner.log(2.0, on="2026-03-04")
    learner.journal("CI/CD for the ML repo is live.", on="2026-03-08")
    learner.check("p2a/profile-inference", on="2026-03-18")
    learner.log(2.5, on="2026-03-18", task="p2a/profile-inference")
    learner.journal("Inference profiled: 2x faster.", on="2026-03-22")
    learner.check("p2b/microservice", on="2026-03-25")
    learner.log(2.0, on="2026-03-25")
    learner.check("p2b/docker-kubernetes", on="2026-04-15")
    learner.check("p2b/cloud-platforms", on="2026-04-15")  # by mistake ...
    learner.log(1.5, on="2026-04-15")
    learner.mark("uncheck", "p2b/cloud-platforms", on="2026-04-16")  # ... taken back
    learner.journal("New job: less time from May.", on="2026-04-19")
    learner.check("p1/code-contributions", on="2026-04-20")
    learner.log(1.0, on="2026-04-20")
    learner.journal("Two hours a week from now on.", on="2026-05-03")

    # --- The second replan: Monday 2026-05-04 at 2 hours a week -----------------------------
    learner.replan("2026-05-04", hours=2)
    # Scale 4/2 = 2 (below the range). Kept: p1a, p1b, p1c, p2a (complete). p2b, 1 of 3
    # open (cloud-platforms, unchecked 04-16): 4 weeks x 7 x 2 x 1/3 = 18.67 -> 19 days,
    # 05-04..05-22; p3a 3 weeks x 7 x 2 = 42 days 05-23..07-03; p3b 42 days 07-04..08-14;
    # the ongoing modules from 08-15. Settled by 05-04 (planned from then on): p1a 9, p1b 3,
    # p1c 5, p2a 4, p2b 2, p7a 1 = 24 (p1's own 3 count once p1 ended, 02-11).
    learner.log(1.0, on="2026-05-04")
    learner.check("p2b/cloud-platforms", on="2026-05-10")
    learner.log(2.0, on="2026-05-10")
    learner.check("routine/group-activity", on="2026-05-12")
    learner.review("2026-05-15", ANSWERS)  # period 2 (ends 05-16)
    learner.journal("Quarter two reviewed.", on="2026-05-17")
    learner.check("p3a/rapid-prototype", on="2026-05-24")
    learner.log(2.0, on="2026-05-24")
    learner.journal("Streamlit MVP up.", on="2026-05-31")
    learner.check("p3a/document-experiments", on="2026-06-07")
    learner.log(2.0, on="2026-06-07")
    learner.journal("Experiments documented.", on="2026-06-14")
    learner.check("p3a/evaluate-trade-offs", on="2026-06-28")
    learner.log(2.0, on="2026-06-28")
    learner.journal("p3a done.", on="2026-06-28")
    learner.check("p3b/explainability-tools", on="2026-07-05")
    learner.log(2.0, on="2026-07-05", task="p3b/explainability-tools")
    learner.check("p3b/fairness-privacy-metrics", on="2026-07-12")
    learner.log(2.0, on="2026-07-12")
    learner.journal("SHAP and fairness metrics on the churn model.", on="2026-07-12")
    learner.log(1.0, on="2026-07-14")
    learner.log(1.5, on="2026-07-17", task="p3b/report-green-ai")
    learner.log(0.5, on="2026-07-19")
    learner.check("p3b/report-green-ai", on="2026-07-17")  # back-dated two days

    seen[AFTER_SECOND] = views(learner, AFTER_SECOND)
    assert numbers(learner, AFTER_SECOND, "p3b") == {
        # 15 + causal 01-28, symbolic 02-02, mini-capstone 02-06, paper-reviews and
        # model-prototypes 02-08 (20), refactor 02-16, testing 02-25, ci-cd 03-04, profile
        # 03-18, microservice 03-25, docker 04-15, code-contributions 04-20 (27),
        # cloud-platforms 05-10, rapid-prototype 05-24, document-experiments 06-07,
        # evaluate-trade-offs 06-28, explainability 07-05, fairness 07-12, green-ai 07-17 = 34.
        "done": 34,
        "total": 84,
        "percent": 40.5,  # 34/84 = 40.48%
        # Settled by 05-04: 24; p2b's open item 1 (19 days elapsed), p3a 3 (42 elapsed), p3b
        # 15 of 42 days (07-04..07-18) x 8 = 2.86; p1's own 3 (p1 ended 02-11) and p2's own
        # 3 (p2 ended 05-22): 36.86/84 = 43.88%.
        "planned_percent": 43.9,
        # Credited: p2b 19 x 1/1 + p3a 42 x 3/3 + p3b 42 x 3/8 = 19 + 42 + 15.75 = 76.75;
        # planned 19 + 42 + 15 = 76 days: 0.75 -> 1.
        "days_ahead": 1,
        "week": 35,  # the week of 07-13, 238 days (34 weeks) after 11-17
        "weeks_total": None,
        # Last 28 days (06-22..07-19): trade-offs, explainability, fairness, green-ai: 4.
        "items_per_week": 1.0,
        # 84 - 34 = 50 open at 1 a week: 350 days after 07-19 = 2027-07-04.
        "projected_finish": "2027-07-04",
        "projected_finish_reason": None,
        "hours_this_week": 3.0,  # 07-14 1.0 + 07-17 1.5 + 07-19 0.5
        "module": ("p3b", "2026-07-04", "2026-08-14"),
        "plan_end": None,
        "plan_dated_end": "2026-08-14",
        "plan_hours": (2.0, 2.0),
        "plan_row": ("2026-07-04", "2026-08-14"),
        # 07-19 + 7 = 07-26: the latest period ended is the second, 02-17..05-16, and its
        # numbers are status's of 05-16.
        "review_period": ("2026-02-17", "2026-05-16", True),
        "review_as_of": "2026-05-16",
        # testing, ci-cd, profile, microservice, docker, code-contributions, cloud-platforms
        # (refactor-pipeline, 02-16, is in the first period).
        "review_items": 7,
        # 02-25 2.0, 03-04 2.0, 03-18 2.5, 03-25 2.0, 04-15 1.5, 04-20 1.0, 05-04 1.0,
        # 05-10 2.0.
        "review_hours": 14.0,
        "review_deliverables": 1,  # p1/code-contributions
        "review_done": (28, 84),  # 27 + cloud-platforms 05-10
        # 28/84 = 33.33%. Planned by the start of 05-16: 24 settled + p2b 12 of 19 days
        # (05-04..05-15) = 0.63 + p1's own 3 = 27.63/84 = 32.89%. Credited p2b 19 - 12 = 7.
        "review_pace": (33.3, 32.9, 7),
        # mini-project, mini-capstone, p1's paper-reviews, model-prototypes, code-contributions
        "portfolio": (5, 25),
    }

    # --- August to November: phase III ends, the ongoing phases -----------------------------
    learner.check("p3b/report-ai-law", on="2026-07-26")
    learner.journal("Green AI report written.", on="2026-07-26")
    learner.check("p3b/responsible-ai-checklist", on="2026-08-02")
    deliver(learner, "p3b/whitepapers", "2026-08-09", "https://example.org/whitepaper")
    learner.journal("Whitepaper published.", on="2026-08-09")
    learner.check("p3b/impact-audits", on="2026-08-14")
    learner.check("routine/group-activity", on="2026-08-15")
    learner.review("2026-08-16", ANSWERS)  # period 3 (ends 08-16)
    learner.check("p3b/compliance-checklists", on="2026-08-23")
    learner.log(2.0, on="2026-08-23")
    learner.journal("Phase III nearly closed.", on="2026-08-23")
    deliver(learner, "p3/mvps", "2026-08-30", "https://example.org/mvp")
    learner.check("p3/trade-off-analyses", on="2026-08-30")
    learner.log(3.0, on="2026-08-30")
    learner.check("p4a/mentorship-project-management", on="2026-09-06")
    learner.log(1.5, on="2026-09-06")
    learner.journal("Started the leadership phase.", on="2026-09-06")
    learner.check("p4b/quarterly-blog-post", on="2026-09-13")
    learner.check("routine/blog-post", on="2026-09-13")
    learner.log(2.0, on="2026-09-13", task="routine/blog-post")
    skip(learner, "p5/competition-entries", "2026-09-20", "No competitions this year")
    learner.check("p5c/specializations", on="2026-09-20")
    learner.log(1.0, on="2026-09-20")
    learner.journal("Enrolled in a workshop series.", on="2026-09-20")
    learner.check("p6a/public-portfolio", on="2026-10-04")
    learner.log(2.0, on="2026-10-04")
    learner.journal("Portfolio site online.", on="2026-10-04")
    learner.check("p4b/documentation", on="2026-10-18")
    learner.log(1.5, on="2026-10-18")
    learner.journal("Team wiki cleaned up.", on="2026-10-18")
    learner.check("p3/interpretability-reports", on="2026-11-01")
    learner.log(2.0, on="2026-11-01")
    learner.journal("Interpretability report delivered.", on="2026-11-01")
    learner.check("p5a/reading-circles", on="2026-11-08")
    learner.check("routine/reading-circle", on="2026-11-08")
    learner.log(1.0, on="2026-11-08")
    learner.log(0.5, on="2026-11-10")
    learner.check("routine/group-activity", on="2026-11-12")
    learner.log(1.0, on="2026-11-15")
    learner.journal("A year in.", on="2026-11-15")
    learner.review(LAST, ANSWERS)  # period 4 (ends 11-16, within 7 days)
    with pytest.raises(RoadmapError):  # a second review of the period asks for --again
        learner.review(LAST, ANSWERS)

    seen[LAST] = views(learner, LAST)
    assert numbers(learner, LAST, "p4a") == {
        # 34 + report-ai-law 07-26, checklist 08-02, whitepapers 08-09, impact-audits 08-14,
        # compliance 08-23, mvps and trade-offs 08-30 (41), mentorship 09-06, blog-post
        # 09-13, specializations 09-20, public-portfolio 10-04, documentation 10-18,
        # interpretability-reports 11-01, reading-circles 11-08 = 48.
        "done": 48,
        "total": 83,  # 85 - 2 skipped (meta-learning, competition-entries)
        "percent": 57.8,  # 48/83 = 57.83%
        # Settled by 05-04: 24; p2b 1, p3a 3, p3b 8 (their windows all elapsed); the own
        # items of p1, p2 and p3 (ended 08-14) 3 + 3 + 3: 45/83 = 54.22%. Nothing of the
        # ongoing phases is ever planned.
        "planned_percent": 54.2,
        # Credited 19 + 42 + 42 x 8/8 = 103; planned 19 + 42 + 42 = 103 days: 0.
        "days_ahead": 0,
        "week": 52,  # the week of 11-09, 357 days (51 weeks) after 2025-11-17
        "weeks_total": None,
        # Last 28 days (10-19..11-15): interpretability-reports, reading-circles: 2 in 4 weeks.
        "items_per_week": 0.5,
        # 83 - 48 = 35 open at 0.5 a week: 70 weeks = 490 days after 11-15: 2027-11-15 +
        # 125 days (2028 is a leap year) = 2028-03-19.
        "projected_finish": "2028-03-19",
        "projected_finish_reason": None,
        "hours_this_week": 1.5,  # 11-10 0.5 + 11-15 1.0
        "module": ("p4a", "2026-08-15", None),  # ongoing, from the day after p3b
        "plan_end": None,
        "plan_dated_end": "2026-08-14",
        "plan_hours": (2.0, 2.0),
        "plan_row": ("2026-08-15", None),
        # 11-15 + 7 = 11-22: the fourth period, 08-17..11-16, ended by then; its numbers as
        # of the earlier of 11-16 and 11-15.
        "review_period": ("2026-08-17", "2026-11-16", True),
        "review_as_of": "2026-11-15",
        # compliance, mvps, trade-offs, mentorship, blog-post, specializations, portfolio,
        # documentation, interpretability-reports, reading-circles.
        "review_items": 10,
        # 08-23 2.0, 08-30 3.0, 09-06 1.5, 09-13 2.0, 09-20 1.0, 10-04 2.0, 10-18 1.5,
        # 11-01 2.0, 11-08 1.0, 11-10 0.5, 11-15 1.0.
        "review_hours": 17.5,
        "review_deliverables": 4,  # compliance-checklists, mvps, trade-offs, interpretability
        "review_done": (48, 83),
        "review_pace": (57.8, 54.2, 0),
        # 5 + whitepapers, impact-audits, compliance-checklists, mvps, trade-off-analyses,
        # interpretability-reports = 11. The portfolio lists every deliverable, the skipped
        # competition-entries too (as skipped), but counts them as status does: 25 - 1 = 24.
        "portfolio": (11, 24),
    }

    # --- True in time: each day's views, computed again a year on, are what they were ------
    for on, then in seen.items():
        assert views(learner, on) == then, on
