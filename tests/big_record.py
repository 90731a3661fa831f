"""Write a large, valid progress file: one enrollment and many changes (issue 21, item 12).

The lines are the ones ``file_format.event_line`` writes (``- {JSON}``, fields in the order of
``Event.record``): a ``start`` of the curriculum, then checks, unchecks, logged hours and
notes of its items over the days after it, and now and then an ``undo`` of the change just
before. ``tests/test_big_record.py`` uses it, and so can a measurement by hand::

    python -m tests.big_record /tmp/big/progress.yaml 820000

(about 100 MB). The same arguments always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

from roadmap_tracker.curriculum import catalog
from roadmap_tracker.progress import file_format
from roadmap_tracker.progress import ids as event_ids

SLUG = "advanced-ai"
START = dt.date(2020, 1, 6)
EVENTS_A_DAY = 400
"""How many changes fall on each day: 820,000 reach about five and a half
years, from 2020 to the middle of 2025."""
UNDO_EVERY = 997
"""One change in this many is an undo of the change before it."""


def write_big_record(path: Path, events: int, seed: int = 12) -> int:
    """Write a progress file of ``events`` events (``events`` >= 1) at ``path`` (replacing
    it) for the bundled curriculum ``advanced-ai``; return its size in bytes.

    Raises OSError when the file cannot be written.
    """
    rng = random.Random(seed)
    curriculum = catalog.load_slug(SLUG)
    ids = [item.id for item in curriculum.items]
    digest = catalog.digest(catalog.find_curriculum(SLUG).path)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"{file_format.HEADER}schema_version: 3\nevents:\n")
        chunk: list[str] = []
        previous_undoable = False
        previous_id = ""
        for seq in range(1, events + 1):
            day = START + dt.timedelta(days=(seq - 1) // EVENTS_A_DAY)
            second = (seq - 1) % EVENTS_A_DAY * 60
            at = f"{day.isoformat()}T{7 + second // 3600:02d}:{second // 60 % 60:02d}:00Z"
            moment = dt.datetime.fromisoformat(at)
            event_id = event_ids.encode(int(moment.timestamp() * 1000) << 80 | seq)
            record: dict[str, object] = {"id": event_id, "at": at, "on": day.isoformat()}
            record["curriculum"] = SLUG
            if seq == 1:
                record.update(action="start", hours=15.0, digest=digest)
            elif previous_undoable and seq % UNDO_EVERY == 0:
                record.update(action="undo", undoes=previous_id)
            else:
                kind = rng.random()
                item = rng.choice(ids)
                if kind < 0.45:
                    record.update(action="check", items=[item])
                elif kind < 0.6:
                    record.update(action="uncheck", items=[item])
                elif kind < 0.85:
                    hours = rng.choice((0.5, 1.0, 1.5, 2.0))
                    record.update(action="log", hours=hours)
                else:
                    record.update(action="note", items=[item], note=f"Note {seq}.")
            previous_undoable = record["action"] != "undo"
            previous_id = event_id
            chunk.append(f"- {encode(record)}\n")
            if len(chunk) == 4096:
                handle.write("".join(chunk))
                chunk.clear()
        handle.write("".join(chunk))
    path.chmod(0o600)
    return path.stat().st_size


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.big_record PATH EVENTS")
    size = write_big_record(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"{sys.argv[1]}: {int(sys.argv[2]):,} events, {size:,} bytes")
