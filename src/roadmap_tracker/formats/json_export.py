"""The JSON export of an enrollment (``roadmap export --format json``, docs/json.md): the
document's version, the state of each item, and the document as plain data and as text.

The ``plan`` and ``summary`` parts are the numbers of ``roadmap plan`` and ``roadmap status``:
:mod:`roadmap_tracker.commands.exporting` builds them from the views and hands them in.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap_tracker.curriculum.model import Curriculum, Module, Phase, Resource, Task
    from roadmap_tracker.session import ActiveContext

SCHEMA_VERSION = 1
"""The version of the JSON export's document (``schema_version``).

History: 1 (issue 8) is the first. It goes up when a key is removed, renamed or changes its
meaning or type; new keys may appear within a version, so readers should ignore keys they do
not know.
"""

ITEM_STATES = ("open", "done", "doing", "skipped")
"""The states an item of the export can be in (decision 20)."""


def json_document(
    context: ActiveContext,
    day: dt.date,
    plan: dict[str, Any],
    summary: dict[str, Any],
    curriculum: str,
) -> dict[str, Any]:
    """The JSON export of the enrollment ``context`` as of the end of ``day``, as plain data
    for :func:`json_text`, but for two parts already JSON text
    (:class:`roadmap_tracker.base.json_text.Raw`): the items' states and the curriculum.

    Keys: ``schema_version`` (:data:`SCHEMA_VERSION`), ``exported_on`` (``day``, ISO 8601),
    ``enrollment`` (slug, path, start, decimal hours per week, explicit choices, the options
    each choice group plans (before a choice: its default), optional modules included and
    excluded, and every item of the curriculum with its state, the day
    of that state and whether the plan counts it, as :func:`_items_json`), ``curriculum``
    (``curriculum``: the text :func:`curriculum_json` gives for the context's curriculum),
    then ``plan`` and ``summary`` as given. The context's curriculum may be an outline.
    """
    from roadmap_tracker.base.json_text import Raw
    from roadmap_tracker.base.printable import json_printable
    from roadmap_tracker.plan import schedule

    outline, settings = context.curriculum, context.settings
    optional = [m.id for m in outline.modules if m.optional]
    enrollment = {
        "curriculum": outline.slug,
        "path": context.enrollment.path,
        "start": context.enrollment.started.isoformat(),
        "hours_per_week": settings.hours_per_week,
        "choices": {group: list(options) for group, options in settings.choices.items()},
        "planned_options": schedule.chosen_options(outline, settings.choices),
        "included": [m for m in optional if m in settings.include],
        "excluded": [m for m in optional if m not in settings.include],
        "items": Raw(json_printable(_items_json(context, day, _ITEMS_PAD))),
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "exported_on": day.isoformat(),
        "enrollment": enrollment,
        "curriculum": Raw(curriculum),
        "plan": plan,
        "summary": summary,
    }


_ITEMS_PAD = "    "
"""How deep the enrollment's items stand in the document (``enrollment`` > ``items``)."""

_CURRICULUM_PAD = "  "
"""How deep the curriculum stands in the document."""


def _items_json(context: ActiveContext, day: dt.date, pad: str) -> str:
    """The state of every item of the curriculum at the end of ``day``, in curriculum order,
    as the JSON list :func:`roadmap_tracker.base.json_text.dumps` writes at ``pad``: one
    record a line, ``{"id": ..., "state": ..., "on": ..., "planned": ...}``, with the state
    ``open`` (``on`` null), or ``done``, ``doing`` or ``skipped`` and the day of that change,
    and whether the plan counts the item. Written here by string operations: the large
    export's 10,000 records are most of its text.

    An item is done when checked by the end of ``day`` (a later check leaves it open) and in
    progress when marked so by then. Skipped items are skipped whatever the day, as
    ``status`` counts them (decision 20: skipping is not dated for the totals), so that the
    export's done/total are ``status``'s. Done wins over skipped, skipped over in progress.
    """
    from json.encoder import encode_basestring

    planned = context.planned_ids
    found_in = (
        ("doing", context.doing),
        ("skipped", context.skipped),
        ("done", context.done_by(day)),
    )
    states: dict[str, str] = {}  # the state part of each record not open
    for name, found in found_in:  # in this order, so that the later state wins
        lead = '", "state": "' + name + '", "on": "'
        texts: dict[dt.date, str] = {}  # (a few hundred days for 10,000 items)
        for item_id, when in found.items():
            if name == "doing" and when > day:
                continue
            text = texts.get(when)
            if text is None:
                text = texts[when] = lead + when.isoformat() + '"'
            states[item_id] = text
    state_of = states.get
    opened = '", "state": "open", "on": null'
    yes, no = ', "planned": true}', ', "planned": false}'
    rows = [
        '{"id": '
        + encode_basestring(item_id)[:-1]
        + state_of(item_id, opened)
        + (yes if item_id in planned else no)
        for item_id in context.curriculum.item_table.ids
    ]
    if not rows:
        return "[]"
    inner = pad + "  "
    return "[\n" + inner + (",\n" + inner).join(rows) + "\n" + pad + "]"


def curriculum_json(curriculum: Curriculum, sources: dict[str, Task]) -> str:
    """What the export holds of the whole ``curriculum`` (not an outline) as the JSON text
    the document has at its ``curriculum`` key (:func:`json_text`'s layout and escapes, lines
    after the first indented for that place): title, slug, phases > modules > items with ids,
    titles, kinds, sections, descriptions, durations, resources; choice groups, milestones,
    recurring activities with cadence and RRULE, the journal's cadence and the review's
    cadence and questions. ``sources`` are the curriculum's tasks and deliverables by id
    (the items' descriptions). It depends on the curriculum alone: ``export`` keeps it beside
    the curriculum in the cache (:func:`roadmap_tracker.curriculum.catalog.derived`).
    """
    from roadmap_tracker.base.json_text import dumps
    from roadmap_tracker.base.printable import json_printable

    return json_printable(dumps(_curriculum_part(curriculum, sources), _CURRICULUM_PAD))


def json_text(document: dict[str, Any]) -> str:
    """``document`` as JSON text, indented by two spaces with each record of a list (an
    item, a row) on one line (:func:`roadmap_tracker.base.json_text.dumps`), keys in the
    order given, ending in a newline. Control characters in the text are ``\\u`` escapes (C1
    ones too, which ``json.dumps`` leaves raw); :class:`~roadmap_tracker.base.json_text.Raw`
    parts are taken as they are (:func:`curriculum_json` escapes them so).
    """
    from roadmap_tracker.base.json_text import dumps
    from roadmap_tracker.base.printable import json_printable

    return dumps(document, escape=json_printable) + "\n"


def _curriculum_part(curriculum: Curriculum, sources: dict[str, Task]) -> dict[str, Any]:
    """What the export holds of the curriculum itself: its facts and its tree of items."""
    return {
        "slug": curriculum.slug,
        "title": curriculum.title,
        "subtitle": curriculum.subtitle,
        "version": curriculum.version,
        "updated": curriculum.updated,
        "stated_duration": curriculum.stated_duration,
        "weekly_hours": (
            None
            if curriculum.weekly_hours is None
            else {"low": curriculum.weekly_hours.low, "high": curriculum.weekly_hours.high}
        ),
        "phases": [_phase_part(curriculum, phase, sources) for phase in curriculum.phases],
        "choices": [
            {
                "id": group.id,
                "title": group.title,
                "pick": group.pick,
                "options": list(group.options),
                "recommended": group.recommended,
            }
            for group in curriculum.choices
        ],
        "milestones": [
            {
                "id": milestone.id,
                "title": milestone.title,
                "offset": milestone.offset.to_json(),
                "description": milestone.description,
                "items": _items_part(curriculum, "milestone", milestone.id, sources),
            }
            for milestone in curriculum.milestones
        ],
        "recurring": [
            {
                "id": activity.id,
                "title": activity.title,
                "cadence": activity.cadence,
                "rrule": activity.rrule,
                "times": None if activity.times is None else activity.times.to_json(),
                "unit": activity.unit,
                "during": activity.during,
                "item": activity.item,
                "description": activity.description,
            }
            for activity in curriculum.recurring
        ],
        "journal": None if curriculum.journal is None else curriculum.journal.to_json(),
        "review": (
            None
            if curriculum.review is None
            else {
                "cadence": curriculum.review.cadence,
                "activity": curriculum.review.activity,
                "questions": [question.to_json() for question in curriculum.review.asked()],
            }
        ),
        "resources": _resources(curriculum.resources),
    }


def _phase_part(curriculum: Curriculum, phase: Phase, sources: dict[str, Task]) -> dict[str, Any]:
    return {
        "id": phase.id,
        "title": phase.title,
        "number": phase.number,
        "duration": None if phase.duration is None else phase.duration.to_json(),
        "weeks": None if phase.weeks is None else phase.weeks.to_json(),
        "optional": phase.optional,
        "summary": phase.summary,
        "modules": [_module_part(curriculum, module, sources) for module in phase.modules],
        "items": _items_part(curriculum, "phase", phase.id, sources),
        "resources": _resources(phase.resources),
    }


def _module_part(
    curriculum: Curriculum, module: Module, sources: dict[str, Task]
) -> dict[str, Any]:
    return {
        "id": module.id,
        "title": module.title,
        "number": module.number,
        "group": module.group,
        "duration": None if module.duration is None else module.duration.to_json(),
        "optional": module.optional,
        "summary": module.summary,
        "prerequisites": list(module.prerequisites),
        "items": _items_part(curriculum, "module", module.id, sources),
        "resources": _resources(module.resources),
    }


def _items_part(
    curriculum: Curriculum, owner: str, owner_id: str, sources: dict[str, Task]
) -> list[dict[str, Any]]:
    """The items of one module, phase (its own) or milestone (``owner``), in order: id,
    title, kind, section and description.
    """
    table = curriculum.item_table
    spans = {
        "module": table.module_spans,
        "phase": table.phase_spans,
        "milestone": table.milestone_spans,
    }[owner]
    start, stop = spans.get(owner_id, (0, 0))
    found = []
    for position in range(start, stop):
        source = sources.get(table.ids[position])
        found.append(
            {
                "id": table.ids[position],
                "title": table.titles[position],
                "kind": table.kinds[position],
                "section": table.sections[position],
                "description": source.description if source is not None else None,
            }
        )
    return found


def _resources(resources: tuple[Resource, ...]) -> list[Any]:
    """Resources as the curriculum model has them (title, kind, url, authors, year...)."""
    return [resource.to_json() for resource in resources]
