"""Commands that record work: ``roadmap start`` (enrolling), ``check``, ``uncheck``, ``doing``,
``skip``, ``reset`` (the states of items) and ``log`` (study time). The checks they share
(days not in the future, evidence links, weekly hours) are here too. Changes to the plan are in
:mod:`~roadmap_tracker.commands.planning`.

Each action does all its checks under the progress file's lock before it writes anything, and
returns a view of what it did. A RoadmapError raised on the way leaves the file untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import Declined, RoadmapError, error_reason
from roadmap_tracker.base.records import Record, View
from roadmap_tracker.commands.views import WindowView, refuse_unplanned, window_view
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.items import Item
from roadmap_tracker.curriculum.model import Curriculum
from roadmap_tracker.plan import refs, schedule
from roadmap_tracker.plan.upcoming import choice_due_on, choice_phase_start
from roadmap_tracker.progress.events import (
    MAX_HOURS,
    MAX_LOG_HOURS,
    MIN_HOURS,
    MIN_HOURS_PER_WEEK,
    Enrollment,
    Event,
    hours_limit_text,
)
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import ActiveContext, Session


class OpenChoice(View):
    """A choice group still to decide, as ``roadmap start`` names it: the options it offers
    (module ids), those the plan counts until the learner chooses (``planned``: the
    recommended option, else the first), ``phase_start`` the planned start of the options'
    phase (None without dates) and ``due``, the day ``roadmap next`` starts asking for the
    choice (a week before ``phase_start``; the enrollment's start when that is sooner or the
    phase has no date).
    """

    id: str
    title: str
    pick: str
    options: list[str]
    planned: list[str]
    recommended: str | None
    phase_start: dt.date | None
    due: dt.date


class StartResult(View):
    """What ``roadmap start`` did: the enrollment and its plan (end date of each phase), and
    the ``choices`` still open (see :class:`OpenChoice`).

    ``moved_from`` is the start before, when the command moved the start of an enrollment
    (``changed`` is False when it already started on ``start``: nothing was recorded).
    ``copied_from`` and ``copied_to`` name the curriculum file given and its copy in the
    learner's curricula, which the enrollment follows (decision 48); None when the curriculum
    was found by its slug.
    """

    curriculum: str
    title: str
    start: dt.date
    hours_per_week: float | None
    scale: float
    end: dt.date | None
    weeks_total: int | None
    phases: list[WindowView]
    modules: list[WindowView]
    restarted: bool
    moved_from: dt.date | None = None
    changed: bool = True
    choices: list[OpenChoice]
    copied_from: str | None = None
    copied_to: str | None = None


class CheckedItem(View):
    """An item a state change touched, or left alone with the reason (``note``)."""

    id: str
    title: str
    on: dt.date
    note: str | None = None
    kind: str = "task"


class CheckResult(View):
    """What ``roadmap check``, ``doing``, ``skip`` or ``reset`` recorded.

    ``action`` is the event's action (``check``, ``uncheck`` for ``check --undo``, ``doing``,
    ``skip``, ``reset``); ``expanded`` names the module or phase whose items a reference
    stood for, if any; ``links`` and ``note`` what was attached to the changed items;
    ``evidence_wanted`` the deliverables checked without evidence.
    """

    curriculum: str
    on: dt.date
    undo: bool
    changed: list[CheckedItem]
    unchanged: list[CheckedItem]
    done: int
    total: int
    action: str = "check"
    skipped: int = 0
    expanded: tuple[str, ...] = ()
    note: str | None = None
    links: tuple[str, ...] = ()
    evidence_wanted: tuple[str, ...] = ()


StateAction = Literal["check", "uncheck", "doing", "skip", "reset"]
"""The actions that set items' state: done, not done, in progress, skipped, open."""

_WANTED_STATE: dict[str, str] = {
    "check": "done",
    "uncheck": "open",
    "doing": "doing",
    "skip": "skipped",
    "reset": "open",
}
_CHANGEABLE: dict[str, tuple[str, ...]] = {
    "check": ("open", "doing"),
    "uncheck": ("done",),
    "doing": ("open",),
    "skip": ("open", "doing"),
    "reset": ("done", "doing", "skipped"),
}
"""The states of a module's or phase's items that its id stands for, by action: checking a
module checks its open items (in progress or not), never the skipped ones."""
_TAKING_BACK = ("uncheck", "reset")
"""The actions allowed on items outside the plan: they take back what was recorded (before
a choice changed, say); the others are refused there (decision 38)."""
_VERB = {
    "check": "check",
    "uncheck": "uncheck",
    "doing": "mark in progress",
    "skip": "skip",
    "reset": "reset",
}

_ALL = {
    action: "mark them all in progress" if action == "doing" else f"{verb} them all"
    for action, verb in _VERB.items()
}
"""The verb of each action with "them all" in its place (``mark them all in progress``)."""


class Confirmation(Record, kw_only=False):
    """What a learner is asked before a module or phase id stands for its items: the
    ``question`` to show and the ``items`` (id, title) it would change.
    """

    question: str
    items: list[tuple[str, str]]


def start(
    session: Session,
    reference: str,
    hours_per_week: float | None = None,
    restart: bool = False,
    then: Callable[[Event], Sequence[Event]] | None = None,
    move: bool = False,
    force: bool = False,
) -> StartResult:
    """Enroll in the curriculum ``reference`` (slug or path) from the session's day (``on``);
    make it active. With ``move`` (the command line's ``--on`` given) and an enrollment in
    that curriculum already, move its start to ``on`` instead (:func:`_move_start`).

    ``hours_per_week`` (decimal hours, :data:`~roadmap_tracker.progress.events.MIN_HOURS_PER_WEEK`
    to :data:`~roadmap_tracker.progress.events.MAX_HOURS`) defaults to the low end of the
    curriculum's weekly hours. ``then`` makes, from the start event, events recorded with it
    in the same change (one write: a crash keeps all or none), as ``import --progress``
    records the ticks it read. Raises RoadmapError for hours outside that range, and when
    already enrolled and neither ``restart`` nor ``move`` is True. A restart begins the
    enrollment again; the earlier run stays in the history and ``roadmap undo`` brings it
    back.

    A curriculum file the catalog does not find by its slug (``~/Downloads/ml.yaml``) is
    copied into the learner's curricula as ``<slug>.yaml`` and the enrollment is recorded by
    slug, never by path, so that it travels with the record (decision 48; ``copied_from`` and
    ``copied_to`` in the result). Raises RoadmapError, with nothing written, when its slug is
    a bundled curriculum's, or when the curricula hold a different file of that slug and
    ``force`` (replace it) is False. Already enrolled in that slug by the path an older
    version recorded, the file is copied and nothing is recorded: the enrollment follows the
    copy from then on (:func:`~roadmap_tracker.session.source_of`). When the change fails,
    the copy is taken back.
    """
    on = session.as_of
    entry = catalog.find_curriculum(reference)
    curriculum = catalog.load_entry(entry)
    if hours_per_week is not None:
        check_weekly_hours(hours_per_week, f"--hours-per-week {_EXAMPLE_HOURS}")
    hours = hours_per_week
    if hours is None and curriculum.weekly_hours is not None:
        hours = float(curriculum.weekly_hours.low)
    digest = catalog.digest(entry.path)
    copy = _copy_plan(entry, curriculum.slug, force)

    def enroll(fresh: Session, transaction: Transaction) -> StartResult:
        progress = transaction.progress
        existing = progress.enrollment(curriculum.slug)
        if existing is not None and not restart:
            if move:
                moved = _move_start(transaction, existing, curriculum, on, hours_per_week)
                return _copied(moved, copy)
            if copy is not None and existing.path:
                context = ActiveContext(progress, existing, curriculum)
                hours_now = context.settings.hours_per_week
                return _copied(_started(context, hours_now, False, changed=False), copy)
            named = reference if copy is None else curriculum.slug  # it is by slug now
            raise RoadmapError(
                f"You are already enrolled in {curriculum.slug} since {existing.started}.",
                f"To move your start, run 'roadmap start {named} --on YYYY-MM-DD'; to "
                f"start over, run 'roadmap start {named} --restart' (your current "
                "progress stays in the history and 'roadmap undo' brings it back).",
            )
        event = Event(
            seq=progress.next_seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action="start",
            hours=hours,
            digest=digest,
        )
        events = [event, *(then(event) if then is not None else ())]
        transaction.add(*events)
        for added in events:
            progress = progress.with_event(added)
        enrollment = progress.enrollment(curriculum.slug)
        assert enrollment is not None
        context = ActiveContext(progress, enrollment, curriculum)
        return _copied(_started(context, hours, restarted=existing is not None), copy)

    try:
        return session.transaction(enroll)
    except BaseException:
        if copy is not None:
            copy.take_back()
        raise


class _CopyPlan:
    """A curriculum file to copy into the learner's curricula (``source`` to ``target``),
    with what ``target`` held before (``before``, None when there was no file) so that a
    failed change can take the copy back.
    """

    def __init__(self, source: Path, target: Path, text: str, before: bytes | None) -> None:
        self.source, self.target, self.text, self.before = source, target, text, before
        self.done = False

    def make(self) -> None:
        """Write the copy (nothing to write when ``target`` holds these bytes already).
        Raises RoadmapError when it cannot be written.
        """
        from roadmap_tracker.commands.output_files import write_file

        if self.before != self.text.encode("utf-8"):
            write_file(self.text, self.target)
            self.done = True

    def take_back(self) -> None:
        """Undo :meth:`make`: remove the new copy, or put back the file it replaced."""
        if not self.done:
            return
        from roadmap_tracker.base import atomic

        with contextlib.suppress(OSError):
            if self.before is None:
                self.target.unlink(missing_ok=True)
            else:
                atomic.write_atomic(self.target, self.before, durable=True, keep_mode=True)
        self.done = False


def _copy_plan(entry: catalog.CatalogEntry, slug: str, force: bool) -> _CopyPlan | None:
    """How the curriculum file of ``entry`` (slug ``slug``) goes into the learner's
    curricula, or None when the catalog finds it by its slug already (a bundled curriculum,
    one of the learner's own). Raises RoadmapError, nothing written, when ``slug`` is a
    bundled curriculum's (the copy would hide it), when the file cannot be read, when the
    curricula hold something roadmap must not write under that name (a symbolic link, a
    directory...), and when they hold a different file of that slug and ``force`` is False.
    """
    from roadmap_tracker.base import paths

    if entry.origin != "path" or catalog.named_by_slug(entry.path, slug):
        return None
    if catalog.is_bundled_slug(slug):
        raise RoadmapError(
            f"{entry.path} has the slug '{slug}' of a bundled curriculum; nothing was written.",
            f"Give your file another slug (its 'slug' field), for example 'my-{slug}'.",
        )
    try:
        text = entry.path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RoadmapError(
            f"Cannot read the curriculum file {entry.path}: {error_reason(error)}.",
            "Check that the file exists and is readable UTF-8 text.",
        ) from error
    from roadmap_tracker.commands.output_files import check_output_target

    target = catalog.user_file(slug) or paths.user_curricula_dir() / f"{slug}.yaml"
    try:
        check_output_target(target)  # a link, a device... in the curricula is left alone
    except RoadmapError as error:
        raise RoadmapError(
            error.message, "Give your file another slug (its 'slug' field)."
        ) from None
    try:
        before = target.read_bytes() if target.is_file() else None
    except OSError as error:
        raise RoadmapError(
            f"Cannot read your curriculum {target}: {error_reason(error)}.",
            "Check that the file is readable, or give your file another slug.",
        ) from error
    if before is not None and before != text.encode("utf-8") and not force:
        raise RoadmapError(
            f"Your curricula hold a different {target.name} with the slug '{slug}'; nothing "
            "was written.",
            f"Pass --force to replace it with {entry.path}, or give your file another slug "
            "(its 'slug' field).",
        )
    return _CopyPlan(entry.path, target, text, before)


def _copied(result: StartResult, copy: _CopyPlan | None) -> StartResult:
    """Make ``copy`` (when there is one) and say so in ``result``: the change is recorded
    with the curriculum in the learner's curricula.
    """
    if copy is None:
        return result
    copy.make()
    changes = {"copied_from": str(copy.source), "copied_to": str(copy.target)}
    return StartResult(**{**result.model_dump(), **changes})


_NOT_DATED_BY_THE_RUN = frozenset({"switch", "stop", "move"})
"""Actions whose day is not a day of the run's work or plan: they do not hold a start back."""


def _move_start(
    transaction: Transaction,
    existing: Enrollment,
    curriculum: Curriculum,
    on: dt.date,
    hours_per_week: float | None,
) -> StartResult:
    """Move the start of the enrollment ``existing`` to ``on`` (a ``move`` event): the run,
    its events, its weekly hours and the active enrollment stay as they are, and week 1
    becomes the week of ``on``. Nothing is recorded when it already starts on ``on``.

    Raises RoadmapError when ``hours_per_week`` is given (the hours of a run change with
    ``replan``), and when the run has a change dated before ``on`` (a check, log, note,
    journal entry, review, plan change or replan; a review's period counts from its first
    day): a run records nothing before its start, so the start can move back freely but
    forward only up to the first such day.
    """
    slug = curriculum.slug
    if hours_per_week is not None:
        raise RoadmapError(
            f"You are already enrolled in {slug}: --hours-per-week would change a plan you "
            "have started.",
            f"Run 'roadmap replan --hours-per-week {hours_per_week:g}' to study at those hours "
            f"from a day on, or 'roadmap start {slug} --restart' to start over.",
        )
    progress = transaction.progress
    if on != existing.started:
        dated = [
            day
            for event in progress.events_of(slug)
            if event.action not in _NOT_DATED_BY_THE_RUN
            for day in (event.on, event.period_start)
            if day is not None
        ]
        earliest = min(dated, default=None)
        if earliest is not None and earliest < on:
            raise RoadmapError(
                f"Your enrollment in {slug} has changes dated from {earliest.isoformat()}, "
                f"so its start cannot move to the later {on.isoformat()}; nothing was written.",
                f"Move it to {earliest.isoformat()} or earlier, or start over from "
                f"{on.isoformat()} with 'roadmap start {slug} --on {on.isoformat()} "
                "--restart' ('roadmap undo' brings this run back).",
            )
        event = Event(
            seq=progress.next_seq,
            at=clock.now(),
            on=on,
            curriculum=slug,
            action="move",
        )
        transaction.add(event)
        progress = progress.with_event(event)
    enrollment = progress.enrollment(slug)
    assert enrollment is not None
    context = ActiveContext(progress, enrollment, curriculum)
    return _started(
        context,
        context.settings.hours_per_week,
        restarted=False,
        moved_from=existing.started,
        changed=on != existing.started,
    )


def _started(
    context: ActiveContext,
    hours: float | None,
    restarted: bool,
    moved_from: dt.date | None = None,
    changed: bool = True,
) -> StartResult:
    """What ``start`` tells of a new enrollment at ``hours`` a week (or of one whose start
    moved from ``moved_from``): its plan's windows and end, and the choices it leaves open
    with the day each is due.
    """
    plan, curriculum = context.plan, context.curriculum
    on = context.enrollment.started
    made = context.settings.choices
    planned = schedule.chosen_options(curriculum, made)
    choices = [
        OpenChoice(
            id=group.id,
            title=group.title,
            pick=group.pick,
            options=list(group.options),
            planned=planned[group.id],
            recommended=group.recommended,
            phase_start=choice_phase_start(curriculum, plan, group),
            due=max(on, choice_due_on(curriculum, plan, group) or on),
        )
        for group in curriculum.choices
        if not made.get(group.id)
    ]
    return StartResult(
        curriculum=curriculum.slug,
        title=curriculum.title,
        start=on,
        hours_per_week=hours,
        scale=plan.scale,
        end=plan.end,
        weeks_total=schedule.weeks_total(plan),
        phases=[window_view(w) for w in plan.phases],
        modules=[window_view(w) for w in plan.modules],
        restarted=restarted,
        moved_from=moved_from,
        changed=changed,
        choices=choices,
    )


def check(session: Session, references: list[str], undo: bool = False) -> CheckResult:
    """Record the items ``references`` name as done on the session's day (or, with
    ``undo``, not done); see :func:`change_state`.
    """
    return change_state(session, "uncheck" if undo else "check", references, assume_yes=True)


def change_state(
    session: Session,
    action: StateAction,
    references: list[str],
    *,
    note: str | None = None,
    links: list[str] | None = None,
    assume_yes: bool = False,
    confirm: Callable[[Confirmation], bool] | None = None,
    ask_link: Callable[[str, str], str | None] | None = None,
) -> CheckResult:
    """Record that the items ``references`` name are done (``check``), not done
    (``uncheck``), in progress (``doing``), skipped (``skip``, ``note`` the reason) or open
    again (``reset``) on the session's day (``on``), with ``note`` and ``links`` (evidence: URLs, or
    paths made absolute) attached to each item changed.

    A reference may be a module or phase id: it stands for that part's items not yet in the
    wanted state, after ``confirm`` (called before the lock is taken) says yes; with
    ``assume_yes`` nothing is asked, and with neither a RoadmapError asks for ``--yes``. For
    ``check`` a reference may also name a recurring activity: each check records one
    occurrence on ``on`` (an undo takes one back). ``ask_link(item id, title)`` is called for
    a single deliverable checked without ``links``; its answer (None for none) becomes the
    evidence. Every reference is resolved before anything is written; an unknown or ambiguous
    one raises RoadmapError and nothing is recorded. Items already in the wanted state, and
    done items named for ``doing`` or ``skip`` (``reset`` reopens them), are reported as
    unchanged. An uncheck counts from the later of ``on`` and the day the item
    was done, so it always takes the check back. Raises RoadmapError for a day after today
    or before the enrollment's start (:func:`not_before_start`, checked before anything is
    asked), or a path that does not exist, and, except for ``uncheck`` and ``reset``, for an
    item (or module or phase id) outside the plan: an option not chosen, an optional module
    not included (:func:`~roadmap_tracker.commands.views.refuse_unplanned`).
    """
    on = session.as_of
    not_in_future(on)
    not_before_start(session.enrollment(), on)
    undo = action == "uncheck"
    evidence = [evidence_link(link) for link in links or []]
    note = note.strip() if note and note.strip() else None
    expanded = _expand_containers(session, action, references, on, assume_yes, confirm)
    if action == "check" and not evidence and ask_link is not None:
        single = _single_deliverable(expanded)
        if single is not None:
            answer = ask_link(*single)
            evidence = [evidence_link(answer)] if answer and answer.strip() else []

    def record(fresh: Session, transaction: Transaction) -> CheckResult:
        context = fresh.context(loaded=expanded.curriculum)
        not_before_start(context.enrollment, on)
        curriculum = context.curriculum
        items, parts = _resolve_targets(context, action, expanded, on)
        if action not in _TAKING_BACK:
            refuse_unplanned(context, [item.id for item in items], _VERB[action])
        done = context.done_by()
        changed: list[CheckedItem] = []
        unchanged: list[CheckedItem] = []
        for item in items:
            reason = _unchanged_reason(context, action, item, done, on)
            entry_note = reason
            if reason is None and item.kind == "recurring":
                entry_note = "occurrence taken back" if undo else "occurrence recorded"
            entry = CheckedItem(
                id=item.id, title=item.title, on=on, note=entry_note, kind=item.kind
            )
            (unchanged if reason is not None else changed).append(entry)
        done_count, total = context.counts()
        changed_ids = {entry.id for entry in changed}
        if changed:
            done_count, total = _counts_after(context, action, changed_ids, done_count, total)
        result = CheckResult(
            curriculum=curriculum.slug,
            on=on,
            undo=undo,
            changed=changed,
            unchanged=unchanged,
            done=done_count,
            total=total,
            action=action,
            skipped=len(context.skipped.keys() - changed_ids)
            + (len(changed_ids) if action == "skip" else 0),
            expanded=tuple(parts),
            note=note if changed else None,
            links=tuple(evidence) if changed else (),
            evidence_wanted=tuple(
                entry.id
                for entry in changed
                if action == "check" and entry.kind == "deliverable" and not evidence
            ),
        )
        if not changed:
            return result
        event = Event(
            seq=transaction.next_seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action=action,
            items=tuple(entry.id for entry in changed),
            note=note,
            links=tuple(evidence),
        )
        transaction.add(event)
        return result

    return session.transaction(record)


class _Expanded(Record, kw_only=False):
    """References after the module and phase ids among them were expanded: each entry is
    a reference as typed, or the item ids a part stood for (with the part's id)."""

    references: list[str]
    parts: dict[str, list[str]]
    kinds: dict[str, str]
    curriculum: Curriculum


def _expand_containers(
    session: Session,
    action: StateAction,
    references: list[str],
    on: dt.date,
    assume_yes: bool,
    confirm: Callable[[Confirmation], bool] | None,
) -> _Expanded:
    """Find the references that are module or phase ids and the items each stands for
    (read now, without the lock), and ask before going on. Raises RoadmapError when the
    learner says no, or when nobody can be asked and ``assume_yes`` is False.
    """
    curriculum = session.curriculum()
    parts: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    part_references = [
        reference.strip()
        for reference in references
        if (target := _quiet_target(curriculum, reference)) is not None
        and target.kind in ("module", "phase")
    ]
    if part_references:
        context = session.context(loaded=curriculum)
        changeable = _CHANGEABLE[action]
        if action not in _TAKING_BACK:
            # Refused as the change itself would be: against the plan of the whole record.
            now = session
            if not session.whole_record:
                now = Session(
                    session.as_of,
                    session.plan,
                    session.record,
                    session.curricula,
                    whole_record=True,
                )
            planned_now = now.context(loaded=curriculum)
            for reference in part_references:
                ids = _unplanned_part_ids(planned_now, reference)
                refuse_unplanned(planned_now, ids, _VERB[action], reference)
        for reference in part_references:
            part_ids = _part_item_ids(context, reference) or []
            parts[reference] = [
                i for i in part_ids if _state_of(context, i, context.done_by()) in changeable
            ]
    for ids in parts.values():
        for item_id in ids:
            kinds[item_id] = curriculum.item(item_id).kind
    changing = [i for ids in parts.values() for i in ids]
    if changing and not assume_yes:
        names = ", ".join(parts)
        states = " or ".join(_CHANGEABLE[action])
        question = f"{_VERB[action].capitalize()} the {len(changing)} {states} items of {names}?"
        if action == "doing":
            question = f"Mark the {len(changing)} {states} items of {names} in progress?"
        items = [(i, curriculum.item(i).title) for i in changing]
        if confirm is None:
            raise RoadmapError(
                f"{names} stands for {len(changing)} items; {_ALL[action]} only when you say so.",
                f"Add --yes to {_ALL[action]}, or name the items one by one.",
            )
        if not confirm(Confirmation(question, items)):
            raise Declined("Nothing was changed.", "Name the items one by one instead.")
    kinds.update(
        (target.item.id, target.item.kind)
        for reference in references
        if reference.strip() not in parts
        for target in [_quiet_target(curriculum, reference)]
        if target is not None and target.item is not None
    )
    return _Expanded(references, parts, kinds, curriculum)


def _quiet_target(curriculum: Curriculum, reference: str) -> refs.Target | None:
    """What a reference names (:func:`roadmap_tracker.plan.refs.resolve`), or None: the error
    comes again under the lock.
    """
    try:
        return refs.resolve(curriculum, reference, suggest=False)
    except RoadmapError:
        return None


_COMMAND = {
    "check": "roadmap check",
    "uncheck": "roadmap check --undo",
    "doing": "roadmap doing",
    "skip": "roadmap skip",
    "reset": "roadmap reset",
}
_ACCEPTS: dict[str, tuple[refs.TargetKind, ...]] = {
    "check": ("item", "recurring", "module", "phase"),
    "uncheck": ("item", "recurring", "module", "phase"),
    "doing": ("item", "module", "phase"),
    "skip": ("item", "module", "phase"),
    "reset": ("item", "module", "phase"),
}
"""What each state action takes: a recurring activity has occurrences (check records one,
check --undo takes one back), not a state."""


def _single_deliverable(expanded: _Expanded) -> tuple[str, str] | None:
    """(id, title) of the one deliverable among the items to check, or None when there is
    none or more than one (several are given evidence with ``roadmap note``)."""
    deliverables = [i for i, kind in expanded.kinds.items() if kind == "deliverable"]
    if len(deliverables) != 1:
        return None
    return deliverables[0], ""


def _unplanned_part_ids(context: ActiveContext, reference: str) -> list[str]:
    """The items of a module or phase that is out of the plan (a phase none of whose
    modules is planned: every item of it), or none when it is in the plan.
    """
    curriculum, plan = context.curriculum, context.plan
    if reference in curriculum.module_index:
        planned = plan.module_window(reference) is not None
        return [] if planned else list(curriculum.item_ids_of(reference))
    if any(window.id == reference for window in plan.phases):
        return []
    phase = curriculum.phase_index[reference]
    ids = [i for module in phase.modules for i in curriculum.item_ids_of(module.id)]
    return ids + list(curriculum.phase_item_ids(reference))


def _part_item_ids(context: ActiveContext, reference: str) -> list[str] | None:
    """The item ids a module or phase id stands for (a phase: the items the plan counts of
    it), or None when ``reference`` is not a module or phase id."""
    curriculum = context.curriculum
    if reference in curriculum.module_index:
        return list(curriculum.item_ids_of(reference))
    if reference in curriculum.phase_index:
        return schedule.phase_planned_ids(curriculum, context.plan, reference)
    return None


def _state_of(context: ActiveContext, item_id: str, done: dict[str, dt.date]) -> str:
    if item_id in done:
        return "done"
    if item_id in context.skipped:
        return "skipped"
    if item_id in context.doing:
        return "doing"
    return "open"


def _resolve_targets(
    context: ActiveContext, action: StateAction, expanded: _Expanded, on: dt.date
) -> tuple[list[Item], list[str]]:
    """The items to change, under the lock: the parts' items as listed when the learner
    was asked, and every other reference resolved now."""
    curriculum = context.curriculum
    found: dict[str, Item] = {}
    for reference in expanded.references:
        ids = expanded.parts.get(reference.strip())
        if ids is not None:
            for item_id in ids:
                found.setdefault(item_id, curriculum.item(item_id))
            continue
        target = refs.resolve_for(curriculum, reference, _COMMAND[action], _ACCEPTS[action])
        item = target.item
        assert item is not None  # modules and phases were expanded before the lock
        if item.kind == "recurring":
            _refuse_hours_routine(curriculum, item.id)
        found.setdefault(item.id, item)
    return list(found.values()), list(expanded.parts)


def _refuse_hours_routine(curriculum: Curriculum, activity_id: str) -> None:
    """Raise RoadmapError when ``activity_id`` is a routine measured in hours: its count is
    the hours logged, so a check would record nothing that counts.
    """
    activity = next(a for a in curriculum.recurring if a.id == activity_id)
    if activity.in_hours:
        raise RoadmapError(
            f"{activity_id} is measured in hours, not checked off: record your study time "
            "with 'roadmap log HOURS'.",
            "Every hour logged on a day counts for it, with or without --task.",
        )


def _unchanged_reason(
    context: ActiveContext, action: StateAction, item: Item, done: dict[str, dt.date], on: dt.date
) -> str | None:
    """Why an item is left as it is, or None when the change takes effect."""
    if item.kind == "recurring":
        if action == "uncheck" and not context.ledger.occurrence_counts(item.id, on, on).get(on):
            return f"no occurrence recorded on {on.isoformat()}"
        return None
    state = _state_of(context, item.id, done)
    if state == _WANTED_STATE[action]:
        if state == "done":
            return f"already done on {done[item.id].isoformat()}"
        if state == "skipped":
            return f"already skipped on {context.skipped[item.id].isoformat()}"
        if state == "doing":
            return f"in progress since {context.doing[item.id].isoformat()}"
        return "was not checked" if action == "uncheck" else "already open"
    if action == "uncheck" and state != "done":
        return "was not checked"
    if action in ("doing", "skip") and state == "done":
        # Marking done work as in progress or skipped would quietly take it off "done".
        return f"done on {done[item.id].isoformat()}; 'roadmap reset {item.id}' reopens it"
    return None


def _counts_after(
    context: ActiveContext,
    action: StateAction,
    changed: set[str],
    done_count: int,
    total: int,
) -> tuple[int, int]:
    """(done, total) of the plan after the change: a state change alters no plan, so the
    numbers before it move by the changed items the plan counts."""
    planned = context.planned_ids
    done_now = context.done_by()
    was_done = sum(1 for i in changed if i in done_now and i in planned)
    was_skipped = sum(1 for i in changed if i in context.skipped and i in planned)
    counted = sum(1 for i in changed if i in planned)
    done_count -= was_done
    total += was_skipped
    if action == "check":
        done_count += counted
    elif action == "skip":
        total -= counted
    return done_count, total


def evidence_link(text: str) -> str:
    """A link as it is kept: a URL (``scheme://...`` or ``mailto:``) as given, else a path
    made absolute (``~`` expanded). Raises RoadmapError for an empty link or a path that
    does not exist.
    """
    import re
    from pathlib import Path

    link = text.strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$|^mailto:\S+$", link):
        return link
    if not link:
        raise RoadmapError("An empty link was given.", "Give a URL (https://...) or a path.")
    path = Path(link).expanduser()
    if not path.exists():
        raise RoadmapError(
            f"No file or directory at {link}.",
            "Give a URL (https://...) or the path of something that exists; nothing was written.",
        )
    return str(path.resolve())


def not_in_future(on: dt.date) -> None:
    """Raise RoadmapError when ``on`` is after today: work is recorded when it is done."""
    today = clock.today()
    if on > today:
        raise RoadmapError(
            f"{on.isoformat()} is in the future; you can only record work done by today "
            f"({today.isoformat()}).",
            "Leave out --on to record it for today.",
        )


def not_before_start(enrollment: Enrollment, on: dt.date) -> None:
    """Raise RoadmapError when ``on`` (the day a change is dated) is before the enrollment's
    start: a run records nothing before its first day. The sentence names the start and the
    command that moves it (``roadmap start SLUG --on DAY``, see :func:`start`).
    """
    started = enrollment.started
    if on < started:
        slug = enrollment.curriculum
        raise RoadmapError(
            f"{on.isoformat()} is before your enrollment in {slug} starts, on "
            f"{started.isoformat()}; nothing was written.",
            f"Give a day from {started.isoformat()} on, or move the start back with "
            f"'roadmap start {slug} --on {on.isoformat()}'.",
        )


_EXAMPLE_HOURS = 8


def check_log_hours(hours: float) -> None:
    """Raise RoadmapError unless ``hours`` (decimal hours) is what one ``roadmap log`` can
    record: :data:`~roadmap_tracker.progress.events.MIN_HOURS` (a minute) to
    :data:`~roadmap_tracker.progress.events.MAX_LOG_HOURS` (a day's)."""
    _check_hours(hours, "hours for one day", MIN_HOURS, MAX_LOG_HOURS, "roadmap log 1.5")


def _check_hours(hours: float, what: str, least: float, most: float, example: str) -> None:
    """Raise RoadmapError unless ``hours`` (decimal hours) is from ``least`` to ``most``."""
    if not least <= hours <= most:
        raise RoadmapError(
            f"{hours:g} is not a possible number of {what}.",
            f"Give a number from {hours_limit_text(least)} to {most:g}, like '{example}'.",
        )


def check_weekly_hours(hours: float, example: str) -> None:
    """Raise RoadmapError unless ``hours`` is a weekly commitment roadmap can plan with:
    :data:`~roadmap_tracker.progress.events.MIN_HOURS_PER_WEEK` to
    :data:`~roadmap_tracker.progress.events.MAX_HOURS` decimal hours.
    """
    _check_hours(hours, "hours per week", MIN_HOURS_PER_WEEK, MAX_HOURS, example)


class LogResult(View):
    """What ``roadmap log`` recorded, and the hours of that week against the commitment."""

    curriculum: str
    on: dt.date
    hours: float
    task: str | None
    task_title: str | None
    note: str | None
    week_start: dt.date
    week_hours: float
    hours_per_week: float | None


def log(
    session: Session, hours: float, task: str | None = None, note: str | None = None
) -> LogResult:
    """Record ``hours`` (decimal hours, from a minute to 24:
    :data:`~roadmap_tracker.progress.events.MIN_HOURS` to
    :data:`~roadmap_tracker.progress.events.MAX_LOG_HOURS`) of study on the session's day, for the
    item
    ``task`` if given. Raises RoadmapError for a day after today or before the enrollment's
    start (:func:`not_before_start`), hours outside that range, an unknown task or one
    outside the plan; nothing is written then.
    """
    on = session.as_of
    check_log_hours(hours)
    not_in_future(on)

    def record(fresh: Session, transaction: Transaction) -> LogResult:
        context = fresh.context()
        not_before_start(context.enrollment, on)
        item = None
        if task is not None:
            item = refs.resolve_for(
                context.curriculum, task, "roadmap log --task", ("item", "recurring")
            ).item
        if item is not None:
            refuse_unplanned(context, [item.id], "log time on")
        event = Event(
            seq=transaction.next_seq,
            at=clock.now(),
            on=on,
            curriculum=context.curriculum.slug,
            action="log",
            hours=hours,
            items=(item.id,) if item else (),
            note=note.strip() if note and note.strip() else None,
        )
        monday = clock.week_start(on)
        week_hours = context.ledger.logged_hours(monday, monday + dt.timedelta(6)) + hours
        transaction.add(event)
        return LogResult(
            curriculum=context.curriculum.slug,
            on=on,
            hours=hours,
            task=item.id if item else None,
            task_title=item.title if item else None,
            note=event.note,
            week_start=monday,
            week_hours=round(week_hours, 2),
            hours_per_week=context.settings.hours_per_week,
        )

    return session.transaction(record)
