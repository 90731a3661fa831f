"""A cache of validated curricula, keyed by the content of their files.

Parsing a curriculum's YAML and validating it costs far more than the rest of a command
(0.6 s for 10,000 tasks), and every command is a new process. So the first load of a
curriculum file keeps the validated :class:`~roadmap_tracker.model.Curriculum` as a pickle in
``curricula/`` of :func:`~roadmap_tracker.paths.cache_dir`, named by the SHA-256 of the file's
bytes, the slug it was loaded under and the source of the model classes. The next load of the
same bytes reads the pickle: no YAML parser, no pydantic. A changed file, or a new version of
roadmap, gets a new key; at most :data:`KEPT_ENTRIES` entries are kept.

The cache is only an accelerator: an entry that cannot be read, written or unpickled is
ignored (and the file parsed as if there were none). Entries are written owner-only, like the
progress file, since pickles are only ever read from a directory only their owner can write.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tracker import paths

if TYPE_CHECKING:
    from roadmap_tracker.model import Curriculum

KEPT_ENTRIES = 32
"""How many cached curricula are kept; the least recently written beyond that are removed."""
_MODEL_SOURCES = ("model.py", "durations.py", "records.py")


def curriculum_key(content: bytes, slug: str | None) -> str:
    """The cache key of a curriculum file's bytes loaded under ``slug`` (64 hex digits)."""
    digest = hashlib.sha256(_model_fingerprint())
    digest.update(f"\0{slug}\0".encode())
    digest.update(content)
    return digest.hexdigest()


def load_curriculum(key: str) -> Curriculum | None:
    """The curriculum cached under ``key``, or None when there is none that loads."""
    from roadmap_tracker.model import Curriculum

    try:
        with _entry(key).open("rb") as handle:
            found = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated entry is a miss; the next store replaces it
        return None
    return found if isinstance(found, Curriculum) else None


def store_curriculum(key: str, curriculum: Curriculum) -> None:
    """Keep ``curriculum`` under ``key``; do nothing when the cache cannot be written."""
    import tempfile

    directory = _entry(key).parent
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, name = tempfile.mkstemp(dir=directory, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump(curriculum, handle, protocol=pickle.HIGHEST_PROTOCOL)
            Path(name).replace(_entry(key))
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(name).unlink()
        _prune(directory)


def _entry(key: str) -> Path:
    return paths.cache_dir() / "curricula" / f"{key}.pickle"


def _prune(directory: Path) -> None:
    """Remove the entries beyond the KEPT_ENTRIES most recently written."""
    entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


@cache
def _model_fingerprint() -> bytes:
    """The SHA-256 of the model classes' source, so that a changed model misses the cache."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _MODEL_SOURCES:
        digest.update((here / name).read_bytes())
    return digest.digest()
