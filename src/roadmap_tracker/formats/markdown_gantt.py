"""The plan as a Mermaid ``gantt`` chart, for the Markdown export (GitHub draws a
```` ```mermaid ```` block as a diagram).

:func:`gantt_lines` writes one ``section`` per phase and one task per planned module with
fixed dates, tagged ``done`` (every item done or skipped), ``crit`` (its window ended before
the day with items open), ``active`` (begun, or its window holds the day, and not done); the
curriculum's milestones as ``milestone`` points (``0d``) in a ``Milestones`` section; and
the export's day as a milestone of its own (``Today``), since GitHub draws its own today
marker on the day a reader looks (``todayMarker off``). Ongoing and undated modules, and
modules outside the plan, are named in a ``%%`` comment line instead.

The grammar followed (Mermaid's gantt lexer, and what ``tests/test_markdown_gantt.py``
checks line by line): ``gantt`` first, then ``dateFormat YYYY-MM-DD``, ``title TEXT``,
``todayMarker off``, ``%% TEXT`` comments, ``section TEXT`` and task lines
``TEXT :TAGS, ID, YYYY-MM-DD, YYYY-MM-DD`` or ``TEXT :milestone, ID, YYYY-MM-DD, 0d``. A task's
end date is exclusive (Mermaid's default), so a module's last day is the end minus one day.
Texts hold no ``:`` ``;`` ``#`` or ``%`` (Mermaid reads them as the start of a task's data,
the end of a statement, a comment): they are written as their full-width forms (U+FF1A,
U+FF1B, U+FF03, U+FF05), which read the same. Ids are ``m_`` (modules) or ``ms_``
(milestones) and the part's id with every character but letters, digits and ``_`` as ``_``,
numbered on a clash (so no id is a tag word such as ``done``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Set

    from roadmap_tracker.curriculum.model import Curriculum
    from roadmap_tracker.plan.schedule import Window

MARK = "%% roadmap export: the plan"
"""The comment line that starts the chart: the import knows the export's own chart by it."""

_SYNTAX = str.maketrans({":": "\uff1a", ";": "\uff1b", "#": "\uff03", "%": "\uff05"})


def gantt_lines(
    curriculum: Curriculum,
    day: dt.date,
    windows: Mapping[str, Window],
    milestone_dates: Mapping[str, dt.date],
    *,
    done: Set[str],
    skipped: Set[str],
    doing: Set[str],
) -> list[str]:
    """The lines of a fenced ```` ```mermaid ```` gantt block of the plan as of ``day`` (see
    the module docstring), or none when no module of the plan has fixed dates. ``windows``
    are the planned windows of the plan's modules by id (a module without one is not
    planned); ``milestone_dates`` the planned day of each milestone; ``done``, ``skipped``
    and ``doing`` (in progress) item ids, as of the end of ``day``.
    """
    ids = _Ids()
    body: list[str] = []
    left_out: list[str] = []
    for phase in curriculum.phases:
        tasks: list[str] = []
        for module in phase.modules:
            window = windows.get(module.id)
            if window is None:
                continue
            if window.start is None or window.end is None:
                left_out.append(module.id)
                continue
            items = curriculum.item_ids_of(module.id)
            closed = [i for i in items if i in done or i in skipped]
            complete = bool(items) and len(closed) == len(items)
            begun = any(i in done or i in doing for i in items)
            tags: list[str] = []
            if complete:
                tags.append("done")
            else:
                if window.end < day:
                    tags.append("crit")
                if begun or window.start <= day <= window.end:
                    tags.append("active")
            end = window.end + dt.timedelta(days=1)  # Mermaid's end is exclusive
            data = [*tags, ids.of("m", module.id), window.start.isoformat(), end.isoformat()]
            tasks.append(f"    {text(module.title, module.id)} :{', '.join(data)}")
        if tasks:
            body += [f"    section {text(phase.title, phase.id)}", *tasks]
    if not body:
        return []
    milestones = [
        f"    {text(m.title, m.id)} :milestone, {ids.of('ms', m.id)}, {when.isoformat()}, 0d"
        for m in curriculum.milestones
        if (when := milestone_dates.get(m.id)) is not None
    ]
    if milestones:
        body += ["    section Milestones", *milestones]
    body += ["    section Today", f"    Today :milestone, today, {day.isoformat()}, 0d"]
    unplanned = [
        module.id
        for phase in curriculum.phases
        for module in phase.modules
        if module.id not in windows
    ]
    lines = [
        "```mermaid",
        "gantt",
        f"    {MARK} as of {day.isoformat()}",
        "    dateFormat YYYY-MM-DD",
        f"    title {text(curriculum.title, curriculum.slug)}",
        "    todayMarker off",
    ]
    if left_out:
        lines.append(f"    %% left out, ongoing or undated: {', '.join(map(_comment, left_out))}")
    if unplanned:
        lines.append(f"    %% left out, not planned: {', '.join(map(_comment, unplanned))}")
    return [*lines, *body, "```"]


def text(title: str, fallback: str) -> str:
    """``title`` as the text of a Mermaid gantt line (see the module docstring); ``fallback``
    when nothing of it is left."""
    written = " ".join(title.translate(_SYNTAX).replace("`", "'").split())
    return written or " ".join(fallback.translate(_SYNTAX).split()) or "untitled"


def _comment(identifier: str) -> str:
    """An id as a comment may hold it (one line)."""
    return " ".join(identifier.split())


class _Ids:
    """Mermaid task ids: a prefix, ``_`` and the part's id made of letters, digits and
    ``_``; a clash gets ``_2``, ``_3``..."""

    def __init__(self) -> None:
        self.taken: set[str] = {"today"}

    def of(self, prefix: str, identifier: str) -> str:
        base = f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', identifier)}"
        found, number = base, 1
        while found in self.taken:
            number += 1
            found = f"{base}_{number}"
        self.taken.add(found)
        return found
