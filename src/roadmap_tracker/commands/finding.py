"""``roadmap find WORDS``: the phases, modules, items and recurring activities of your
curriculum that match some words, ranked (:mod:`roadmap_tracker.plan.search`).

It searches the whole curriculum (titles, ids, descriptions, module topics, sections) and
your notes on items (``roadmap note``, ``check --note``, a skip's reason), as your record
stood at the end of the session's day.
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.curriculum.model import Curriculum, Module, Phase
from roadmap_tracker.plan.search import Entry, search, terms
from roadmap_tracker.session import ActiveContext, Session


class FoundView(View):
    """One thing ``roadmap find`` found, best first.

    ``kind`` is ``phase``, ``module``, ``recurring`` or an item's kind (``task``,
    ``deliverable``, ``checkpoint``, ``milestone``); ``module`` and ``phase`` are where it
    stands (None where that does not apply). ``state`` is an item's ``open``, ``doing``,
    ``done`` or ``skipped`` at the end of the day, None for the others. ``matched`` names the
    fields the words were found in, best first (``id``, ``title``, ``topic``, ``section``,
    ``description``, ``note``); ``excerpt`` is the matching text when a word was found best
    outside the id and title (one line, at most 72 characters), else None. ``score`` ranks
    the hits (higher is better).
    """

    id: str
    kind: str
    title: str
    module: str | None
    phase: str | None
    state: str | None
    matched: list[str]
    excerpt: str | None
    score: int


class FindView(View):
    """``roadmap find``: what ``query`` found in ``curriculum`` on ``as_of``, best first
    (``found``: every hit; the human view shows the first ``-n``).
    """

    curriculum: str
    title: str
    as_of: dt.date
    query: str
    found: list[FoundView]


def find_view(session: Session, query: str) -> FindView:
    """Search the session's enrollment for ``query`` (see :mod:`roadmap_tracker.plan.search`).
    Raises RoadmapError when the query holds no word, when you are not enrolled, or when the
    curriculum does not load. Finding nothing is no error: ``found`` is empty.
    """
    if not terms(query):
        raise RoadmapError(
            f"'{query}' holds no word to look for.",
            "Give some words of a title, topic or note, or part of an id: roadmap find transformer",
        )
    context = session.context(whole=True)
    curriculum = context.curriculum
    entries, places = _entries(context, curriculum)
    done = context.done_by()
    states: dict[str, str] = {}
    for state, ids in (("done", done), ("skipped", context.skipped), ("doing", context.doing)):
        for item_id in ids:
            states.setdefault(item_id, state)
    found = []
    for match in search(entries, query):
        entry = entries[match.position]
        module, phase = places[match.position]
        is_item = entry.kind not in ("phase", "module", "recurring")
        found.append(
            FoundView(
                id=entry.id,
                kind=entry.kind,
                title=entry.title,
                module=module,
                phase=phase,
                state=states.get(entry.id, "open") if is_item else None,
                matched=list(match.fields),
                excerpt=match.excerpt,
                score=match.score,
            )
        )
    return FindView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        as_of=session.as_of,
        query=query,
        found=found,
    )


def _entries(
    context: ActiveContext, curriculum: Curriculum
) -> tuple[list[Entry], list[tuple[str | None, str | None]]]:
    """What a search looks through, in curriculum order (each phase, then each of its
    modules followed by its items, then the phase's own items; milestones' items; recurring
    activities), with the (module, phase) each stands in.
    """
    notes: dict[str, list[str]] = {}
    for recorded, entries in context.ledger.notes.items():
        item_id = curriculum.current_id(recorded)
        if item_id is not None:
            notes.setdefault(item_id, []).extend(text for _, text, _, _ in entries if text)
    details: dict[str, tuple[tuple[str, str], ...]] = {}
    parts: list[Module | Phase] = [*curriculum.modules, *curriculum.phases]
    for part in parts:
        for task in (*part.tasks, *part.deliverables):
            if task.description:
                details[task.id] = (("description", task.description),)

    table = curriculum.item_table
    found: list[Entry] = []
    places: list[tuple[str | None, str | None]] = []

    def add_items(span: tuple[int, int] | None) -> None:
        start, stop = span or (0, 0)
        for position in range(start, stop):
            item_id = table.ids[position]
            texts = list(details.get(item_id, ()))
            if table.sections[position]:
                texts.append(("section", table.sections[position] or ""))
            texts += [("note", text) for text in notes.get(item_id, ())]
            title = table.titles[position]
            found.append(Entry(item_id, table.kinds[position], title, tuple(texts)))
            places.append((table.module_ids[position], table.phase_ids[position]))

    for phase in curriculum.phases:
        phase_texts = [("description", text) for text in (phase.summary, *phase.objectives) if text]
        found.append(Entry(phase.id, "phase", phase.title, tuple(phase_texts)))
        places.append((None, None))
        for module in phase.modules:
            texts = [("description", text) for text in (module.summary, *module.objectives) if text]
            for topic in module.topics:
                texts += [("topic", topic.title), *(("topic", sub) for sub in topic.items)]
            texts += [("topic", skill) for skill in module.skills]
            found.append(Entry(module.id, "module", module.title, tuple(texts)))
            places.append((None, phase.id))
            add_items(table.module_spans.get(module.id))
        add_items(table.phase_spans.get(phase.id))
    for milestone in curriculum.milestones:
        add_items(table.milestone_spans.get(milestone.id))
    for activity in curriculum.recurring:
        texts = [("description", activity.description)] if activity.description else []
        found.append(Entry(activity.id, "recurring", activity.title, tuple(texts)))
        places.append((None, None))
    return found, places
