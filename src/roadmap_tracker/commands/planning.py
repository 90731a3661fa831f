"""Commands that change the plan rather than record work: ``roadmap choose``, ``include``,
``exclude``, ``replan``, ``pause`` and ``resume``. Each records one event (none when nothing
changes) and says what changed in the plan: its totals and its end, before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.tracking import check_weekly_hours, not_before_start
from roadmap_tracker.commands.views import WindowView, window_view
from roadmap_tracker.plan import pauses as paused
from roadmap_tracker.plan import refs
from roadmap_tracker.progress.events import (
    Event,
    EventAction,
)
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import ActiveContext, Session


class PlanChange(View):
    """What ``roadmap choose``, ``include``, ``exclude``, ``replan``, ``pause`` or ``resume``
    changed in the plan.

    ``summary`` is one sentence for people; ``changed`` is False when nothing was recorded
    (already so). Totals and ends are before and after the change.
    """

    curriculum: str
    action: str
    summary: str
    changed: bool
    total_before: int
    total: int
    done: int
    end_before: dt.date | None
    end: dt.date | None
    hours_per_week: float | None
    phases: list[WindowView]
    modules: list[WindowView]


def _plan_change(
    action: str,
    before: ActiveContext,
    after: ActiveContext,
    summary: str,
    changed: bool,
) -> PlanChange:
    done, total = after.counts()
    return PlanChange(
        curriculum=after.curriculum.slug,
        action=action,
        summary=summary,
        changed=changed,
        total_before=len(before.counted_ids),
        total=total,
        done=done,
        end_before=before.plan.end or before.plan.dated_end,
        end=after.plan.end or after.plan.dated_end,
        hours_per_week=after.settings.hours_per_week,
        phases=[window_view(w) for w in after.plan.phases],
        modules=[window_view(w) for w in after.plan.modules],
    )


def _change_plan(
    session: Session,
    action: str,
    make: Callable[[ActiveContext, int], tuple[Event | None, str]],
) -> PlanChange:
    """Run ``make`` on the session's enrollment as it is under the lock (and the next event
    number); record the event it returns, if any, and say what changed in the plan. Raises
    RoadmapError when the session's day is before the enrollment's start
    (:func:`~roadmap_tracker.commands.tracking.not_before_start`); nothing is written then.
    """

    def record(fresh: Session, transaction: Transaction) -> PlanChange:
        progress = fresh.progress()
        before = fresh.context()
        not_before_start(before.enrollment, session.as_of)
        event, summary = make(before, transaction.next_seq)
        new = progress
        if event is not None:
            transaction.add(event)
            new = progress.with_event(event)
        after = ActiveContext(new, before.enrollment, before.curriculum)
        return _plan_change(action, before, after, summary, event is not None)

    return session.transaction(record)


def choose(session: Session, group_reference: str, option_references: list[str]) -> PlanChange:
    """Choose the options of a choice group (by id or end of id; options by module id, end
    of id or title words). A ``pick: one`` group takes exactly one option. Progress on the
    other options is kept but no longer counted. Raises RoadmapError for an unknown group or
    option, too many options, or a day before the enrollment's start.
    """

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        curriculum = context.curriculum
        if not curriculum.choices:
            raise RoadmapError(
                f"{curriculum.slug} has no choice groups to choose from.",
                "Run 'roadmap show' to see its modules.",
            )
        group = refs.resolve_named(
            curriculum.choices,
            group_reference,
            f"No choice group of {curriculum.slug} matches '{group_reference}'.",
            "choice groups",
        )
        options = [m for m in curriculum.modules if m.id in group.options]
        chosen: list[str] = []
        for reference in option_references:
            module = refs.resolve_named(
                options,
                reference,
                f"'{reference}' is not an option of {group.id}.",
                f"options of {group.id}",
            )
            if module.id not in chosen:
                chosen.append(module.id)
        if group.pick == "one" and len(chosen) != 1:
            raise RoadmapError(
                f"{group.id} takes one option; you named {len(chosen)}.",
                f"Choose one of: {', '.join(group.options)}.",
            )
        names = ", ".join(chosen)
        if context.settings.choices.get(group.id) == chosen:
            return None, f"{names} was already your choice for {group.id}."
        event = Event(
            seq=seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action="choose",
            items=(group.id,),
            options=tuple(chosen),
        )
        return event, f"Chose {names} for {group.id} ({group.title})."

    on = session.as_of
    return _change_plan(session, "choose", make)


def include(session: Session, module_reference: str, exclude: bool = False) -> PlanChange:
    """Put an optional module into the plan (or, with ``exclude``, take it out). Progress on
    it is kept either way. Raises RoadmapError when the module is unknown or not optional, or
    the day is before the enrollment's start.
    """
    action: EventAction = "exclude" if exclude else "include"

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        curriculum = context.curriculum
        optional = [m for m in curriculum.modules if m.optional]
        if not optional:
            raise RoadmapError(
                f"{curriculum.slug} has no optional modules to {action}.",
                "Run 'roadmap show' to see its modules.",
            )
        module = refs.resolve_named(
            optional,
            module_reference,
            f"'{module_reference}' is not an optional module of {curriculum.slug}.",
            "optional modules",
        )
        included = module.id in context.settings.include
        if included != exclude:
            state = "already in" if included else "not in"
            return None, f"{module.id} {module.title} is {state} your plan."
        event = Event(
            seq=seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action=action,
            items=(module.id,),
        )
        verb = "Took" if exclude else "Added"
        where = "out of" if exclude else "to"
        return event, f"{verb} {module.id} {module.title} {where} your plan."

    on = session.as_of
    return _change_plan(session, action, make)


def replan(session: Session, hours_per_week: float | None) -> PlanChange:
    """Re-baseline the plan: the modules not complete by the session's day (``from_date``)
    start again on that date, at ``hours_per_week`` (decimal hours, as
    :func:`~roadmap_tracker.commands.tracking.start` takes them) if given. Every event is kept, so
    the original plan stays in the history. Raises RoadmapError for hours outside that range or a
    date before the enrollment's start.
    """
    if hours_per_week is not None:
        check_weekly_hours(hours_per_week, "roadmap replan --hours-per-week 6")

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        if not context.plan.dated:
            raise RoadmapError(
                f"{context.curriculum.slug} states no durations, so its plan has no dates to move.",
                "Work through 'roadmap next' at your own pace; nothing was changed.",
            )
        event = Event(
            seq=seq,
            at=clock.now(),
            on=from_date,
            curriculum=context.curriculum.slug,
            action="replan",
            hours=hours_per_week,
        )
        hours = hours_per_week or context.settings.hours_per_week
        pace = f" at {hours:g} hours a week" if hours else ""
        return event, f"Replanned from {from_date.isoformat()}{pace}; your progress is kept."

    from_date = session.as_of
    return _change_plan(session, "replan", make)


def pause(session: Session, until: dt.date) -> PlanChange:
    """Pause the plan from the session's day to ``until`` (inclusive local calendar dates):
    the plan moves later by those days, and pace, streaks and forecasts leave them out. A
    pause may be dated in the past (recorded after the fact) or ahead (a holiday planned).
    Raises RoadmapError when ``until`` is before the first day, when the first day is before
    the enrollment's start, or when the days overlap a pause already recorded (nothing is
    written then); a pause that begins the day after another ends joins it.
    """
    first = session.as_of

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        if until < first:
            raise RoadmapError(
                f"The pause would end on {until.isoformat()}, before its first day "
                f"{first.isoformat()}; nothing was written.",
                f"Give --until {first.isoformat()} or a later day.",
            )
        for low, high in context.pauses:
            if low <= until and high >= first:
                after = high + dt.timedelta(days=1)
                raise RoadmapError(
                    f"You are already paused from {low.isoformat()} to {high.isoformat()}, "
                    f"which overlaps {first.isoformat()} to {until.isoformat()}; nothing was "
                    "written.",
                    f"To pause longer, pause from the day after it: 'roadmap pause --on "
                    f"{after.isoformat()} --until {max(until, after).isoformat()}'; to end it "
                    "earlier, 'roadmap resume --on DAY'.",
                )
        event = Event(
            seq=seq,
            at=clock.now(),
            on=first,
            curriculum=context.curriculum.slug,
            action="pause",
            period_end=until,
        )
        days = paused.length((first, until))
        return event, f"Paused {first.isoformat()} to {until.isoformat()} ({_days(days)})."

    return _change_plan(session, "pause", make)


def resume(session: Session) -> PlanChange:
    """Study again from the session's day: the pause that holds it ends the day before
    (resuming on a pause's first day takes that pause back). Raises RoadmapError when no
    pause holds the day, or the day is before the enrollment's start; nothing is written.
    """
    day = session.as_of

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        found = paused.holding(context.pauses, day)
        if found is None:
            recorded = ", ".join(f"{a.isoformat()} to {b.isoformat()}" for a, b in context.pauses)
            raise RoadmapError(
                f"You are not paused on {day.isoformat()}, so there is nothing to resume; "
                "nothing was written.",
                f"Your pauses: {recorded}." if recorded else "You have recorded no pause.",
            )
        first, last = found
        event = Event(
            seq=seq,
            at=clock.now(),
            on=day,
            curriculum=context.curriculum.slug,
            action="resume",
        )
        if day == first:
            return event, (
                f"Resumed on {day.isoformat()}: the pause of {first.isoformat()} to "
                f"{last.isoformat()} is taken back."
            )
        end = day - dt.timedelta(days=1)
        return event, (
            f"Resumed on {day.isoformat()}: the pause of {first.isoformat()} to "
            f"{last.isoformat()} now ends on {end.isoformat()} "
            f"({_days(paused.length((first, end)))})."
        )

    return _change_plan(session, "resume", make)


def _days(count: int) -> str:
    """``1 day``, ``14 days``."""
    return f"{count} day" if count == 1 else f"{count} days"
