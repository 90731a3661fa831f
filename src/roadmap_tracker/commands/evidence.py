"""Notes and evidence on items: ``roadmap note``, ``roadmap show ITEM`` and ``roadmap portfolio``.

A note is text and/or links (evidence: URLs, or absolute paths) attached to one item on a day;
many per item. They come from ``note`` events, from ``check --note/--link`` and from the
reason of a ``skip``, and are folded by the ledger (:attr:`Ledger.notes`). The portfolio lists
every deliverable (portfolio project, report, talk...) of the plan with its evidence, as
Markdown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.commands.tracking import evidence_link, not_before_start, not_in_future
from roadmap_tracker.commands.views import item_view, refuse_unplanned
from roadmap_tracker.curriculum import catalog
from roadmap_tracker.curriculum.items import Item
from roadmap_tracker.curriculum.model import (
    Curriculum,
    Deliverable,
    Module,
    Phase,
    Resource,
    Task,
)
from roadmap_tracker.plan import refs
from roadmap_tracker.plan.schedule import Window
from roadmap_tracker.progress.events import Event
from roadmap_tracker.progress.transaction import Transaction
from roadmap_tracker.session import ActiveContext, Session, whole_curriculum_of


class NoteView(View):
    """One note on an item: its day, text and links, and what made it (``note``, ``check``,
    ``skip``...)."""

    on: dt.date
    text: str | None
    links: list[str]
    source: str


class ResourceView(View):
    """A resource of the item's module or phase."""

    title: str
    kind: str
    url: str | None


class ItemDetail(View):
    """``roadmap show ITEM``: one item with its state, dates, notes, evidence and resources.

    ``state`` is ``open``, ``done``, ``doing`` or ``skipped``, changed on ``state_on``;
    ``planned_start``/``planned_end`` are its module's (else its phase's) planned window;
    ``hours`` the decimal hours logged on it; ``deliverable_kind`` the kind of a deliverable
    (``portfolio project``, ``report``...).
    """

    curriculum: str
    id: str
    title: str
    kind: str
    deliverable_kind: str | None
    description: str | None
    section: str | None
    part_title: str
    module: str | None
    phase: str | None
    state: str
    state_on: dt.date | None
    planned_start: dt.date | None
    planned_end: dt.date | None
    hours: float
    notes: list[NoteView]
    resources: list[ResourceView]


class PartItem(View):
    """An item in ``roadmap show MODULE`` or ``show PHASE``: its id, title and kind, its
    ``state`` (``open``, ``done``, ``doing`` or ``skipped``) and the day it changed
    (``state_on``, None when open).
    """

    id: str
    title: str
    kind: str
    state: str
    state_on: dt.date | None


class PartModule(View):
    """A module of the phase ``roadmap show PHASE`` draws: its planned window (None dates
    when it is not in the plan, ``planned`` False: an unchosen option or an optional module
    not included) and its items done of those that count (skipped ones left out).
    """

    id: str
    title: str
    planned: bool
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None
    done: int
    total: int


class PartDetail(View):
    """``roadmap show MODULE`` or ``roadmap show PHASE``: one part of the enrollment's plan.

    ``kind`` is ``module`` or ``phase``; ``phase`` the module's phase (None for a phase);
    ``planned`` whether the plan holds it; ``start``, ``end`` and ``latest_end`` its planned
    window (None when not planned or undated); ``done`` of ``total`` its items that count,
    skipped ones left out, as ``status`` counts them (a phase: its planned modules' items
    and its own); ``items`` the module's items, or the phase's own items (checklist,
    deliverables, checkpoint), with their states; ``modules`` a phase's modules (empty for a
    module).
    """

    curriculum: str
    kind: str
    id: str
    title: str
    phase: str | None
    planned: bool
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None
    done: int
    total: int
    items: list[PartItem]
    modules: list[PartModule]


class NoteResult(View):
    """What ``roadmap note`` attached."""

    curriculum: str
    id: str
    title: str
    on: dt.date
    text: str | None
    links: list[str]
    notes: int


class PortfolioEntry(View):
    """A deliverable in ``roadmap portfolio``: its state, the day done and its evidence."""

    id: str
    title: str
    kind: str
    part_title: str
    state: str
    done_on: dt.date | None
    links: list[str]
    notes: list[str]


class PortfolioView(View):
    """``roadmap portfolio``: every deliverable of the plan in curriculum order (only the
    done ones with ``done_only``), with its evidence. ``done`` and ``total`` count the
    planned deliverables less the skipped ones (listed with their state), as ``status``
    counts items; ``not_planned`` those of parts outside the plan (options not
    chosen, optional modules not included), which are not listed, ``not_planned_done`` how
    many of them are done.
    """

    curriculum: str
    title: str
    done: int
    total: int
    deliverables: list[PortfolioEntry]
    not_planned: int
    not_planned_done: int


def add_note(session: Session, reference: str, text: str | None, links: list[str]) -> NoteResult:
    """Attach ``text`` and/or ``links`` (URLs, or paths made absolute) to the item
    ``reference`` names, on the session's day. Raises RoadmapError when both are empty, for an
    unknown item or one outside the plan (an option not chosen, an optional module not
    included), a path that does not exist, a day after today or a day before the
    enrollment's start; nothing is written then.
    """
    on = session.as_of
    not_in_future(on)
    note = text.strip() if text and text.strip() else None
    evidence = [evidence_link(link) for link in links]
    if note is None and not evidence:
        raise RoadmapError(
            "A note needs text or a link.",
            'Example: roadmap note ITEM "what I learned" --link https://github.com/me/repo',
        )
    curriculum = session.curriculum()

    def record(fresh: Session, transaction: Transaction) -> NoteResult:
        context = fresh.context(loaded=curriculum)
        not_before_start(context.enrollment, on)
        item = refs.resolve_for(context.curriculum, reference, "roadmap note", ("item",)).item
        assert item is not None
        refuse_unplanned(context, [item.id], "add a note to")
        earlier = len(_notes_of(context, item.id))
        transaction.add(
            Event(
                seq=transaction.next_seq,
                at=clock.now(),
                on=on,
                curriculum=context.curriculum.slug,
                action="note",
                items=(item.id,),
                note=note,
                links=tuple(evidence),
            )
        )
        return NoteResult(
            curriculum=context.curriculum.slug,
            id=item.id,
            title=item.title,
            on=on,
            text=note,
            links=evidence,
            notes=earlier + 1,
        )

    return session.transaction(record)


def _notes_of(context: ActiveContext, item_id: str) -> list[NoteView]:
    """The notes of an item, under its current id and any old one, oldest first."""
    curriculum = context.curriculum
    found: list[tuple[int, int, NoteView]] = []
    for recorded, entries in context.ledger.notes.items():
        if curriculum.current_id(recorded) != item_id:
            continue
        for position, (day, text, links, source) in enumerate(entries):
            view = NoteView(
                on=dt.date.fromordinal(day), text=text, links=list(links), source=source
            )
            found.append((day, position, view))
    return [view for _, _, view in sorted(found, key=lambda entry: entry[:2])]


def source_records(curriculum: Curriculum) -> dict[str, Task]:
    """The tasks and deliverables of the whole curriculum by id (their descriptions and
    kinds are not in the outline the progress views read)."""
    found: dict[str, Task] = {}
    parts: list[Module | Phase] = [*curriculum.modules, *curriculum.phases]
    for part in parts:
        for task in (*part.tasks, *part.deliverables):
            found[task.id] = task
    return found


def _state(context: ActiveContext, item_id: str) -> tuple[str, dt.date | None]:
    done = context.done_by()
    for state, found in (("done", done), ("skipped", context.skipped), ("doing", context.doing)):
        if item_id in found:
            return state, found[item_id]
    return "open", None


def item_detail(context: ActiveContext, item: Item) -> ItemDetail:
    """The view of one item of the enrollment ``context``: see :class:`ItemDetail`."""
    curriculum = whole_curriculum_of(context.enrollment)
    source = source_records(curriculum).get(item.id)
    base = item_view(context.curriculum, item.id)
    window = None
    if item.module_id is not None:
        window = context.plan.module_window(item.module_id)
    elif item.phase_id is not None:
        window = next((w for w in context.plan.phases if w.id == item.phase_id), None)
    resources: list[Resource] = []
    if item.module_id is not None:
        resources += curriculum.module_index[item.module_id].resources
    if item.phase_id is not None:
        resources += curriculum.phase_index[item.phase_id].resources
    state, state_on = _state(context, item.id)
    hours = sum(
        (
            spent
            for logged, spent in context.ledger.hours_by_item.items()
            if curriculum.current_id(logged) == item.id
        ),
        0.0,  # decimal hours, 0.0 (not 0) when none were logged
    )
    return ItemDetail(
        curriculum=curriculum.slug,
        id=item.id,
        title=item.title,
        kind=item.kind,
        deliverable_kind=source.kind if isinstance(source, Deliverable) else None,
        description=source.description if source is not None else None,
        section=item.section,
        part_title=base.part_title,
        module=item.module_id,
        phase=item.phase_id,
        state=state,
        state_on=state_on,
        planned_start=window.start if window else None,
        planned_end=window.end if window else None,
        hours=round(hours, 2),
        notes=_notes_of(context, item.id),
        resources=[ResourceView(title=r.title, kind=r.kind, url=r.url) for r in resources],
    )


def part_detail(context: ActiveContext, kind: str, part_id: str) -> PartDetail:
    """The view of one module or phase (``kind``) of the enrollment ``context``: see
    :class:`PartDetail`.
    """
    curriculum, plan = context.curriculum, context.plan
    done = context.done_by()
    skipped = context.skipped

    def items_of(ids: list[str]) -> list[PartItem]:
        found = []
        for item_id in ids:
            item = curriculum.item(item_id)
            state, state_on = _state(context, item_id)
            found.append(
                PartItem(
                    id=item_id, title=item.title, kind=item.kind, state=state, state_on=state_on
                )
            )
        return found

    def counted(ids: list[str]) -> tuple[int, int]:
        kept = [i for i in ids if i not in skipped]
        return sum(1 for i in kept if i in done), len(kept)

    if kind == "module":
        module = curriculum.module_index[part_id]
        window = plan.module_window(part_id)
        ids = list(curriculum.item_ids_of(part_id))
        finished, total = counted(ids)
        phase_id = next(p.id for p in curriculum.phases if any(m.id == part_id for m in p.modules))
        return PartDetail(
            curriculum=curriculum.slug,
            kind="module",
            id=part_id,
            title=module.title,
            phase=phase_id,
            **_window_fields(window),
            done=finished,
            total=total,
            items=items_of(ids),
            modules=[],
        )
    phase = curriculum.phase_index[part_id]
    phase_window = next((w for w in plan.phases if w.id == part_id), None)
    modules = []
    for module in phase.modules:
        window = plan.module_window(module.id)
        finished, total = counted(list(curriculum.item_ids_of(module.id)))
        modules.append(
            PartModule(
                id=module.id,
                title=module.title,
                **_window_fields(window),
                done=finished,
                total=total,
            )
        )
    own = list(curriculum.phase_item_ids(part_id))
    own_done, own_total = counted(own)
    return PartDetail(
        curriculum=curriculum.slug,
        kind="phase",
        id=part_id,
        title=phase.title,
        phase=None,
        **_window_fields(phase_window),
        done=own_done + sum(m.done for m in modules if m.planned),
        total=own_total + sum(m.total for m in modules if m.planned),
        items=items_of(own),
        modules=modules,
    )


def show_target(
    session: Session, reference: str | None, whole: bool = False
) -> tuple[Curriculum, dict[str, dt.date], dict[str, str]] | ItemDetail | PartDetail:
    """What ``roadmap show REFERENCE`` draws: a curriculum (slug or path; default the one
    you work on, with every task detail when ``whole``, see
    :func:`roadmap_tracker.commands.curricula.show_data`) with its done items, else the item,
    module or phase of your enrollment that ``reference`` names (:func:`item_detail`,
    :func:`part_detail`). Raises RoadmapError when it names none of them (a recurring
    activity: one sentence saying so), or when the progress file is damaged.
    """
    from roadmap_tracker.commands.curricula import show_data

    if reference is None:
        return show_data(session, None, whole)
    try:
        catalog.find_curriculum(reference)
    except RoadmapError as not_curriculum:
        _ = session.state  # a damaged progress file is the error to report
        try:
            context = session.context()
        except RoadmapError:
            raise not_curriculum from None
        try:
            refs.resolve(context.curriculum, reference)
        except refs.UnresolvedReference as error:
            raise refs.UnresolvedReference(
                f"'{reference}' is neither a curriculum nor an item of {context.curriculum.slug}.",
                error.hint or "Run 'roadmap list' for curricula, 'roadmap show' for items.",
                error.reference,
                error.matches,
                error.ambiguous,
            ) from None
        target = refs.resolve_for(
            context.curriculum, reference, "roadmap show", ("item", "module", "phase")
        )
        if target.item is None:
            return part_detail(context, target.kind, target.id)
        return item_detail(context, target.item)
    return show_data(session, reference)


def show_part(session: Session, kind: str, reference: str) -> PartDetail:
    """``roadmap show --phase P`` (``kind`` ``phase``) or ``--module M`` (``module``): the
    part of your enrollment ``reference`` names by its id, the end of its id or words of its
    title (:func:`roadmap_tracker.plan.refs.resolve_named`), as :func:`part_detail` shows
    it. Raises RoadmapError when it names none or several (listing them all), or when you
    are not enrolled.
    """
    context = session.context()
    curriculum = context.curriculum
    candidates: list[Module] | list[Phase] = (
        list(curriculum.modules) if kind == "module" else list(curriculum.phases)
    )
    found = refs.resolve_named(
        candidates,
        reference,
        f"'{reference}' names no one {kind} of {curriculum.slug}.",
        f"{kind}s",
    )
    return part_detail(context, kind, found.id)


def _window_fields(window: Window | None) -> dict[str, Any]:
    """Whether a part is planned and its planned dates (None when it is not planned), as
    :class:`PartDetail` and :class:`PartModule` hold them.
    """
    return {
        "planned": window is not None,
        "start": window.start if window else None,
        "end": window.end if window else None,
        "latest_end": window.latest_end if window else None,
    }


def portfolio_view(session: Session, done_only: bool = False) -> PortfolioView:
    """Every deliverable of the plan of the enrollment you work on, with its state and
    evidence (links, notes), in curriculum order; only the done ones with ``done_only``.
    ``total`` counts them as ``status`` does (decision 36): skipped ones are listed but not
    counted. Deliverables of parts outside the plan are counted apart (see
    :class:`PortfolioView`).
    """
    context = session.context()
    curriculum = session.curriculum_of(context.enrollment, whole=True)
    sources = source_records(curriculum)
    done = context.done_by()
    planned, counted = context.planned_ids, context.counted_ids
    entries: list[PortfolioEntry] = []
    total = 0
    outside = [
        i.id for i in context.curriculum.items if i.kind == "deliverable" and i.id not in planned
    ]
    for item in context.curriculum.items:
        if item.kind != "deliverable" or item.id not in planned:
            continue
        if item.id in counted:  # a skipped one is listed, not counted
            total += 1
        state, day = _state(context, item.id)
        if done_only and state != "done":
            continue
        notes = _notes_of(context, item.id)
        source = sources.get(item.id)
        entries.append(
            PortfolioEntry(
                id=item.id,
                title=item.title,
                kind=source.kind if isinstance(source, Deliverable) else "deliverable",
                part_title=item_view(context.curriculum, item.id).part_title,
                state=state,
                done_on=day if state == "done" else None,
                links=list(dict.fromkeys(link for note in notes for link in note.links)),
                notes=[note.text for note in notes if note.text and note.source != "skip"],
            )
        )
    return PortfolioView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        done=sum(
            1
            for item in context.curriculum.items
            if item.kind == "deliverable" and item.id in done and item.id in planned
        ),
        total=total,
        deliverables=entries,
        not_planned=len(outside),
        not_planned_done=sum(1 for item_id in outside if item_id in done),
    )
