"""A simulated year of complete-ai-engineer (issue 23, "Done when"): a learner enrolls on
Monday 2025-11-17 at 15 h a week, works through Phase 0 and Phase 1 and into Phase 2 with
checks, skips, logs, journal entries, reviews, both choices and two replans, up to Sunday
2026-11-15 (the tests' clock is 2026-11-21, conftest.FROZEN_NOW: nothing later may be dated).
For five days the numbers a learner reads (status, plan, review, portfolio) are asserted
exactly, each derived by hand below from the curriculum's facts and the events.

The curriculum's facts (curricula/complete-ai-engineer.yaml):
- 546 checkable items: 42 modules, the phases' own items (p0 11, p1 17, p2 17, p3 10, p4 15,
  p5 5, p6 5) and 28 milestone items (7 milestones of 4). Stated range 15-25 h a week.
- Choice groups: p2-framework (pick one; p2-pytorch 15 items recommended, p2-tensorflow 8
  items; both 4 weeks) and p3-specialization (pick any; p3-computer-vision, p3-nlp-llm,
  p3-mlops, p3-research: 25 items, 8 weeks each; no recommended option, so the first is the
  default). Before a choice the plan counts p2-pytorch and p3-computer-vision:
  546 - 8 (tensorflow) - 3 x 25 (the other specializations) = 463 items (decision 38).
- Deliverables: 80; of the three p3 options left out before a choice 3 x 5 = 15, so 65 are
  planned and 15 not planned.
- No optional modules (``include`` is refused), no ``journal:`` section (entries are kept,
  nothing is due) and no ``review:`` section: a review is the default quarterly one, periods
  from the start: 2025-11-17..2026-02-16, 02-17..05-16, 05-17..08-16, 08-17..11-16.
- The only recurring activity running this year is routine/study ("2 hours/day", measured in
  hours, for the whole plan); the paper and brand routines run during the ongoing phases 5
  and 6, which start after Phase 4 (in 2027 at the earliest).
- Phase 1's Kaggle module, phases 5 and 6 are ongoing: the plan has no end (``end`` and
  ``weeks_total`` are None); ``plan``'s ``dated_end`` is the last fixed module end.

The plan at 15 h (inside the stated range: scale 1, the stated low ends; a module of N weeks
from S covers S to S + 7N - 1):
  p0-python 4 w (19 items) 2025-11-17..12-14 | linear-algebra 2 w (7) 12-15..12-28 |
  calculus 2 w (7) 12-29..2026-01-11 | probability-statistics 2 w (8) 01-12..01-25 |
  numpy 1 w (5) 01-26..02-01 | pandas 1 w (5) 02-02..02-08 | matplotlib-seaborn 1 w (7)
  02-09..02-15 | git 1 w (5) 02-16..02-22 | command-line 1 w (5) 02-23..03-01 |
  sql 1 w (5) 03-02..03-08  (Phase 0: 16 weeks = 112 days, to 2026-03-08)
  p1: ml-theory 2 w (8), scikit-learn 4 w (18), advanced-ml 3 w (16), feature-engineering
  2 w (7), deployment 2 w (8): 13 weeks, 03-09..06-07; kaggle (6) ongoing from 06-08.
  p2: dl-fundamentals 3 w (11), pytorch 4 w, computer-vision 4 w (24), nlp 4 w (26),
  generative-ai 2 w (8), rl 2 w (8): 19 weeks, 06-08..10-18. p3-computer-vision 8 w
  10-19..12-13. p4: aws 2, gcp 1, azure 1, docker 1, kubernetes 2, pipelines 2, monitoring
  2, optimization 2 weeks = 13 weeks = 91 days, 12-14..2027-03-14. 16 + 13 + 19 + 8 + 13 =
  69 weeks, as decision 38 says.
Milestones at scale 1 fall on the start plus calendar months or weeks: week-1 2025-11-24,
first-month 12-17, first-quarter 2026-02-17, 6 months 05-17, 12 months 11-17.

Scaled windows (10 h is below the range: scale 15 / 10 = 1.5) take round(7 x weeks x 1.5 x
share) days, and Python's round() rounds halves to even: 1 week = 10.5 -> 10 days, 3 weeks =
31.5 -> 32 days; 2 weeks 21, 4 weeks 42, 8 weeks 84. A replan on D moves the milestones
dated from the resume point R (the earliest start of a module not complete) to
D + round((date - R) x new scale / old scale).

Pace (decisions 4, 16, 36): ``days_ahead`` = floor(credited - planned work days + 0.5),
credited = each done item's share of its module's window (after a replan only the items
open on the replan's day, each a share of the new window); planned fraction = (module items
times the share of their window elapsed at the start of the day, items settled by the
replan's day counted as planned, phase items once the phase ended, milestone items once the
milestone passed) / (planned items - skipped). Percentages to one decimal. The projected
finish is day + ceil(remaining / rate x 7) with rate = items done in the last 28 days / 4.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import time_machine

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import tracking
from roadmap_tracker.curriculum.catalog import find_curriculum, load_curriculum
from tests.conftest import FROZEN_NOW
from tests.learner import Learner

SLUG = "complete-ai-engineer"
ROUTINE = "routine/study"
D1, D2, D3, D4, D5 = "2025-11-26", "2026-03-02", "2026-03-15", "2026-08-16", "2026-11-15"
DAYS = (D1, D2, D3, D4, D5)


@cache
def items(part: str) -> list[str]:
    """The item ids of a module, phase (its own items) or milestone, in curriculum order."""
    curriculum = load_curriculum(find_curriculum(SLUG).path, SLUG)
    if part in curriculum.module_index:
        return list(curriculum.item_ids_of(part))
    if part in curriculum.phase_index:
        return list(curriculum.phase_item_ids(part))
    return list(curriculum.milestone_item_ids(part))


def study(learner: Learner, first: str, last: str, weekday: float, saturday: float) -> None:
    """The learner's everyday study time: ``weekday`` hours logged Monday to Friday and
    ``saturday`` hours on Saturday, from ``first`` to ``last``; Sundays free.
    """
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    while day <= end:
        hours = weekday if day.weekday() < 5 else saturday if day.weekday() == 5 else 0
        if hours:
            learner.log(hours, on=day.isoformat())
        day += dt.timedelta(days=1)


def skip(learner: Learner, item: str, reason: str, on: str) -> None:
    """``roadmap skip ITEM --reason REASON --on ON``."""
    session = learner.session(on, change=True)
    tracking.change_state(session, "skip", [item], note=reason, assume_yes=True)


def refusal(change: Callable[[], object]) -> str:
    """The message of the RoadmapError a change raises (it must raise one)."""
    with pytest.raises(RoadmapError) as refused:
        change()
    return refused.value.message


def as_text(view: Any) -> str:
    return json.dumps(view, sort_keys=True, default=str)


class Year:
    """The simulated year: the learner, the views of each chosen day taken right after that
    day's events, the refusals met on the way and the choices listed by ``next``.
    """

    def __init__(self) -> None:
        self.learner = Learner()
        self.views: dict[str, dict[str, Any]] = {}
        self.refused: dict[str, str] = {}
        self.due: dict[str, list[str]] = {}
        self.journal: dict[str, Any] = {}

    def snapshot(self, day: str) -> None:
        learner = self.learner
        self.views[day] = {
            "status": learner.status(day),
            "plan": learner.plan(day),
            "review": learner.review_numbers(day),
            "portfolio": learner.portfolio(day),
        }


def simulate() -> Year:
    year = Year()
    learner = year.learner
    python, la, calc = items("p0-python"), items("p0-linear-algebra"), items("p0-calculus")
    prob, numpy, pandas = items("p0-probability-statistics"), items("p0-numpy"), items("p0-pandas")
    mpl, git, cli = items("p0-matplotlib-seaborn"), items("p0-git"), items("p0-command-line")
    mlt, skl, adv = items("p1-ml-theory"), items("p1-scikit-learn"), items("p1-advanced-ml")
    fe, deploy, kaggle = items("p1-feature-engineering"), items("p1-deployment"), items("p1-kaggle")
    dl, tf, torch = items("p2-dl-fundamentals"), items("p2-tensorflow"), items("p2-pytorch")
    cv = items("p2-computer-vision")
    week1, month1 = items("start/week-1"), items("start/first-month")
    quarter1, months6 = items("start/first-quarter"), items("metrics/6-months")
    # The sizes the arithmetic uses (tasks first, then deliverables, in each module).
    sizes = [len(x) for x in (python, la, calc, prob, numpy, pandas, mpl, git, cli)]
    assert sizes == [19, 7, 7, 8, 5, 5, 7, 5, 5]
    sizes = [len(x) for x in (mlt, skl, adv, fe, deploy, kaggle, dl, tf, torch, cv)]
    assert sizes == [8, 18, 16, 7, 8, 6, 11, 8, 15, 24]
    assert len(items("p0")) == 11

    # --- Phase 0 at 15 h a week (Mondays to Fridays 2 h, Saturdays 3 h: 13 h a week) ------
    learner.start(SLUG, on="2025-11-17", hours=15)
    year.refused["before the start"] = refusal(lambda: learner.check(python[0], on="2025-11-16"))
    study(learner, "2025-11-17", "2025-11-22", 2, 3)
    learner.check(*python[0:3], on="2025-11-18")
    learner.check(*python[3:5], on="2025-11-20")  # recorded on Saturday, back-dated
    learner.log(1.5, on="2025-11-23", task=python[5])  # a Sunday on object-oriented Python
    learner.check(*week1, on="2025-11-23")  # the Week 1 Action Plan's four days
    study(learner, "2025-11-24", "2025-11-26", 2, 3)
    year.refused["routine"] = refusal(lambda: learner.check(ROUTINE, on="2025-11-24"))
    learner.check(*python[5:8], on="2025-11-25")
    learner.log(0.5, on="2025-11-26", task=python[8])  # decorators, after the day's 2 h
    year.refused["include"] = refusal(lambda: learner.include("p2-pytorch", on="2025-11-26"))
    year.snapshot(D1)

    study(learner, "2025-11-27", "2025-12-21", 2, 3)
    learner.check(month1[3], on="2025-12-01")  # set up the learning routine
    learner.check(*python[8:12], on="2025-12-03")
    learner.check(*python[12:15], on="2025-12-10")
    learner.check(*python[15:17], on="2025-12-14")  # calculator, web scraper (deliverables)
    learner.note(python[15], "https://github.com/learner/calculator", on="2025-12-14")
    learner.check(*python[17:19], on="2025-12-20")  # file organizer, REST API: Python done
    learner.check(month1[0], on="2025-12-20")
    study(learner, "2025-12-22", "2026-01-04", 1, 0)  # holidays: 1 h on weekdays
    learner.check(*la[0:4], on="2025-12-22")
    learner.check(*la[4:7], on="2025-12-28")  # recorded after the 12-30 log: back-dated
    learner.journal("Python and linear algebra done over the holidays.", on="2025-12-31")
    study(learner, "2026-01-05", "2026-03-01", 2, 3)
    learner.check(*calc[0:3], on="2026-01-05")
    learner.check(*calc[3:7], on="2026-01-10")
    learner.check(quarter1[3], on="2026-01-10")  # joined AI communities
    skip(learner, prob[7], "scipy.stats does these tests; done in Phase 1", on="2026-01-14")
    learner.check("p0-probability-statistics", on="2026-01-17")  # its 7 open items
    learner.check("p0-numpy", on="2026-01-24")
    learner.check(month1[1], on="2026-01-25")  # math prerequisites finished
    learner.journal("Statistics and NumPy done; pandas next.", on="2026-01-31")
    learner.check("p0-pandas", on="2026-02-01")
    learner.check(*mpl[0:5], on="2026-02-08")
    learner.review(on="2026-02-16", answers={"worked": "Daily 2 h", "next-goals": "Git, SQL"})
    year.refused["second review"] = refusal(lambda: learner.review(on="2026-02-16"))
    learner.check(*mpl[5:7], on="2026-02-18")  # EDA on Titanic, analysis notebook
    learner.check(month1[2], on="2026-02-18")  # first data analysis project
    learner.check(*git[0:2], on="2026-02-22")

    # --- First replan, at 10 h (below the range): Mondays to Fridays 1.5 h, Saturdays 2 h --
    learner.replan("2026-03-02", hours=10)
    study(learner, "2026-03-02", "2026-03-02", 1.5, 2)
    year.snapshot(D2)
    study(learner, "2026-03-03", "2026-03-14", 1.5, 2)
    learner.check(*git[2:5], on="2026-03-05")
    learner.check(*cli[0:3], on="2026-03-12")
    learner.log(1.0, on="2026-03-15", task=cli[3])  # a Sunday hour on SSH
    year.snapshot(D3)

    study(learner, "2026-03-16", "2026-06-07", 1.5, 2)
    learner.check(*cli[3:5], on="2026-03-20")
    learner.check("p0-sql", on="2026-03-25")
    learner.check("p0", on="2026-03-29")  # Phase 0's checklist and checkpoint (11 items)
    learner.check(quarter1[0], on="2026-03-29")
    learner.check(quarter1[1], on="2026-03-30")
    learner.check(*mlt[0:4], on="2026-04-03")
    learner.check(*mlt[4:8], on="2026-04-10")
    learner.check(*skl[0:6], on="2026-04-25")
    learner.check(*skl[6:12], on="2026-05-09")
    learner.review(on="2026-05-17", answers={"worked": "Scikit-learn projects"})
    learner.check(*skl[12:16], on="2026-05-23")
    skip(learner, skl[16], "same as the Titanic prediction", on="2026-05-23")
    learner.check(*adv[0:5], on="2026-06-03")
    learner.check(skl[17], on="2026-06-06")  # scikit-learn complete
    # Two weeks off, 06-08 to 06-21: nothing logged, nothing checked.

    # --- Second replan, without new hours (10 h stay) ----------------------------------------
    learner.replan("2026-06-22")
    study(learner, "2026-06-22", "2026-08-15", 1.5, 2)
    learner.check(*adv[5:10], on="2026-06-27")
    learner.check(*adv[10:13], on="2026-07-04")
    learner.check(*adv[13:16], on="2026-07-11")  # three deliverables: advanced ML done
    learner.check(quarter1[2], on="2026-07-11")  # 3 ML projects built
    learner.journal("Advanced ML done on time after the replan.", on="2026-07-12")
    learner.check(*fe[0:3], on="2026-07-18")
    learner.check(*kaggle[0:2], on="2026-07-25")  # Titanic and house prices on Kaggle
    learner.check(*fe[3:7], on="2026-08-01")
    learner.check(*deploy[0:3], on="2026-08-08")
    learner.check(months6[0], months6[2], on="2026-08-08")
    skip(learner, months6[3], "not job hunting before Phase 2", on="2026-08-08")
    year.refused["tensorflow before the choice"] = refusal(
        lambda: learner.check(tf[0], on="2026-08-10")
    )
    learner.check(*deploy[3:5], on="2026-08-15")
    learner.review(on="2026-08-16", answers={"worked": "Back on the plan"})
    learner.log(3.0, on="2026-08-16", task=deploy[5])  # a long Sunday on the FastAPI deploy
    year.snapshot(D4)

    study(learner, "2026-08-17", "2026-11-14", 1.5, 2)
    year.due["2026-08-17"] = [c["id"] for c in learner.next("2026-08-17")["choices"]]
    year.due["2026-08-18"] = [c["id"] for c in learner.next("2026-08-18")["choices"]]
    learner.choose("p2-framework", "p2-tensorflow", on="2026-08-18")
    learner.check(*deploy[5:8], on="2026-08-22")  # three deliverables: Phase 1 modules done
    learner.check("routine/deep-read", on="2026-08-24")  # one paper read, ahead of Phase 5
    learner.check(*dl[0:4], on="2026-08-29")
    learner.check(*dl[4:8], on="2026-09-12")
    learner.check(*dl[8:11], on="2026-09-19")
    year.refused["pytorch after the choice"] = refusal(
        lambda: learner.check(torch[0], on="2026-09-20")
    )
    learner.check(*tf[0:3], on="2026-10-03")
    learner.log(2.0, on="2026-10-11", task=tf[3])
    learner.check(*tf[3:6], on="2026-10-17")
    learner.choose("p3-specialization", "p3-nlp-llm", "p3-mlops", on="2026-10-24")
    learner.check(*tf[6:8], on="2026-10-31")  # TensorFlow done
    learner.check(*cv[0:4], on="2026-11-07")
    learner.check(*cv[4:8], on="2026-11-14")
    year.refused["computer vision specialization"] = refusal(
        lambda: learner.check(items("p3-computer-vision")[0], on="2026-11-15")
    )
    year.journal = learner.journal("A year in: Phase 2 half done.", on="2026-11-15")
    learner.review(on="2026-11-15", answers={"worked": "TensorFlow", "next-goals": "NLP"})
    year.snapshot(D5)
    return year


@pytest.fixture(scope="module")
def year() -> Year:
    """The year, simulated once for the module under the tests' frozen clock."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        return simulate()


def status_numbers(status: dict[str, Any]) -> dict[str, Any]:
    """The numbers ``roadmap status`` shows, routine/study's as (done, expected) hours."""
    (routine,) = [a for a in status["recurring"] if a["id"] == ROUTINE]
    keys = ["done", "total", "percent", "planned_percent", "days_ahead", "week", "weeks_total"]
    keys += ["end", "projected_finish", "projected_finish_reason", "hours_this_week"]
    found = {key: status[key] for key in keys}
    found["routine"] = (routine["done"], routine["expected"])
    return found


def module_row(plan: dict[str, Any], module_id: str) -> tuple[str, str]:
    (row,) = [r for r in plan["rows"] if r["kind"] == "module" and r["id"] == module_id]
    return row["start"], row["end"]


def review_numbers(review: dict[str, Any]) -> dict[str, Any]:
    numbers = review["numbers"]
    keys = ["period_start", "period_end", "items_done", "hours", "deliverables_done"]
    keys += ["done", "total", "percent", "planned_percent", "days_ahead"]
    found = {key: numbers[key] for key in keys}
    found["whole"] = review["whole"]
    return found


def portfolio_numbers(portfolio: dict[str, Any]) -> tuple[int, int, int]:
    return portfolio["done"], portfolio["total"], portfolio["not_planned"]


# --- Day 1: Wednesday 2025-11-26, the second week ---------------------------------------------


def test_day_1_in_the_second_week(year: Year) -> None:
    views = year.views[D1]
    # Done: Python 3 (11-18) + 2 (11-20) + 3 (11-25) = 8, and the Week 1 plan's 4 items: 12
    # of 463 = 2.59 -> 2.6%. Planned: 9 of Python's 28 days elapsed (11-17..11-25) x 19
    # items = 6.107, and Week 1 (11-24, passed) 4: 10.107 / 463 = 2.18 -> 2.2%.
    # Days ahead: 28 x 8/19 = 11.789 credited - 9 planned = 2.789 -> 3. Week 2 of the ISO
    # weeks from 11-17; no end (ongoing parts). 10 days of record < 14: too early.
    # Hours this week: Monday 2 + Tuesday 2 + Wednesday 2 + 0.5 on decorators = 6.5; the
    # routine counts Wednesday's 2.5 of 2 h.
    assert status_numbers(views["status"]) == {
        "done": 12,
        "total": 463,
        "percent": 2.6,
        "planned_percent": 2.2,
        "days_ahead": 3,
        "week": 2,
        "weeks_total": None,
        "end": None,
        "projected_finish": None,
        "projected_finish_reason": "too early to project",
        "hours_this_week": 6.5,
        "routine": (2.5, 2),
    }
    assert views["status"]["module"]["id"] == "p0-python"
    # The plan of 69 weeks at scale 1: its last fixed end is Phase 4's, 2027-03-14.
    plan = views["plan"]
    assert (plan["end"], plan["dated_end"], plan["scale"]) == (None, "2027-03-14", 1.0)
    assert module_row(plan, "p0-python") == ("2025-11-17", "2025-12-14")
    # The review covers the first period so far, 11-17 to 11-26: the 12 items; hours 5 x 2
    # + 3 + 1.5 (week 1) + 6.5 (this week) = 21.
    assert review_numbers(views["review"]) == {
        "period_start": "2025-11-17",
        "period_end": "2025-11-26",
        "items_done": 12,
        "hours": 21.0,
        "deliverables_done": 0,
        "done": 12,
        "total": 463,
        "percent": 2.6,
        "planned_percent": 2.2,
        "days_ahead": 3,
        "whole": False,
    }
    # No deliverable done of the 65 planned; 15 in the specializations not planned.
    assert portfolio_numbers(views["portfolio"]) == (0, 65, 15)


# The first review period (2025-11-17..2026-02-16), which the reviews of days 2 and 3 cover
# (the latest period ended by the day + 7), as of 02-16 with the plan then (before the
# replan): done Python 19, linear algebra 7, calculus 7, probability 7 (one skipped on
# 01-14), NumPy 5, pandas 5, Matplotlib's 5 tasks (02-08): 55, and milestone items: Week 1
# 4, first-month 3 (12-01, 12-20, 01-25), first-quarter 1 (01-10): 63 of 462 (463 less the
# skipped) = 13.64 -> 13.6%. Planned at the start of 02-16: every module to Matplotlib's
# (ended 02-15) 19 + 7 + 7 + 7 + 5 + 5 + 7 = 57 (the skipped item leaves the count), Week 1
# and first-month 8: 65 / 462 = 14.07 -> 14.1%. Days ahead: credited 28 + 14 + 14 + 14 (a
# skip stands in for done) + 7 + 7 + 7 x 5/7 = 89, planned 28 + 14 + 14 + 14 + 7 + 7 + 7 =
# 91: -2. Hours: 5 weeks of 13 h (11-17..12-21) + 2 holiday weeks of 5 h + 6 weeks of 13 h
# (01-05..02-15) + Monday 02-16 2 h + the extra 1.5 and 0.5 = 65 + 10 + 78 + 2 + 2 = 157.
# Deliverables: Python's 4.
FIRST_PERIOD = {
    "period_start": "2025-11-17",
    "period_end": "2026-02-16",
    "items_done": 63,
    "hours": 157.0,
    "deliverables_done": 4,
    "done": 63,
    "total": 462,
    "percent": 13.6,
    "planned_percent": 14.1,
    "days_ahead": -2,
    "whole": True,
}


# --- Day 2: Monday 2026-03-02, the first replan (10 h) ------------------------------------------


def test_day_2_the_first_replan(year: Year) -> None:
    views = year.views[D2]
    # Done: 63 + Matplotlib's 2 deliverables and first-month's last item (02-18) + Git 2
    # (02-22) = 68 of 462 = 14.72 -> 14.7%. The replan keeps the windows of the modules
    # complete by 03-02 (Python to Matplotlib) and lays out from 03-02 at scale 1.5:
    # Git's 3 open items of 5 round(7 x 1.5 x 3/5 = 6.3) = 6 days 03-02..03-07, command line
    # round(10.5) = 10 days 03-08..03-17, SQL 03-18..03-27, ...
    # Planned on 03-02: every item settled (done or skipped) by the replan's day counts as
    # planned (decision 36), the same 68 items as done: 68 / 462 = 14.7%. (First-quarter,
    # 02-17, is on or after the resume point R = 02-16, Git's first start, so it moves to
    # 03-02 + round(1 x 1.5) = 03-04; its one item done early is settled, so planned.) Days
    # ahead 0: on the plan on its day. Week 16: 03-02 is 105 days =
    # 15 weeks after 11-17. Projection: the 28 days 02-03..03-02 hold Matplotlib 5 + 2, the
    # first-month item 1 and Git 2 = 10 items, 2.5 a week; 394 open / 2.5 x 7 = 1103.2 ->
    # 1104 days: 03-02 + 731 (two years with 2028-02-29) = 2028-03-02, + 365 = 2029-03-02,
    # + 8 = 2029-03-10. Hours: Monday's 1.5 of 2.
    assert status_numbers(views["status"]) == {
        "done": 68,
        "total": 462,
        "percent": 14.7,
        "planned_percent": 14.7,
        "days_ahead": 0,
        "week": 16,
        "weeks_total": None,
        "end": None,
        "projected_finish": "2029-03-10",
        "projected_finish_reason": None,
        "hours_this_week": 1.5,
        "routine": (1.5, 2),
    }
    assert views["status"]["module"]["id"] == "p0-git"
    assert views["status"]["hours_per_week"] == 10
    # The rest laid out at scale 1.5 from 03-27: ML theory 21 days 03-28..04-17,
    # scikit-learn 42 04-18..05-29, advanced ML round(31.5) = 32 05-30..06-30, feature
    # engineering 21 07-01..07-21, deployment 21 07-22..08-11 (Kaggle ongoing from 08-12),
    # DL fundamentals 32 08-12..09-12, PyTorch 42 09-13..10-24, computer vision 42
    # 10-25..12-05, NLP 42 12-06..2027-01-16, generative AI 21 01-17..02-06, RL 21
    # 02-07..02-27, computer vision specialization 84 02-28..05-22, Phase 4 21 + 10 + 10 +
    # 10 + 21 + 21 + 21 + 21 = 135 days 05-23..2027-10-04.
    plan = views["plan"]
    assert (plan["end"], plan["dated_end"], plan["scale"]) == (None, "2027-10-04", 1.5)
    assert module_row(plan, "p0-git") == ("2026-03-02", "2026-03-07")
    assert module_row(plan, "p0-python") == ("2025-11-17", "2025-12-14")  # kept
    assert plan["replans"] == [["2026-03-02", 10]]
    review = views["review"]
    assert review_numbers(review) == FIRST_PERIOD
    assert review["reviewed_before"] == "2026-02-16"
    # Deliverables done: Python 4 + Matplotlib 2 = 6 of 65; 15 not planned.
    assert portfolio_numbers(views["portfolio"]) == (6, 65, 15)


# --- Day 3: Sunday 2026-03-15, two weeks after the first replan --------------------------------


def test_day_3_shortly_after_the_first_replan(year: Year) -> None:
    views = year.views[D3]
    # Done: 68 + Git 3 (03-05) + command line 3 (03-12) = 74 of 462 = 16.02 -> 16.0%.
    # Planned at the start of 03-15: settled by the replan 59, Git's 3 open items over its
    # whole window (03-02..03-07) 3, command line 7 of its 10 days (03-08..03-14) x 5 = 3.5,
    # milestones passed Week 1, first-month and first-quarter (moved to 03-04) 12:
    # 77.5 / 462 = 16.77 -> 16.8%. Days ahead: credited Git 6 x 3/3 + command line 10 x 3/5
    # = 12, planned 6 + 7 = 13: -1 (floor(-0.5)). Week 17 (03-09 is 112 days = 16 weeks on).
    # Projection: 02-16..03-15 hold 2 + 1 (02-18) + 2 (02-22) + 3 + 3 = 11 items, 2.75 a
    # week; 388 open / 2.75 x 7 = 987.6 -> 988 days: 03-15 + 731 = 2028-03-15, + 257 =
    # 2028-11-27. Hours this week: 5 x 1.5 + 2 + the Sunday hour = 10.5; Sunday 1 of 2 h.
    assert status_numbers(views["status"]) == {
        "done": 74,
        "total": 462,
        "percent": 16.0,
        "planned_percent": 16.8,
        "days_ahead": -1,
        "week": 17,
        "weeks_total": None,
        "end": None,
        "projected_finish": "2028-11-27",
        "projected_finish_reason": None,
        "hours_this_week": 10.5,
        "routine": (1.0, 2),
    }
    assert views["status"]["module"]["id"] == "p0-command-line"
    plan = views["plan"]
    assert (plan["end"], plan["dated_end"]) == (None, "2027-10-04")
    assert module_row(plan, "p0-command-line") == ("2026-03-08", "2026-03-17")
    # The latest period ended by 03-22 is still the first.
    assert review_numbers(views["review"]) == FIRST_PERIOD
    assert portfolio_numbers(views["portfolio"]) == (6, 65, 15)


# --- Day 4: Sunday 2026-08-16, eight weeks after the second replan ------------------------------


def test_day_4_well_after_the_second_replan(year: Year) -> None:
    views = year.views[D4]
    # The second replan (06-22, still scale 1.5) keeps every module complete by then (Phase
    # 0, ML theory, scikit-learn with its skipped item) and lays out from 06-22: advanced
    # ML's 11 open items of 16 round(21 x 1.5 x 11/16 = 21.66) = 22 days 06-22..07-13,
    # feature engineering 21 07-14..08-03, deployment 21 08-04..08-24, Kaggle ongoing from
    # 08-25, DL fundamentals 32 08-25..09-25, the framework 42 09-26..11-06, computer vision
    # 42 11-07..12-18, NLP 42 12-19..2027-01-29, generative AI 21 01-30..02-19, RL 21
    # 02-20..03-12, the specialization 84 03-13..06-04, Phase 4 135 days 06-05..2027-10-17.
    # Milestones from its resume point (advanced ML's start then, 05-30) move to 06-22 +
    # (date - 05-30) x 1.5/1.5: the 6-month one, 07-15 after the first replan (03-02 +
    # round((05-17 - 02-16 = 90) x 1.5) = 03-02 + 135), to 06-22 + 46 = 08-07.
    # Done: Phase 0's modules 19 + 7 + 7 + 7 + 5 + 5 + 7 + 5 + 5 + 5 = 72 and its own 11,
    # ML theory 8, scikit-learn 17, advanced ML 16, feature engineering 7, deployment 5,
    # Kaggle 2: 138; milestone items 4 + 4 + 4 + 2 = 14: 152. Total 463 - 3 skipped = 460:
    # 33.04 -> 33.0%. Planned at the start of 08-16: 72 + 8 + 17 + advanced ML 16 (5 settled
    # + 11 over its elapsed window) + feature engineering 7 + deployment 12 of 21 days x 8 =
    # 4.571, Phase 0's own 11 (it ended 03-27), milestones Week 1 4 + first-month 4 +
    # first-quarter 4 + 6 months 3 (one skipped) = 15: 150.571 / 460 = 32.73 -> 32.7%.
    # Days ahead: credited 22 + 21 + 21 x 5/8 = 56.125, planned 22 + 21 + 12 = 55:
    # floor(1.625) = 1. Week 39: 08-10 is 266 days = 38 weeks after 11-17. Projection: the
    # 28 days 07-20..08-16 hold Kaggle 2, feature engineering 4, deployment 3 + 2, 6 months 2:
    # 13 items, 3.25 a week; 308 open / 3.25 x 7 = 663.4 -> 664 days: 08-16 + 365 =
    # 2027-08-16, + 299 = 2028-06-10. Hours this week 5 x 1.5 + 2 + Sunday's 3 = 12.5.
    assert status_numbers(views["status"]) == {
        "done": 152,
        "total": 460,
        "percent": 33.0,
        "planned_percent": 32.7,
        "days_ahead": 1,
        "week": 39,
        "weeks_total": None,
        "end": None,
        "projected_finish": "2028-06-10",
        "projected_finish_reason": None,
        "hours_this_week": 12.5,
        "routine": (3.0, 2),
    }
    assert views["status"]["module"]["id"] == "p1-deployment"
    plan = views["plan"]
    assert (plan["end"], plan["dated_end"]) == (None, "2027-10-17")
    assert module_row(plan, "p1-deployment") == ("2026-08-04", "2026-08-24")
    assert module_row(plan, "p1-scikit-learn") == ("2026-04-18", "2026-05-29")  # kept
    # A replan without new hours records the hours in force: 10.
    assert plan["replans"] == [["2026-03-02", 10], ["2026-06-22", 10]]
    milestones = {m["ref"]: m["date"] for m in plan["milestones"]}
    assert milestones["metrics/6-months"] == "2026-08-07"
    # The third period, 05-17..08-16: scikit-learn 4 + 1, advanced ML 5 + 5 + 3 + 3,
    # first-quarter 1, feature engineering 3 + 4, Kaggle 2, deployment 3 + 2, 6 months 2 =
    # 38 items (152 - 114 done by 05-16); deliverables advanced ML 3 + feature engineering
    # 2 = 5; hours 3 weeks of 9.5 (05-18..06-07) + the break 0 + 8 weeks of 9.5
    # (06-22..08-15) + Sunday's 3 = 28.5 + 76 + 3 = 107.5.
    assert review_numbers(views["review"]) == {
        "period_start": "2026-05-17",
        "period_end": "2026-08-16",
        "items_done": 38,
        "hours": 107.5,
        "deliverables_done": 5,
        "done": 152,
        "total": 460,
        "percent": 33.0,
        "planned_percent": 32.7,
        "days_ahead": 1,
        "whole": True,
    }
    # Deliverables done: Python 4 + Matplotlib 2 + advanced ML 3 + feature engineering 2 =
    # 11 of 65; still 15 not planned (no choice made yet).
    assert portfolio_numbers(views["portfolio"]) == (11, 65, 15)


# --- Day 5: Sunday 2026-11-15, the last day -------------------------------------------------------


def test_day_5_the_last_day(year: Year) -> None:
    views = year.views[D5]
    # Choices: TensorFlow (8 items) for PyTorch (15), NLP & LLM and MLOps (2 x 25) for
    # computer vision (25): 463 - 15 + 8 - 25 + 50 = 481 planned, 478 less 3 skipped.
    # Done: 138 + deployment 3 + DL fundamentals 11 + TensorFlow 8 + computer vision 8 = 168
    # module items + 14 milestone items = 182 of 478 = 38.08 -> 38.1%. Planned at the start
    # of 11-15 (same windows, TensorFlow in PyTorch's): 72 + 8 + 17 + 16 + 7 + deployment 8
    # + DL fundamentals 11 + TensorFlow 8 (their windows over) + computer vision 8 of 42 days
    # (11-07..11-14) x 24 = 4.571, Phase 0's own 11, milestones 15 (the 12-month one, first
    # 2026-11-17, went to 03-02 + round(274 x 1.5) = 2027-04-17, then to 06-22 + 322 =
    # 2027-05-10): 177.571 / 478 = 37.15 -> 37.1%. Days ahead: credited 22 + 21 + 21 + 32 + 42
    # + 42 x 8/24 = 152, planned 22 + 21 + 21 + 32 + 42 + 8 = 146: 6. Week 52: 11-09 is 357
    # days = 51 weeks after 11-17. Projection: 10-19..11-15 hold TensorFlow 2, computer
    # vision 4 + 4 = 10 items, 2.5 a week; 296 open / 2.5 x 7 = 828.8 -> 829 days: 11-15 +
    # 731 = 2028-11-15, + 98 = 2029-02-21. Hours this week 5 x 1.5 + 2 = 9.5; Sunday 0 of 2.
    assert status_numbers(views["status"]) == {
        "done": 182,
        "total": 478,
        "percent": 38.1,
        "planned_percent": 37.1,
        "days_ahead": 6,
        "week": 52,
        "weeks_total": None,
        "end": None,
        "projected_finish": "2029-02-21",
        "projected_finish_reason": None,
        "hours_this_week": 9.5,
        "routine": (0, 2),
    }
    status = views["status"]
    # The paper routine checked on 08-24 runs in Phase 5 only: routine/study alone is shown.
    # (status's own "module" is not asserted on this day: from Kaggle's start, 08-25, it
    # names the ongoing p1-kaggle, whose open window holds every later day, and "phase" p1,
    # instead of the plan's p2-computer-vision and p2.)
    assert [a["id"] for a in status["recurring"]] == [ROUTINE]
    assert [(s["id"], s["reason"]) for s in status["skipped"]] == [
        (items("p0-probability-statistics")[7], "scipy.stats does these tests; done in Phase 1"),
        (items("p1-scikit-learn")[16], "same as the Titanic prediction"),
        (items("metrics/6-months")[3], "not job hunting before Phase 2"),
    ]
    assert [m["id"] for m in status["not_planned"]] == [
        "p2-pytorch",
        "p3-computer-vision",
        "p3-research",
    ]
    # Two specializations of 84 days from 2027-03-13: NLP & LLM to 06-04, MLOps
    # 06-05..08-27; Phase 4's 135 days 08-28..2028-01-09.
    plan = views["plan"]
    assert (plan["end"], plan["dated_end"]) == (None, "2028-01-09")
    assert module_row(plan, "p2-computer-vision") == ("2026-11-07", "2026-12-18")
    assert module_row(plan, "p2-tensorflow") == ("2026-09-26", "2026-11-06")
    assert module_row(plan, "p3-mlops") == ("2027-06-05", "2027-08-27")
    # The fourth period, 08-17..11-16, as of 11-15: deployment 3, DL fundamentals 11,
    # TensorFlow 8, computer vision 8 = 30 items (182 - 152); deliverables deployment's 3;
    # hours 13 weeks of 9.5 (08-17..11-14) + 2 on 10-11 = 125.5.
    assert review_numbers(views["review"]) == {
        "period_start": "2026-08-17",
        "period_end": "2026-11-15",
        "items_done": 30,
        "hours": 125.5,
        "deliverables_done": 3,
        "done": 182,
        "total": 478,
        "percent": 38.1,
        "planned_percent": 37.1,
        "days_ahead": 6,
        "whole": True,
    }
    # Deliverables done 11 + deployment 3 = 14; planned 65 - 5 (computer vision
    # specialization) + 10 (NLP & LLM, MLOps) = 70; not planned 80 - 70 = 10.
    assert portfolio_numbers(views["portfolio"]) == (14, 70, 10)


# --- What was refused, and when the framework came due ------------------------------------------


def test_what_the_year_refused(year: Year) -> None:
    refused = year.refused
    assert refused["before the start"].startswith(
        "2025-11-16 is before your enrollment in complete-ai-engineer starts, on 2025-11-17"
    )
    assert "measured in hours" in refused["routine"]
    assert "has no optional modules" in refused["include"]
    assert "already reviewed 2025-11-17 to 2026-02-16 on 2026-02-16" in refused["second review"]
    assert "until you choose, the plan takes p2-pytorch" in refused["tensorflow before the choice"]
    assert "you chose p2-tensorflow" in refused["pytorch after the choice"]
    assert "you chose p3-nlp-llm, p3-mlops" in refused["computer vision specialization"]
    # The framework is due 7 days before Phase 2 starts in the plan of the second replan
    # (08-25): from 08-18. The specialization (Phase 3 from 2027-03-13) is not due yet.
    assert year.due == {"2026-08-17": [], "2026-08-18": ["p2-framework"]}
    # No journal section: entries are kept, count for no activity and fall due never.
    assert (year.journal["activity"], year.journal["next_due"]) == (None, None)


# --- True in time: each day's views are what they were on that day ------------------------------


def test_the_views_of_each_day_stay_what_they_were(year: Year) -> None:
    """Each chosen day's views, taken right after that day's events, are the same at the end
    of the year, after every later check, skip, log, choice, replan and review.
    """
    learner = year.learner
    for day in DAYS:
        then = year.views[day]
        assert as_text(learner.status(day)) == as_text(then["status"]), day
        assert as_text(learner.plan(day)) == as_text(then["plan"]), day
        assert as_text(learner.review_numbers(day)) == as_text(then["review"]), day
        assert as_text(learner.portfolio(day)) == as_text(then["portfolio"]), day
