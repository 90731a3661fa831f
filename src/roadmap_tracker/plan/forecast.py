"""When will I finish: finish dates at 50%, 80% and 95% from the learner's own weeks.

Pure functions, no I/O and no clock (decision 42, docs/forecast.md). The method is
throughput Monte Carlo (Vacanti, Magennis), the resampling at the heart of Evidence-Based
Scheduling (Spolsky, FogBugz 2007):

- **Throughput** is counted in *planned hours*: each item of a dated module stands for an
  equal share of the module's stated duration at the curriculum's weekly hours
  (:func:`item_hours`). A week's throughput is the planned hours of the items done in it, so
  it folds in both the hours studied and how accurate the curriculum's durations are.
- **Weeks of record** are the whole ISO weeks (Monday to Sunday) from the start's week to the
  week before the day asked (the day's own week too when it is a Sunday); weeks with nothing
  done count as zero, weeks holding a paused day are left out, and paused days still ahead
  move the finish later (``roadmap pause``, decision 41).
- **The bootstrap** draws past weeks with replacement until the remaining planned hours are
  used up, :data:`RUNS` times, with a random generator seeded by :data:`SEED`, so the same
  record always gives the same dates. Each run first resamples the weeks of record and then
  draws from that sample, so the uncertainty of the pace itself (four weeks tell less than
  forty) widens the bands. With 12 weeks of record or more and six weeks of work or more
  left, a run takes the resampled pace and the sum of its future weeks from their normal
  limits (central limit theorem) instead of drawing week by week: the calibration test holds
  either way, and ``status`` stays fast. The 50th, 80th and 95th percentiles of the runs'
  finish days are the bands.
- **The prior.** While the record is thin, each run takes the curriculum's own plan instead
  (the remaining planned hours at the committed weekly hours, times an overrun drawn from a
  lognormal law: median :data:`PRIOR_OVERRUN`, shape :data:`PRIOR_SIGMA`) with the weight
  ``k / (n + k)`` for ``n`` weeks of record (:data:`PRIOR_WEEKS` = k). A record with nothing
  done yet rests on the prior alone.
- **What-ifs.** ``hours``: every sampled week scaled by the new weekly hours over the hours
  the weeks of record took (the hours logged in them when three weeks in four have some,
  else the commitment), and the prior at the new hours. :func:`hours_needed` bisects those
  hours for an 80% finish by a day.

Items of ongoing or undated modules have no planned hours: they are left out and said to be.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate

from roadmap_tracker.base.clock import week_start
from roadmap_tracker.base.records import View
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import pauses as pausing
from roadmap_tracker.plan import schedule

RUNS = 1000
"""Simulated futures per forecast."""

SEED = 20070101
"""The random generator's seed: the same record gives the same forecast on every run."""

PRIOR_WEEKS = 2
"""k in the prior's weight k / (n + k): after 2 weeks of record the record and the plan weigh
the same, after 18 the plan weighs a tenth (docs/forecast.md: a slower fade over-covers)."""

PRIOR_OVERRUN = 1.1
"""The median overrun of the prior: learners take a tenth longer than a plan says."""

PRIOR_SIGMA = 0.35
"""The lognormal shape of the prior's overrun: its 80th percentile is about 1.47, its 95th
about 1.95 times the plan."""

DEFAULT_HOURS = 10.0
"""The weekly hours planned hours are counted in when neither the curriculum nor the
learner states any."""

LIMIT_RECORD = 12
"""From this many weeks of record, and :data:`LIMIT_WEEKS` weeks or more of work left at the
pace of record, a run takes the sum of its drawn weeks from its normal limit instead of
drawing week by week (the same bands at a fraction of the cost; docs/forecast.md)."""

LIMIT_WEEKS = 6
"""See :data:`LIMIT_RECORD`."""

LOGGED_SHARE = 0.75
"""What-ifs take the hours logged as the hours the weeks of record took only when at least
this share of those weeks has hours logged; else the weekly commitment."""

LONGEST_WEEKS = 52 * 50
"""No run goes beyond 50 years: a pace that slow gives no date ("not at this pace")."""

BANDS = (0.5, 0.8, 0.95)


class Forecast(View):
    """The finish dates of an enrollment's planned, dated work at 50%, 80% and 95% as seen at
    the end of ``as_of``.

    ``p50``/``p80``/``p95`` are local dates (None with ``reason`` saying why: finished, nothing
    dated, or not at this pace); ``hours_per_week`` the weekly hours the dates assume: those
    the weeks of record took (hours logged in them, else the commitment in force), or the
    what-if ``--hours``; ``weeks_of_record`` the whole weeks of
    record it rests on; ``prior_weight`` the share of runs taken from the plan (0 to 1);
    ``remaining_hours`` the planned hours of the open items (decimal hours); ``left_out`` the
    ids of ongoing or undated modules, which have no planned hours; ``hours_needed`` with a
    target day, the weekly hours for an 80% finish by ``by``.
    """

    as_of: dt.date
    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    reason: str | None
    hours_per_week: float
    weeks_of_record: int
    prior_weight: float
    remaining_hours: float
    left_out: list[str]
    by: dt.date | None = None
    hours_needed: float | None = None


FINISHED = "every planned item is done"
NOTHING_DATED = "nothing in the plan has a duration to forecast from"
TOO_SLOW = "not within 50 years at this pace"


def reference_hours(curriculum: Curriculum, committed: float | None) -> float:
    """The weekly hours planned hours are counted in: the low end of the curriculum's stated
    range, else the learner's commitment, else :data:`DEFAULT_HOURS`.
    """
    if curriculum.weekly_hours is not None:
        return float(curriculum.weekly_hours.low)
    return committed if committed else DEFAULT_HOURS


def item_hours(
    curriculum: Curriculum, base: schedule.Plan, reference: float
) -> tuple[list[float | None], list[str]]:
    """The planned hours of each item (decimal hours, by its position in the curriculum's
    ``item_table.ids``; None for an item of no dated module), and the ids of the modules
    left out.

    ``base`` is the plan laid out at the stated durations (scale 1, no replan). A module
    with a fixed window of D days stands for D / 7 x ``reference`` hours, shared equally by
    its items; a phase's own items get the mean item hours of the phase's dated modules,
    milestone items the mean of all dated items. Ongoing and undated modules are left out.
    A list by position, not a mapping by id: ``status`` makes it for 10,000 items after
    every change, and slices of a list cost a fraction of a mapping's entries.
    """
    table = curriculum.item_table
    hours: list[float | None] = [None] * len(table.ids)
    left_out: list[str] = []
    by_phase: dict[str, list[float]] = {}
    total, count = 0.0, 0
    for window in base.modules:
        start, stop = table.module_spans.get(window.id, (0, 0))
        if stop <= start:
            continue
        if window.length is None:
            left_out.append(window.id)
            continue
        each = window.length / 7 * reference / (stop - start)
        hours[start:stop] = [each] * (stop - start)
        total, count = total + each * (stop - start), count + stop - start
        by_phase.setdefault(curriculum.phase_of[window.id].id, []).append(each)
    for window in base.phases:
        shares = by_phase.get(window.id)
        start, stop = table.phase_spans.get(window.id, (0, 0))
        if shares and stop > start:
            hours[start:stop] = [sum(shares) / len(shares)] * (stop - start)
    if count:
        for milestone in base.milestones:
            start, stop = table.milestone_spans.get(milestone.id, (0, 0))
            if stop > start:
                hours[start:stop] = [total / count] * (stop - start)
    return hours, left_out


def record_weeks(start: dt.date, day: dt.date) -> tuple[dt.date, dt.date]:
    """The Mondays of the first and the last whole ISO week of record at the end of ``day``:
    the start's week, and the week before ``day``'s (``day``'s own on a Sunday). The last is
    before the first while no week is whole yet.
    """
    last = week_start(day) if day.weekday() == 6 else week_start(day) - dt.timedelta(days=7)
    return week_start(start), last


def tally(
    hours: Sequence[float | None],
    positions: Mapping[str, int],
    done: Mapping[str, dt.date],
    start: dt.date,
    day: dt.date,
    paused: Iterable[dt.date] = (),
) -> tuple[float, list[float]]:
    """(the planned hours of the items not done by the end of ``day``, the planned hours
    done in each whole ISO week of record, oldest first). ``hours`` are the items' planned
    hours by position (None: not counted), ``positions`` each item id's position;
    ``done`` maps item ids to their days done (later days ignored); ``paused`` weeks (any
    day of them paused) are left out of the weeks (see the module docstring). One pass over
    the items done, with the week of each day computed once: ``status`` makes a forecast of
    10,000 items after every change.
    """
    first, last = record_weeks(start, day)
    origin = first.toordinal()  # a Monday: (ordinal - origin) // 7 is the week's index
    weeks = max(0, (last - first).days // 7 + 1)
    until = day.toordinal()
    # The week of each day done (``weeks``, one past the last, for a day outside the whole
    # weeks of record; None for a day after ``day``): a few hundred days for 10,000 items.
    week_of: dict[dt.date, int | None] = {}
    for on in set(done.values()):
        ordinal = on.toordinal()
        index = (ordinal - origin) // 7
        week_of[on] = None if ordinal > until else index if 0 <= index < weeks else weeks
    sums = [0.0] * (weeks + 1)
    where = positions.get
    count = 0
    for item_id, on in done.items():
        position = where(item_id)
        spent = None if position is None else hours[position]
        if spent is not None:
            week = week_of[on]
            if week is not None:
                sums[week] += spent
                count += 1
    counted = len(hours) - hours.count(None)
    # Every item done gives exactly 0, not what rounding leaves of a subtraction.
    left = sum(filter(None, hours)) - sum(sums)
    remaining = 0.0 if count == counted else max(0.0, left)
    sums.pop()
    skipped = {(d.toordinal() - origin) // 7 for d in paused}
    if skipped:
        sums = [total for index, total in enumerate(sums) if index not in skipped]
    return remaining, sums


def simulate(
    remaining: float,
    weeks: Sequence[float],
    prior_hours: float,
    scale: float = 1.0,
    runs: int = RUNS,
) -> list[float]:
    """The weeks each of ``runs`` simulated futures takes to do ``remaining`` planned hours,
    sorted (fractions of a week: the last week counts for the part used). ``weeks`` are the
    weekly throughputs of record, each multiplied by the what-if ``scale``; ``prior_hours``
    the plan's weekly throughput (the weekly hours assumed). Runs past
    :data:`LONGEST_WEEKS` give ``inf``.
    """
    rng = random.Random(SEED)
    draw, gauss = rng.random, rng.gauss
    record = [w * scale for w in weeks]
    count = len(record)
    mean = sum(record) / count if record else 0.0
    spread = math.sqrt(sum((w - mean) ** 2 for w in record) / count) if record else 0.0
    weight = count / (count + PRIOR_WEEKS) if mean > 0 else 0.0
    limit = count >= LIMIT_RECORD and remaining / mean >= LIMIT_WEEKS if mean > 0 else False
    error = spread / math.sqrt(count) if count else 0.0
    pace = prior_hours
    log_overrun = math.log(PRIOR_OVERRUN)
    results: list[float] = []
    for _ in range(runs):
        if draw() < weight:
            # Resample the record first, so that how sure we are of the pace itself (a few
            # weeks tell less than many) is in the bands, then draw the future from it.
            if count >= LIMIT_RECORD:
                # The resampled pace from its normal limit; the future drawn from the record
                # scaled to it (or, a long way off, from the limit of its sum too).
                sampled = gauss(mean, error)
                if sampled > 0:
                    if limit:
                        # The planned hours of t weeks at the pace ``sampled`` are normal
                        # (t x sampled, t x spread²): the t at which a normal draw of them
                        # reaches ``remaining`` (central limit theorem).
                        z = gauss(0.0, 1.0) * spread
                        root = (-z + math.sqrt(z * z + 4 * sampled * remaining)) / (2 * sampled)
                        results.append(root * root)
                    else:
                        factor = sampled / mean
                        weeks_needed = _bootstrap_run(rng, record, mean, remaining / factor)
                        results.append(weeks_needed)
                    continue
            else:
                sample = rng.choices(record, k=count)
                sample_mean = sum(sample) / count
                if sample_mean > 0:
                    results.append(_bootstrap_run(rng, sample, sample_mean, remaining))
                    continue
        overrun = math.exp(gauss(log_overrun, PRIOR_SIGMA))
        results.append(remaining * overrun / pace if pace > 0 else math.inf)
    results.sort()
    return results


def _bootstrap_run(rng: random.Random, record: list[float], mean: float, remaining: float) -> float:
    """One future drawn from the weeks of record: weeks until ``remaining`` is used up."""
    used = 0.0
    weeks = 0
    while weeks < LONGEST_WEEKS:
        block = max(8, math.ceil((remaining - used) / mean * 1.3))
        sums = list(accumulate(rng.choices(record, k=block), initial=used))
        index = bisect_left(sums, remaining)
        if index < len(sums):
            drawn = sums[index] - sums[index - 1]
            part = (remaining - sums[index - 1]) / drawn if drawn else 1.0
            return weeks + index - 1 + part
        weeks += block
        used = sums[-1]
    return math.inf


def band_days(
    runs: Sequence[float], day: dt.date, ahead: Sequence[pausing.Pause] = ()
) -> list[dt.date | None]:
    """The days of the :data:`BANDS` percentiles of sorted ``runs`` (weeks of study from the
    end of ``day``), moved later by the paused days ``ahead`` that they reach; None past
    :data:`LONGEST_WEEKS`.
    """
    found: list[dt.date | None] = []
    for band in BANDS:
        weeks = runs[min(len(runs) - 1, math.ceil(band * len(runs)) - 1)]
        if math.isinf(weeks) or weeks > LONGEST_WEEKS:
            found.append(None)
            continue
        try:  # a start back-dated decades by a hand edit can still end past the calendar
            study = day + dt.timedelta(days=max(1, math.ceil(weeks * 7)))
            found.append(pausing.to_calendar(study, ahead))
        except OverflowError:
            found.append(None)
    return found


def forecast(
    curriculum: Curriculum,
    base: schedule.Plan,
    counted: Iterable[str],
    done: Mapping[str, dt.date],
    start: dt.date,
    day: dt.date,
    committed: float | None,
    *,
    hours: float | None = None,
    by: dt.date | None = None,
    pauses: Sequence[pausing.Pause] = (),
    logged: Mapping[int, float] | None = None,
) -> Forecast:
    """The forecast of the counted items (``counted``: planned, not skipped) at the end of
    ``day``; ``done`` maps item ids to the day each was done (those after ``day`` ignored),
    ``committed`` the weekly hours in force (decimal hours). ``hours`` is the what-if weekly
    hours from now; ``by`` a target day for :func:`hours_needed`; ``pauses`` the paused
    days (inclusive ranges): weeks of record that hold one are left out, and the finish moves
    later by those still ahead; ``logged`` the decimal hours logged per day, keyed by the
    day's ordinal (:meth:`datetime.date.toordinal`, as the ledger keeps them), which tell the
    hours the weeks of record took (else the commitment is taken as studied). See the module
    docstring.
    """
    reference = reference_hours(curriculum, committed)
    planned_hours, left_out = item_hours(curriculum, base, reference)
    positions = curriculum.positions
    counted = counted if isinstance(counted, frozenset | set) else set(counted)
    if not counted.issuperset(curriculum.item_ids):  # skipped or unplanned: not counted
        for item_id in curriculum.item_ids - counted:
            planned_hours[positions[item_id]] = None
    dated = planned_hours.count(None) < len(planned_hours)
    paused = [
        first + dt.timedelta(days=n)
        for first, last in pauses
        for n in range((min(last, day) - first).days + 1)
    ]
    ahead = [(max(first, day + dt.timedelta(days=1)), last) for first, last in pauses if last > day]
    remaining, weeks = tally(planned_hours, positions, done, start, day, paused)
    in_force = committed if committed else reference
    assumed = hours if hours is not None else in_force
    studied = _studied_per_week(logged or {}, start, day, len(weeks)) or in_force
    scale = assumed / studied if hours is not None else 1.0
    bands: list[dt.date | None] = [None, None, None]
    needed: float | None = None
    reason: str | None = None
    if not dated:
        reason = NOTHING_DATED
    elif remaining <= 0:
        reason = FINISHED
    else:
        bands = band_days(simulate(remaining, weeks, assumed, scale), day, ahead)
        reason = None if bands[2] else TOO_SLOW
        if by is not None:
            needed = hours_needed(remaining, weeks, studied, day, by, ahead)
    return Forecast(
        as_of=day,
        p50=bands[0],
        p80=bands[1],
        p95=bands[2],
        reason=reason,
        hours_per_week=round(assumed if hours is not None else studied, 1),
        weeks_of_record=len(weeks),
        prior_weight=_prior_weight(weeks),
        remaining_hours=round(remaining, 1),
        left_out=left_out,
        by=by,
        hours_needed=needed,
    )


def _studied_per_week(
    logged: Mapping[int, float], start: dt.date, day: dt.date, weeks: int
) -> float:
    """The mean decimal hours logged per week (``logged``: per day ordinal) over the
    ``weeks`` whole weeks of record, when hours were logged in at least
    :data:`LOGGED_SHARE` of those weeks; else 0 (the caller takes the commitment): sparse
    logs tell how some hours went, not how many there were.
    """
    if not weeks:
        return 0.0
    first, last = record_weeks(start, day)
    origin, end = first.toordinal(), last.toordinal() + 6
    inside = [(on, hours) for on, hours in logged.items() if origin <= on <= end and hours > 0]
    if len({(on - origin) // 7 for on, _ in inside}) < LOGGED_SHARE * weeks:
        return 0.0
    return sum(hours for _, hours in inside) / weeks


def _prior_weight(weeks: Sequence[float]) -> float:
    """The share of runs the plan gives (k / (n + k)), 1 when nothing was done yet."""
    if not weeks or not any(weeks):
        return 1.0
    return round(PRIOR_WEEKS / (len(weeks) + PRIOR_WEEKS), 3)


def hours_needed(
    remaining: float,
    weeks: Sequence[float],
    studied: float,
    day: dt.date,
    by: dt.date,
    ahead: Sequence[pausing.Pause] = (),
) -> float | None:
    """The weekly hours (decimal, to a tenth) that finish ``remaining`` planned hours by the
    end of ``by`` in 80% of runs, by bisection between 0.5 and 168 hours; None when even 168
    hours a week do not. ``studied`` is the weekly hours the weeks of record took: H hours
    scale them by H / ``studied``.
    """
    target = ((by - day).days - pausing.paused_days(ahead, day, by)) / 7
    if target <= 0:
        return None

    def p80(hours: float) -> float:
        runs = simulate(remaining, weeks, hours, hours / studied)
        return runs[math.ceil(0.8 * len(runs)) - 1]

    low, high = 0.5, 168.0
    if p80(high) > target:
        return None
    while high - low > 0.05:
        middle = (low + high) / 2
        if p80(middle) <= target:
            high = middle
        else:
            low = middle
    return math.ceil(high * 10) / 10
