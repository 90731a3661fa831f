"""The ``roadmap export`` command: the enrollment the command works on, as of the session's
day, as JSON, a Markdown checklist or an iCalendar file.

The functions here read the session (the enrollment, its curriculum, plan and progress) and
hand plain data to the serialisers in :mod:`roadmap_tracker.formats`: ``json_export`` (with
the ``plan`` and ``status`` numbers built here from the views), ``markdown_export`` and
``icalendar_export``. Where the text goes is the CLI's: stdout, or
:func:`roadmap_tracker.commands.output_files.write_file`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap_tracker.curriculum.model import Curriculum
    from roadmap_tracker.session import ActiveContext, Session


def export(session: Session, export_format: str) -> str:
    """The enrollment the command works on (the active one, or ``--plan``'s) as of the end
    of the session's day, as text in ``export_format`` (``json``, ``markdown`` or ``ics``): the JSON
    document (:func:`export_json`), the Markdown checklist (:func:`export_markdown`) or the
    iCalendar file (:func:`export_ics`). Raises RoadmapError as they do.

    The text holds no control characters but newlines and tabs (and the CRLF line ends of
    iCalendar): the Markdown and the calendar leave out those of titles and notes, the JSON
    escapes them (:mod:`roadmap_tracker.base.printable`), so that the export can be printed.
    """
    from roadmap_tracker.base.printable import printable, printable_crlf

    if export_format == "json":
        return export_json(session)
    if export_format == "markdown":
        return printable(export_markdown(session))
    return printable_crlf(export_ics(session))


def export_json(session: Session) -> str:
    """The enrollment as of the end of the session's day (``as_of``) as one JSON document
    (docs/json.md), indented by two spaces, keys in a fixed order, ending in a newline.

    Keys: ``schema_version``, ``exported_on`` (``as_of``), ``enrollment`` and ``curriculum``
    (:func:`roadmap_tracker.formats.json_export.json_document`),
    ``plan`` (exactly ``roadmap plan --json --on AS_OF``: windows per phase and module,
    dated milestones, plan end) and ``summary`` (done, total, percent and pace exactly as
    ``roadmap status --json --week AS_OF`` gives them, plus skipped items and hours logged).
    Control characters in the text are ``\\u`` escapes (C1 ones too, which ``json.dumps``
    leaves raw). The curriculum part is kept as text beside the cached curriculum
    (:func:`roadmap_tracker.curriculum.catalog.derived`): the export reads the outline, not
    the whole curriculum. Raises RoadmapError when the learner is not enrolled (or not in
    ``--plan``'s curriculum) or the curriculum cannot be loaded.
    """
    from roadmap_tracker.commands import overview
    from roadmap_tracker.curriculum import catalog
    from roadmap_tracker.formats import json_export
    from roadmap_tracker.session import source_of

    day = session.as_of
    context = session.context()
    plan = overview.plan_view(session).to_json()
    assert isinstance(plan, dict)
    summary = _summary(context, day)
    path, slug = source_of(context.enrollment)
    curriculum = catalog.derived(path, slug, "export-json", _curriculum_json)
    return json_export.json_text(json_export.json_document(context, day, plan, summary, curriculum))


def _curriculum_json(curriculum: Curriculum) -> str:
    """The curriculum part of the JSON export (:func:`json_export.curriculum_json`)."""
    from roadmap_tracker.commands.evidence import source_records
    from roadmap_tracker.formats import json_export

    return json_export.curriculum_json(curriculum, source_records(curriculum))


def export_markdown(session: Session) -> str:
    """The enrollment you work on (the active one, or ``--plan``'s) as of the session's day as a
    Markdown checklist ready to paste into a GitHub README
    (:func:`roadmap_tracker.formats.markdown_export.export_markdown`). Raises RoadmapError
    when you are not enrolled or the curriculum cannot be loaded.
    """
    from roadmap_tracker.curriculum import catalog
    from roadmap_tracker.formats import markdown_export
    from roadmap_tracker.session import source_of

    as_of = session.as_of
    context = session.context()
    path, slug = source_of(context.enrollment)
    pieces = catalog.derived(path, slug, "markdown", markdown_export.checklist_pieces)
    return markdown_export.export_markdown(context, as_of, pieces)


def export_ics(session: Session) -> str:
    """The plan of the enrollment you work on as an iCalendar file, with progress as of the end
    of the session's day (:func:`roadmap_tracker.formats.icalendar_export.export_ics`), whose
    SEQUENCE is the number of the progress file's last change. Raises RoadmapError when you
    are not enrolled, or as that does.
    """
    from roadmap_tracker.formats import icalendar_export

    as_of = session.as_of
    state = session.state
    context = session.context()
    return icalendar_export.export_ics(context, as_of, max(state.next_seq - 1, 0))


def _summary(context: ActiveContext, day: dt.date) -> dict[str, Any]:
    """Done, total and pace at the end of ``day``, computed as ``status`` computes them."""
    from roadmap_tracker.commands import views
    from roadmap_tracker.plan import schedule

    curriculum, plan = context.curriculum, context.plan
    done, total = context.counts(day)
    pace = schedule.pace(
        curriculum,
        plan,
        context.done_by(day),
        day,
        context.counted_ids,
        frozenset(context.skipped),
    )
    last = day.toordinal()
    hours = sum((spent for when, spent in context.ledger.hours_by_day.items() if when <= last), 0.0)
    return {
        "done": done,
        "total": total,
        "percent": views.percent(done, total),
        "planned_percent": views.percent_of(pace.planned_fraction),
        "days_ahead": pace.days_ahead,
        "items_per_week": pace.items_per_week,
        "projected_finish": pace.projected_finish.isoformat() if pace.projected_finish else None,
        "projected_finish_reason": pace.projected_finish_reason,
        "skipped": len(context.skipped),
        "hours_logged": round(hours, 2),
        "overdue": [views.overdue_view(entry, day).to_json() for entry in pace.overdue],
    }
