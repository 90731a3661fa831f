"""Bringing the data of a progress file in an older schema up to the current one, one step
per version (:func:`migrate`).

Reading migrates in memory (:func:`~roadmap_tracker.progress.reading.parse_progress`); the next
change rewrites the file in the current schema, keeping the learner's comments
(:func:`~roadmap_tracker.progress.store.migrated_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from roadmap_tracker.progress.events import SCHEMA_VERSION


def migrate(data: Any, version: int) -> Any:
    """Bring the mapping of a progress file from ``version`` up to the current schema, one
    step at a time. Works on plain data and on ruamel.yaml's commented data alike.
    """
    steps: dict[int, Callable[[Any], Any]] = {1: _v1_to_v2, 2: _v2_to_v3}
    while version < SCHEMA_VERSION:
        data = steps[version](data)
        version += 1
    return data


def _v1_to_v2(data: Any) -> Any:
    """Schema 1 → 2: enrollments become ``start`` events (the active one last, each followed
    by ``include`` and ``choose`` events for its settings), an event's ``item`` becomes
    ``items``, and every event gets its number ``seq``.

    Works on plain data and on ruamel.yaml's commented data: there the comments of the
    removed keys move under ``schema_version``, and those of enrollment lines to their
    ``start`` lines.
    """
    active = data.get("active")
    enrollments = list(data.get("enrollments") or [])
    old_events = data.get("events") or []
    order = sorted(
        range(len(enrollments)),
        key=lambda i: (
            enrollments[i].get("curriculum") == active,
            str(enrollments[i].get("enrolled_at")),
        ),
    )
    mapping = type(data)
    starts: list[Any] = []
    start_positions: dict[int, int] = {}
    for index in order:
        old = enrollments[index]
        common = {
            "at": old.get("enrolled_at"),
            "on": old.get("started"),
            "curriculum": old.get("curriculum"),
        }
        start = mapping({**common, "action": "start"})
        for old_key, key in (("hours_per_week", "hours"), ("path", "path")):
            if old.get(old_key) is not None:
                start[key] = old.get(old_key)
        start_positions[index] = len(starts)
        starts.append(start)
        if old.get("include"):
            starts.append(mapping({**common, "action": "include", "items": list(old["include"])}))
        for group, options in (old.get("choices") or {}).items():
            starts.append(
                mapping({**common, "action": "choose", "items": [group], "options": list(options)})
            )
    events: list[Any] = []
    for old in old_events:
        new = mapping()
        for key, value in old.items():
            if key == "item":
                new["items"] = [value]
            elif not (key == "options" and value is None):
                new[key] = value
        events.append(new)
    combined = starts + events
    for number, event in enumerate(combined, start=1):
        event["seq"] = number
    if hasattr(data, "ca"):
        combined = _carry_comments(data, combined, start_positions, len(starts))
    for key in ("active", "enrollments"):
        data.pop(key, None)
    data["schema_version"] = 2
    data["events"] = combined
    return data


def _v2_to_v3(data: Any) -> Any:
    """Schema 2 → 3 (decision 49): every event gets an id in place of its number ``seq``,
    and ``undoes`` and ``part_of`` name events by id.

    The ids are derived (:func:`~roadmap_tracker.progress.ids.derived_id`): the time part
    from the event's ``at``, the rest from a hash of its old number and record, each raised
    above the one before so that the file's order is kept. Two machines migrating the same
    history get the same ids, so their records still merge. A number ``undoes`` or
    ``part_of`` that names no event is left as it is (the record is then damaged, and said
    so). Works on plain data and on ruamel.yaml's commented data (the id takes the number's
    place).
    """
    import datetime as dt
    import json

    from roadmap_tracker.progress.ids import derived_id

    events = data.get("events") or []
    ids: dict[int, str] = {}
    last: str | None = None
    made: list[str] = []
    for event in events:
        if not isinstance(event, dict):
            made.append("")
            continue
        content = json.dumps(event, sort_keys=True, default=str, ensure_ascii=False)
        at = event.get("at")
        if isinstance(at, str):
            try:
                at = dt.datetime.fromisoformat(at)
            except ValueError:
                at = None
        when = at if isinstance(at, dt.datetime) else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        last = derived_id(when, content.encode("utf-8"), last)
        made.append(last)
        seq = event.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool):
            ids.setdefault(seq, last)
    for position, (event, new) in enumerate(zip(events, made, strict=True)):
        if not new:
            continue
        for key in ("undoes", "part_of"):
            value = event.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value in ids:
                event[key] = ids[value]
        if hasattr(event, "insert"):  # ruamel.yaml's commented mapping: keep its order
            event.pop("seq", None)
            event.insert(0, "id", new)
        else:
            rest = {key: value for key, value in event.items() if key != "seq"}
            event.clear()
            event.update({"id": new, **rest})
        events[position] = event
    data["schema_version"] = 3
    return data


def _carry_comments(
    data: Any, combined: list[Any], start_positions: dict[int, int], offset: int
) -> Any:
    """Keep the comments of a schema 1 file's ``active``, ``enrollments`` and ``events`` on
    the migrated events (ruamel.yaml commented data only).
    """
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.tokens import CommentToken

    sequence = CommentedSeq(combined)
    texts: list[str] = []
    for key in ("active", "enrollments"):
        texts += [t.value for t in data.ca.items.get(key) or [] if isinstance(t, CommentToken)]
    enrollments = data.get("enrollments")
    if isinstance(enrollments, CommentedSeq):
        for old_index, tokens in enrollments.ca.items.items():
            if old_index in start_positions:
                sequence.ca.items[start_positions[old_index]] = tokens
    events = data.get("events")
    if isinstance(events, CommentedSeq):
        sequence.ca.comment = events.ca.comment
        sequence.ca.end = events.ca.end
        for index, tokens in events.ca.items.items():
            sequence.ca.items[index + offset] = tokens
    if texts:
        slot = data.ca.items.setdefault("schema_version", [None, None, None, None])
        before = slot[2].value if isinstance(slot[2], CommentToken) else "\n"
        lines = [line for text in [before, *texts] for line in text.splitlines() if line.strip()]
        joined = "\n" + "\n".join(line.strip() for line in lines) + "\n"
        slot[2] = CommentToken(joined, None, None)
    return sequence
