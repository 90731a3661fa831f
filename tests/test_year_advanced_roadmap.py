"""A simulated year in advanced-roadmap (issue 23, "Done when"): a learner enrolls on Monday
2025-11-17 and studies until Sunday 2026-11-15; what status, plan, next, review and
portfolio say on five chosen days is asserted exactly, with the arithmetic in comments.

The facts of curricula/advanced-roadmap.yaml the arithmetic uses (checked by the first
test): no durations and no weekly hours anywhere, so the plan has no dates (planned percent,
days ahead, weeks total: null) and no recurring activities; six phases of one module each,
except step5 whose three modules are the options of the choice group ``specialization``
(``pick: one``, no ``recommended``, so its first option s5-nlp is planned until a choice,
decision 38):

    s1 6 tasks, s2 4, s3 4, s4 4, s5-nlp 5 | s5-cv 5 | s5-healthcare 5, projects 4 deliverables

so the plan counts 6 + 4 + 4 + 4 + 5 + 4 = 27 items (one option of step5), less the skipped
ones (decision 36's one denominator). The curriculum declares no ``journal:`` and no
``review:``: journal entries are kept without a due day, and ``review`` uses the default
quarterly review (``journal.review_plan``), whose periods run from the start by calendar
months: 2025-11-17 to 2026-02-16 (P0), 2026-02-17 to 05-16 (P1), 05-17 to 08-16 (P2),
08-17 to 11-16 (P3).

Recent pace (decision 16): items done in the 28 days ending on the day asked (since the start
when shorter) per week; a finish is projected at that pace from the end of day 14 on
(decision 39): day + ceil(remaining / rate x 7).

Study time: every week 1.5 h on Tuesday and 2 h on Saturday (3.5 h a week), except two
holidays (2025-12-22 to 2026-01-04, 2026-08-03 to 08-16), plus the ``log --task`` entries
written out in the script.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.commands import tracking
from roadmap_tracker.curriculum.catalog import load_slug
from tests.conftest import FROZEN_NOW
from tests.learner import Learner

SLUG = "advanced-roadmap"
START = "2025-11-17"  # a Monday
FIRST_WEEKS = "2025-11-26"  # Wednesday of week 2
BEFORE_CHOICE = "2026-03-13"  # Friday
CHOICE = "2026-03-14"  # Saturday: specialization s5-cv chosen
MID_YEAR = "2026-05-17"  # Sunday, six months on
LAST = "2026-11-15"  # Sunday, the end of week 52
DAYS = [FIRST_WEEKS, BEFORE_CHOICE, CHOICE, MID_YEAR, LAST]
HOLIDAYS = [("2025-12-22", "2026-01-04"), ("2026-08-03", "2026-08-16")]

NO_DATES = "advanced-roadmap states no durations, so its plan has no dates to move."
TOO_EARLY = "too early to project"
NO_RECENT = "no items done in the last four weeks"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def study_logs(learner: Learner, first: str, last: str) -> None:
    """Log 1.5 h every Tuesday and 2 h every Saturday from ``first`` to ``last``, holidays
    left out.
    """
    current, end = day(first), day(last)
    while current <= end:
        away = any(day(a) <= current <= day(b) for a, b in HOLIDAYS)
        hours = {1: 1.5, 5: 2.0}.get(current.weekday())
        if hours is not None and not away:
            learner.log(hours, on=current.isoformat())
        current += dt.timedelta(days=1)


def skip(learner: Learner, item: str, reason: str, on: str) -> None:
    """``roadmap skip ITEM --reason REASON --on ON`` (the Learner's ``mark`` gives no reason)."""
    session = learner.session(on, change=True)
    tracking.change_state(session, "skip", [item], note=reason, assume_yes=True)


def refusal(change: Callable[[], Any]) -> tuple[str, str | None]:
    """The sentence and hint of the RoadmapError a change raises (it must raise one)."""
    with pytest.raises(RoadmapError) as raised:
        change()
    return str(raised.value), raised.value.hint


@dataclass
class Year:
    learner: Learner
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)  # views taken on the day
    refused: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    reviews: dict[str, Any] = field(default_factory=dict)  # recorded reviews by day


def views(learner: Learner, on: str) -> dict[str, Any]:
    return {
        "status": learner.status(on),
        "plan": learner.plan(on),
        "next": learner.next(on),
        "portfolio": learner.portfolio(on),
        "review": learner.review_numbers(on),
    }


def live_a_year() -> Year:
    """The script, in the order the learner records it; views of each chosen day are taken
    right after that day's last event.
    """
    learner = Learner()
    year = Year(learner)
    ask = year.refused

    # --- Up to FIRST_WEEKS (2025-11-26) ---------------------------------------------------
    learner.start(SLUG, on=START)
    study_logs(learner, START, FIRST_WEEKS)  # 11-18 1.5, 11-22 2.0, 11-25 1.5
    learner.check("s1/transfer-learning", on="2025-11-20")
    learner.journal("Fine-tuned a ResNet on my photos.", on="2025-11-21")
    learner.log(1.0, on="2025-11-24", task="s1/detection-segmentation")
    learner.check("s1/detection-segmentation", on="2025-11-26")
    year.seen[FIRST_WEEKS] = views(learner, FIRST_WEEKS)

    # --- Up to BEFORE_CHOICE (2026-03-13) -------------------------------------------------
    study_logs(learner, "2025-11-27", BEFORE_CHOICE)
    learner.check("s1/lstm-gru", on="2025-12-02")
    learner.check("s1/seq2seq-attention", on="2025-12-09")
    learner.check("s1/fine-tune-llms", on="2025-12-20")
    learner.check("s1/transformers", on="2025-12-17")  # back-dated, recorded after 12-20's
    learner.journal("Holidays: read the T5 paper.", on="2026-01-03")
    ask["replan 2026-01-12"] = refusal(lambda: learner.replan("2026-01-12", hours=6))
    ask["include s1"] = refusal(lambda: learner.include("s1", on="2026-01-12"))
    learner.check("s2/rl-fundamentals", on="2026-01-13")
    learner.check("s2/value-based", on="2026-01-24")
    learner.check("s2/policy-based", on="2026-02-07")
    skip(learner, "s2/applications", "The game-playing project covers it.", on="2026-02-10")
    year.reviews["2026-02-16"] = learner.review("2026-02-16", {"worked": "Steady evenings"})
    learner.check("s3/vaes", on="2026-02-21")
    learner.check("s3/gans", on="2026-02-28")
    ask["check s5-cv/opencv"] = refusal(lambda: learner.check("s5-cv/opencv", on="2026-03-05"))
    learner.check("s5-nlp/hugging-face-transformers", on="2026-03-07")  # the default option
    learner.log(1.0, on="2026-03-10", task="s5-nlp/spacy")
    learner.check("s3/diffusion", on="2026-03-12")
    learner.journal("NLP or vision? Trying both this week.", on=BEFORE_CHOICE)
    year.seen[BEFORE_CHOICE] = views(learner, BEFORE_CHOICE)

    # --- CHOICE (2026-03-14) ------------------------------------------------------------
    study_logs(learner, CHOICE, CHOICE)  # Saturday: 2.0
    learner.choose("specialization", "s5-cv", on=CHOICE)
    learner.check("s5-cv/opencv", on=CHOICE)
    ask["check s5-nlp/spacy"] = refusal(lambda: learner.check("s5-nlp/spacy", on=CHOICE))
    year.seen[CHOICE] = views(learner, CHOICE)

    # --- Up to MID_YEAR (2026-05-17) ----------------------------------------------------
    study_logs(learner, "2026-03-15", MID_YEAR)
    learner.check("s3/applications", on="2026-03-21")
    learner.check("s4/scalable-training", on="2026-04-04")
    learner.check("s4/deployment", on="2026-04-18")
    learner.check("s4/monitoring", on="2026-05-02")
    skip(learner, "s4/data-pipelines", "I run Kafka and Spark at work.", on="2026-05-09")
    learner.check("s5-cv/object-detection", on="2026-05-16")
    learner.check("s5-cv/detectron2", on="2026-05-12")  # back-dated, recorded after 05-16's
    learner.log(1.0, on=MID_YEAR, task="s5-cv/face-recognition")
    year.seen[MID_YEAR] = views(learner, MID_YEAR)

    # --- Up to LAST (2026-11-15) ------------------------------------------------------------
    study_logs(learner, "2026-05-18", LAST)
    year.reviews["2026-05-18"] = learner.review("2026-05-18", {"next-goals": "Projects"})
    ask["review 2026-05-20"] = refusal(lambda: learner.review("2026-05-20"))
    learner.check("s5-cv/face-recognition", on="2026-05-23")
    skip(learner, "s5-cv/ar-vr", "No headset to test on.", on="2026-05-30")
    learner.check("projects/generative-art", on="2026-06-13")
    learner.note("projects/generative-art", "Gallery of 40 diffusion prints.", on="2026-06-13")
    ask["replan 2026-07-06"] = refusal(lambda: learner.replan("2026-07-06"))
    learner.check("projects/game-playing", on="2026-07-25")
    learner.journal("Back from holidays; chatbot next.", on="2026-08-20")
    learner.check("projects/chatbot", on="2026-09-19")
    learner.mark("doing", "projects/autonomous-vehicle", on="2026-10-03")
    learner.log(3.0, on="2026-10-10", task="projects/autonomous-vehicle")
    learner.log(2.5, on=LAST, task="projects/autonomous-vehicle")
    year.reviews[LAST] = learner.review(LAST, {"worked": "Projects over courses"})
    year.seen[LAST] = views(learner, LAST)
    return year


@pytest.fixture(scope="module")
def year() -> Iterator[Year]:
    """The year, lived once per module under the tests' frozen clock (the autouse fixture
    that freezes it is per test, so it is not running yet here).
    """
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield live_a_year()


def rows(plan: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """``plan``'s rows as {id: (done, total)}."""
    return {row["id"]: (row["done"], row["total"]) for row in plan["rows"]}


def unplanned(view: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The modules a view lists as not planned, as {id: (done, total)}."""
    return {entry["id"]: (entry["done"], entry["total"]) for entry in view["not_planned"]}


def ids(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["id"] for entry in entries]


# --- The facts the arithmetic stands on -----------------------------------------------------


def test_the_curriculum_is_what_the_arithmetic_assumes() -> None:
    curriculum = load_slug(SLUG)
    counts = {m.id: len(curriculum.item_ids_of(m.id)) for m in curriculum.modules}
    assert counts == {
        "s1": 6,
        "s2": 4,
        "s3": 4,
        "s4": 4,
        "s5-nlp": 5,
        "s5-cv": 5,
        "s5-healthcare": 5,
        "projects": 4,
    }
    deliverables = [i.id for i in curriculum.items if i.kind == "deliverable"]
    assert [i.split("/")[0] for i in deliverables] == ["projects"] * 4
    (group,) = curriculum.choices
    assert (group.id, group.pick, group.recommended) == ("specialization", "one", None)
    assert list(group.options) == ["s5-nlp", "s5-cv", "s5-healthcare"]
    assert curriculum.journal is None and curriculum.review is None
    assert not curriculum.recurring and not curriculum.milestones


# --- What the year refused ------------------------------------------------------------------


def test_what_the_year_refused(year: Year) -> None:
    # Replan lays modules out again from a day; with no durations there is nothing to lay
    # out (decision 16), so both attempts are refused, with or without new hours.
    assert year.refused["replan 2026-01-12"][0] == NO_DATES
    assert year.refused["replan 2026-07-06"][0] == NO_DATES
    # include takes an optional module; this curriculum has none.
    assert year.refused["include s1"][0] == "advanced-roadmap has no optional modules to include."
    # Before the choice the plan holds s5-nlp (the first option): Computer Vision is refused,
    # with the command that plans it (decision 38).
    assert year.refused["check s5-cv/opencv"] == (
        "Cannot check s5-cv/opencv: s5-cv Computer Vision is an option of specialization "
        "not in your plan (until you choose, the plan takes s5-nlp).",
        "Run 'roadmap choose specialization s5-cv' to bring it into your plan; "
        "nothing was recorded.",
    )
    # After choosing s5-cv, the NLP option is the one refused.
    assert year.refused["check s5-nlp/spacy"][0] == (
        "Cannot check s5-nlp/spacy: s5-nlp Natural Language Processing (NLP) is an option of "
        "specialization not in your plan (you chose s5-cv)."
    )
    # A second review of P1 (reviewed on 05-18) without --again (decision 40).
    assert year.refused["review 2026-05-20"][0] == (
        "You already reviewed 2026-02-17 to 2026-05-16 on 2026-05-18; add --again to record "
        "another review of it."
    )


def test_the_recorded_reviews_cover_whole_quarters(year: Year) -> None:
    # 02-16: the latest period ended by 02-16 + 7 days is P0, 2025-11-17 to 2026-02-16.
    # Done in it: s1's 6 (11-20, 11-26, 12-02, 12-09, 12-17, 12-20) and s2's first 3
    # (01-13, 01-24, 02-07) = 9; s2/applications was skipped (02-10), so the plan counts
    # 27 - 1 = 26: 9 / 26 = 34.6 %. Hours: 11 weeks of 3.5 h (weeks of 11-17 to 12-15 and
    # 01-05 to 02-09; the two holiday weeks none; 02-16's Tuesday is after the period)
    # = 38.5, plus 1.0 on 11-24 = 39.5.
    p0 = year.reviews["2026-02-16"]
    assert (p0["period_start"], p0["period_end"], p0["whole"]) == ("2025-11-17", "2026-02-16", True)
    numbers = p0["numbers"]
    assert (numbers["items_done"], numbers["hours"], numbers["deliverables_done"]) == (9, 39.5, 0)
    assert (numbers["done"], numbers["total"], numbers["percent"]) == (9, 26, 34.6)
    assert (numbers["planned_percent"], numbers["days_ahead"]) == (None, None)
    assert [a["answer"] for a in p0["answers"] if a["id"] == "worked"] == ["Steady evenings"]
    # 05-18: P1, 2026-02-17 to 05-16, as MID_YEAR's review numbers below.
    p1 = year.reviews["2026-05-18"]
    assert (p1["period_start"], p1["period_end"], p1["whole"]) == ("2026-02-17", "2026-05-16", True)
    assert (p1["numbers"]["items_done"], p1["numbers"]["hours"]) == (10, 46.5)
    # LAST: 11-15 + 7 days reaches P3's end (11-16): the review covers P3, 2026-08-17 to
    # 11-16, with the numbers of 08-17 to 11-15 (LAST's review numbers below).
    p3 = year.reviews[LAST]
    assert (p3["period_start"], p3["period_end"], p3["whole"]) == ("2026-08-17", "2026-11-16", True)
    assert (p3["numbers"]["as_of"], p3["numbers"]["items_done"]) == (LAST, 1)


# --- Day 1: FIRST_WEEKS, Wednesday 2025-11-26 -------------------------------------------------


def test_first_weeks(year: Year) -> None:
    seen = year.seen[FIRST_WEEKS]
    status = seen["status"]
    # Done: s1/transfer-learning (11-20), s1/detection-segmentation (11-26) = 2 of 27
    # (s5-nlp planned by default): 2 / 27 = 7.4 %.
    assert (status["done"], status["total"], status["percent"]) == (2, 27, 7.4)
    assert (status["planned_percent"], status["days_ahead"], status["dated"]) == (None, None, False)
    # Week 2 (the ISO week of 11-24 after the start's); no end, so no weeks total.
    assert (status["week"], status["weeks_total"], status["end"]) == (2, None, None)
    # 10 days of record (11-17 to 11-26) < 14: no projection. Rate: 2 items in 10 days
    # = 2 / (10 / 7) = 1.4 a week.
    assert status["projected_finish"] is None
    assert status["projected_finish_reason"] == TOO_EARLY
    assert status["items_per_week"] == 1.4
    # This week (11-24 to 11-26): 1.0 on 11-24 (--task) + 1.5 on Tuesday 11-25 = 2.5.
    assert status["hours_this_week"] == 2.5
    assert status["completed_this_week"] == ["s1/detection-segmentation"]
    # The two options other than the default, none of their 5 items done.
    assert unplanned(status) == {"s5-cv": (0, 5), "s5-healthcare": (0, 5)}
    assert [e["command"] for e in status["not_planned"]] == [
        "roadmap choose specialization s5-cv",
        "roadmap choose specialization s5-healthcare",
    ]

    plan = seen["plan"]
    # Each phase followed by its planned module; step5 holds the default option only.
    assert rows(plan) == {
        "step1": (2, 6),
        "s1": (2, 6),
        "step2": (0, 4),
        "s2": (0, 4),
        "step3": (0, 4),
        "s3": (0, 4),
        "step4": (0, 4),
        "s4": (0, 4),
        "step5": (0, 5),
        "s5-nlp": (0, 5),
        "final": (0, 4),
        "projects": (0, 4),
    }
    assert (plan["dated"], plan["end"], plan["replans"]) == (False, None, [])
    assert unplanned(plan) == {"s5-cv": (0, 5), "s5-healthcare": (0, 5)}

    upcoming = seen["next"]
    # s1's first two done: its third is next. 27 - 2 = 25 to go. Without dates a choice is
    # always due (decision 16), the plan holding s5-nlp until then.
    assert upcoming["tasks"][0]["id"] == "s1/lstm-gru"
    assert (upcoming["in_progress"], upcoming["remaining"]) == ([], 25)
    assert [(c["id"], c["planned"]) for c in upcoming["choices"]] == [
        ("specialization", ["s5-nlp"])
    ]

    # The four final projects are the only deliverables; none done.
    portfolio = seen["portfolio"]
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (0, 4, 0)

    # In the first quarter, more than a week before its end: the period so far, 11-17 to
    # 11-26. Hours: 1.5 (11-18) + 2.0 (11-22) + 1.0 (11-24) + 1.5 (11-25) = 6.0.
    review = seen["review"]
    assert (review["period_start"], review["period_end"], review["whole"]) == (
        START,
        FIRST_WEEKS,
        False,
    )
    numbers = review["numbers"]
    assert (numbers["items_done"], numbers["hours"], numbers["done"], numbers["total"]) == (
        2,
        6.0,
        2,
        27,
    )


# --- Day 2: BEFORE_CHOICE, Friday 2026-03-13 --------------------------------------------------


def test_the_day_before_the_choice(year: Year) -> None:
    seen = year.seen[BEFORE_CHOICE]
    status = seen["status"]
    # Done: s1 6, s2 3 (its applications skipped), s3 3 (vaes, gans, diffusion), s5-nlp 1
    # (hugging-face-transformers, the default option) = 13. Counted: 27 - 1 skipped = 26.
    # 13 / 26 = 50.0 %.
    assert (status["done"], status["total"], status["percent"]) == (13, 26, 50.0)
    assert (status["planned_percent"], status["days_ahead"]) == (None, None)
    # Week 17: 11-17 to the Monday 03-09 is 112 days = 16 weeks.
    assert status["week"] == 17
    # Last 28 days, 02-14 to 03-13: vaes 02-21, gans 02-28, hugging-face 03-07, diffusion
    # 03-12 = 4 items in 4 weeks = 1.0 a week; 13 to go: 13 / 1.0 x 7 = 91 days after 03-13
    # = 2026-06-12 (18 days to 03-31, 30 in April, 31 in May: 79; 12 more).
    assert status["items_per_week"] == 1.0
    assert (status["projected_finish"], status["projected_finish_reason"]) == ("2026-06-12", None)
    # This week: 1.5 (Tuesday 03-10) + 1.0 on s5-nlp/spacy (03-10) = 2.5.
    assert status["hours_this_week"] == 2.5
    assert [(s["id"], s["reason"]) for s in status["skipped"]] == [
        ("s2/applications", "The game-playing project covers it.")
    ]
    assert unplanned(status) == {"s5-cv": (0, 5), "s5-healthcare": (0, 5)}

    plan = seen["plan"]
    assert rows(plan) == {
        "step1": (6, 6),
        "s1": (6, 6),
        "step2": (3, 3),  # 4 less the skipped one
        "s2": (3, 3),
        "step3": (3, 4),
        "s3": (3, 4),
        "step4": (0, 4),
        "s4": (0, 4),
        "step5": (1, 5),
        "s5-nlp": (1, 5),
        "final": (0, 4),
        "projects": (0, 4),
    }

    upcoming = seen["next"]
    # s5-nlp/spacy has study time and is open: in progress. The first open item in
    # curriculum order is s3's last. 26 - 13 = 13 to go; the choice is still due.
    assert [(i["id"], i["hours"]) for i in upcoming["in_progress"]] == [("s5-nlp/spacy", 1.0)]
    assert upcoming["tasks"][0]["id"] == "s3/applications"
    assert upcoming["remaining"] == 13
    assert [c["id"] for c in upcoming["choices"]] == ["specialization"]

    portfolio = seen["portfolio"]
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (0, 4, 0)

    # 03-13 + 7 days is in P1, so the review covers P0 (2025-11-17 to 2026-02-16), reviewed
    # on 02-16, with its numbers as of 02-16 (see the recorded review: 9 items, 39.5 h,
    # 9 of 26).
    review = seen["review"]
    assert (review["period_start"], review["period_end"], review["reviewed_before"]) == (
        START,
        "2026-02-16",
        "2026-02-16",
    )
    numbers = review["numbers"]
    assert (numbers["items_done"], numbers["hours"], numbers["done"], numbers["total"]) == (
        9,
        39.5,
        9,
        26,
    )


# --- Day 3: CHOICE, Saturday 2026-03-14 -------------------------------------------------------


def test_the_day_of_the_choice(year: Year) -> None:
    seen = year.seen[CHOICE]
    status = seen["status"]
    # s5-cv replaces s5-nlp (5 items for 5): hugging-face-transformers leaves the count and
    # s5-cv/opencv joins it. Done: 13 - 1 + 1 = 13 of 26 (one skip): 50.0 %.
    assert (status["done"], status["total"], status["percent"]) == (13, 26, 50.0)
    # Last 28 days, 02-15 to 03-14: vaes, gans, diffusion, opencv = 4 (hugging-face is no
    # longer counted) = 1.0 a week; 13 to go: 91 days after 03-14 = 2026-06-13.
    assert status["items_per_week"] == 1.0
    assert (status["projected_finish"], status["projected_finish_reason"]) == ("2026-06-13", None)
    # This week: 2.5 (Tuesday) + 2.0 (Saturday 03-14) = 4.5; done in it: diffusion (03-12)
    # and opencv (03-14).
    assert status["hours_this_week"] == 4.5
    assert status["completed_this_week"] == ["s3/diffusion", "s5-cv/opencv"]
    # NLP is out of the plan now, with its one done item kept (not counted).
    assert unplanned(status) == {"s5-nlp": (1, 5), "s5-healthcare": (0, 5)}
    assert status["not_planned"][0]["command"] == "roadmap choose specialization s5-nlp"

    plan = seen["plan"]
    assert {k: v for k, v in rows(plan).items() if k.startswith(("step5", "s5"))} == {
        "step5": (1, 5),
        "s5-cv": (1, 5),
    }
    assert rows(plan)["step3"] == (3, 4)
    assert unplanned(plan) == {"s5-nlp": (1, 5), "s5-healthcare": (0, 5)}

    upcoming = seen["next"]
    # The choice is made: none due. Still 26 - 13 = 13 to go, s3's last first. Nothing in
    # progress: s5-nlp/spacy (1 h logged) left the plan today, and a check of it is refused.
    assert upcoming["in_progress"] == []
    assert upcoming["choices"] == []
    assert upcoming["tasks"][0]["id"] == "s3/applications"
    assert upcoming["remaining"] == 13

    portfolio = seen["portfolio"]
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (0, 4, 0)

    # Still P0's review (03-14 + 7 days is before P1 ends), its numbers as of 02-16.
    numbers = seen["review"]["numbers"]
    assert (numbers["items_done"], numbers["hours"], numbers["done"], numbers["total"]) == (
        9,
        39.5,
        9,
        26,
    )


# --- Day 4: MID_YEAR, Sunday 2026-05-17 -------------------------------------------------------


def test_mid_year(year: Year) -> None:
    seen = year.seen[MID_YEAR]
    status = seen["status"]
    # Done: s1 6, s2 3, s3 4, s4 3 (data-pipelines skipped), s5-cv 3 (opencv, detectron2,
    # object-detection) = 19. Counted: 27 - 2 skipped = 25. 19 / 25 = 76.0 %.
    assert (status["done"], status["total"], status["percent"]) == (19, 25, 76.0)
    assert (status["planned_percent"], status["days_ahead"]) == (None, None)
    # Week 26: 03-09 to the Monday 05-11 is 63 days = 9 weeks after week 17.
    assert status["week"] == 26
    # Last 28 days, 04-20 to 05-17: monitoring 05-02, detectron2 05-12, object-detection
    # 05-16 = 3 in 4 weeks = 0.75 a week; 6 to go: 6 / 0.75 x 7 = 56 days after 05-17
    # = 2026-07-12 (14 days to 05-31, 30 in June, 12 in July).
    assert status["items_per_week"] == 0.75
    assert (status["projected_finish"], status["projected_finish_reason"]) == ("2026-07-12", None)
    # This week (05-11 to 05-17): 1.5 + 2.0 + 1.0 (05-17, on face-recognition) = 4.5.
    assert status["hours_this_week"] == 4.5
    assert [(s["id"], s["reason"]) for s in status["skipped"]] == [
        ("s2/applications", "The game-playing project covers it."),
        ("s4/data-pipelines", "I run Kafka and Spark at work."),
    ]
    assert unplanned(status) == {"s5-nlp": (1, 5), "s5-healthcare": (0, 5)}

    plan = seen["plan"]
    assert rows(plan) == {
        "step1": (6, 6),
        "s1": (6, 6),
        "step2": (3, 3),
        "s2": (3, 3),
        "step3": (4, 4),
        "s3": (4, 4),
        "step4": (3, 3),
        "s4": (3, 3),
        "step5": (3, 5),
        "s5-cv": (3, 5),
        "final": (0, 4),
        "projects": (0, 4),
    }

    upcoming = seen["next"]
    # s5-cv: 3 done, face-recognition has study time (in progress), ar-vr is next.
    # 25 - 19 = 6 to go. (s5-nlp/spacy, out of the plan since the choice, is not offered.)
    assert ids(upcoming["in_progress"]) == ["s5-cv/face-recognition"]
    assert upcoming["tasks"][0]["id"] == "s5-cv/ar-vr"
    assert upcoming["remaining"] == 6

    portfolio = seen["portfolio"]
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (0, 4, 0)

    # 05-17 + 7 days is past P1's end (05-16): P1, 2026-02-17 to 05-16, not yet reviewed.
    # Done in it (counted by the plan of 05-17, so not hugging-face): vaes, gans,
    # diffusion, opencv, s3/applications, scalable-training, deployment, monitoring,
    # detectron2, object-detection = 10. Hours: 13 weeks of 3.5 h (weeks of 02-16 to 05-11;
    # 02-16's Tuesday 02-17 falls in the period) = 45.5, + 1.0 on spacy (03-10) = 46.5.
    # As of 05-16 the status is the same 19 of 25 (nothing was done on 05-17).
    review = seen["review"]
    assert (review["period_start"], review["period_end"], review["reviewed_before"]) == (
        "2026-02-17",
        "2026-05-16",
        None,
    )
    numbers = review["numbers"]
    assert numbers["item_ids"] == [
        "s3/vaes",
        "s3/gans",
        "s3/diffusion",
        "s5-cv/opencv",
        "s3/applications",
        "s4/scalable-training",
        "s4/deployment",
        "s4/monitoring",
        "s5-cv/detectron2",
        "s5-cv/object-detection",
    ]
    assert (numbers["hours"], numbers["deliverables_done"]) == (46.5, 0)
    assert (numbers["done"], numbers["total"], numbers["percent"]) == (19, 25, 76.0)


# --- Day 5: LAST, Sunday 2026-11-15 -----------------------------------------------------------


def test_the_last_day(year: Year) -> None:
    seen = year.seen[LAST]
    status = seen["status"]
    # Done: s1 6, s2 3, s3 4, s4 3, s5-cv 4 (ar-vr skipped), projects 3 (generative-art,
    # game-playing, chatbot) = 23. Counted: 27 - 3 skipped = 24. 23 / 24 = 95.8 %.
    assert (status["done"], status["total"], status["percent"]) == (23, 24, 95.8)
    assert (status["planned_percent"], status["days_ahead"]) == (None, None)
    # Week 52: 2025-11-17 to the Monday 2026-11-09 is 365 - 8 = 357 days = 51 weeks.
    assert status["week"] == 52
    # Nothing done from 10-19 to 11-15 (the last check was 09-19): no recent pace.
    assert status["items_per_week"] == 0.0
    assert status["projected_finish"] is None
    assert status["projected_finish_reason"] == NO_RECENT
    # This week (11-09 to 11-15): 1.5 + 2.0 + 2.5 (11-15, on autonomous-vehicle) = 6.0.
    assert status["hours_this_week"] == 6.0
    assert [(s["id"], s["on"]) for s in status["skipped"]] == [
        ("s2/applications", "2026-02-10"),
        ("s4/data-pipelines", "2026-05-09"),
        ("s5-cv/ar-vr", "2026-05-30"),
    ]
    assert unplanned(status) == {"s5-nlp": (1, 5), "s5-healthcare": (0, 5)}

    plan = seen["plan"]
    assert rows(plan) == {
        "step1": (6, 6),
        "s1": (6, 6),
        "step2": (3, 3),
        "s2": (3, 3),
        "step3": (4, 4),
        "s3": (4, 4),
        "step4": (3, 3),
        "s4": (3, 3),
        "step5": (4, 4),  # 5 less ar-vr
        "s5-cv": (4, 4),
        "final": (3, 4),
        "projects": (3, 4),
    }
    assert plan["replans"] == []  # both replans were refused

    upcoming = seen["next"]
    # The one item left is in progress (doing since 10-03, 3.0 + 2.5 = 5.5 h on it): no
    # other open item, 24 - 23 = 1 to go.
    assert (upcoming["in_progress"][0]["id"], upcoming["in_progress"][0]["since"]) == (
        "projects/autonomous-vehicle",
        "2026-10-03",
    )
    assert upcoming["in_progress"][0]["hours"] == 5.5
    assert (upcoming["tasks"], upcoming["remaining"]) == ([], 1)

    portfolio = seen["portfolio"]
    assert (portfolio["done"], portfolio["total"], portfolio["not_planned"]) == (3, 4, 0)
    states = {entry["id"]: entry["state"] for entry in portfolio["deliverables"]}
    assert states == {
        "projects/game-playing": "done",
        "projects/generative-art": "done",
        "projects/chatbot": "done",
        "projects/autonomous-vehicle": "doing",
    }
    art = next(e for e in portfolio["deliverables"] if e["id"] == "projects/generative-art")
    assert (art["done_on"], art["notes"]) == ("2026-06-13", ["Gallery of 40 diffusion prints."])

    # P3, 2026-08-17 to 11-16, reviewed today, numbers to 11-15: chatbot (09-19) = 1 item,
    # a deliverable. Hours: 13 weeks of 3.5 h (weeks of 08-17 to 11-09) = 45.5, + 3.0
    # (10-10) + 2.5 (11-15) = 51.0.
    review = seen["review"]
    assert (review["period_start"], review["period_end"], review["reviewed_before"]) == (
        "2026-08-17",
        "2026-11-16",
        LAST,
    )
    numbers = review["numbers"]
    assert (numbers["items_done"], numbers["deliverables_done"], numbers["hours"]) == (1, 1, 51.0)
    assert (numbers["done"], numbers["total"], numbers["percent"]) == (23, 24, 95.8)


# --- True in time ---------------------------------------------------------------------------


@pytest.mark.parametrize("on", DAYS)
def test_each_days_views_are_the_same_at_the_end_of_the_year(year: Year, on: str) -> None:
    """What each chosen day showed when it was lived, it still shows once the whole year is
    recorded (decision 36): the later checks, skips, the choice and the reviews leave it.
    """
    then = year.seen[on]
    now = views(year.learner, on)
    for name in ("status", "plan", "next", "portfolio", "review"):
        assert json.dumps(now[name], sort_keys=True) == json.dumps(then[name], sort_keys=True), name
