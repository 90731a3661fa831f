"""Lengths of time as a learner types them: :func:`parse_hours` reads ``1.5``, ``1:30``,
``90m``, ``1h30`` or ``1h 30m`` as decimal hours, for ``roadmap log``.

The limits of what may be logged (a minute to a day) are the commands' (see
:data:`~roadmap_tracker.progress.events.MIN_HOURS`); this only reads the text.
"""

from __future__ import annotations

HOURS_FORMS = (
    "decimal hours (1.5, .5), hours:minutes (1:30), minutes (90m, 45min), "
    "or hours and minutes (2h, 1h30, 1h 30m)"
)
"""The forms :func:`parse_hours` reads, as its error names them."""

_PLACES = 4
"""Hours made of minutes are rounded to this many decimals (a third of a second)."""


def parse_hours(text: str) -> float:
    """The decimal hours ``text`` says, in any of the forms of :data:`HOURS_FORMS`, case
    and spaces around ignored: ``1.5`` and ``.5`` (decimal hours); ``1:30`` (hours and
    minutes, minutes below 60); ``90m``, ``45min``, ``90 minutes`` (minutes, any number);
    ``2h``, ``1.5h``, ``1h30``, ``1h30m``, ``1h 30m`` (hours, then minutes below 60).
    Hours made of minutes are rounded to four decimals (``1h07`` is 1.1167).

    Any other text that Python reads as a number (``1e9``, ``-1``, ``nan``) is returned as
    that number, so that the caller's limits say what is wrong with it. Raises RoadmapError
    naming the forms for anything else.
    """
    import re

    from roadmap_tracker.base.errors import RoadmapError

    word = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", word):
        return float(word)
    clock_form = re.fullmatch(r"(\d+):(\d{2})", word)
    units = re.fullmatch(
        r"(?:(?P<h>\d+(?:\.\d+)?|\.\d+)\s*h(?:ours?|rs?)?)?\s*"
        r"(?:(?P<m>\d+)\s*(?P<unit>m|mins?|minutes?)?)?",
        word,
    )
    if clock_form is not None and int(clock_form[2]) < 60:
        return round(int(clock_form[1]) + int(clock_form[2]) / 60, _PLACES)
    if units is not None and (units["h"] or units["unit"]):
        minutes = int(units["m"] or 0)
        if units["h"] is None or minutes < 60:
            return round(float(units["h"] or 0) + minutes / 60, _PLACES)
    if clock_form is None and units is None:
        try:
            return float(word)  # 1e9, -1, nan: the caller's limits word it
        except ValueError:
            pass
    raise RoadmapError(
        f"'{text.strip()}' is not a length of time roadmap reads.",
        f"Write {HOURS_FORMS}.",
    )
