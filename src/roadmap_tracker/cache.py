"""A cache of validated curricula, keyed by the content of their files.

Parsing a curriculum's YAML and validating it costs far more than the rest of a command
(0.6 s for 10,000 tasks), and every command is a new process. So the first load of a
curriculum file keeps the validated :class:`~roadmap_tracker.model.Curriculum` as a pickle in
``curricula/`` of :func:`~roadmap_tracker.paths.cache_dir`, named by the SHA-256 of the file's
bytes, the slug it was loaded under and the source of the model classes. The next load of the
same bytes reads the pickle: no YAML parser, no pydantic. A changed file, or a new version of
roadmap, gets a new key; at most :data:`KEPT_ENTRIES` entries are kept. Beside each entry
the cache can keep the curriculum's outline (:func:`load_outline`: no task details, read by
the progress views) and values derived from it (:func:`load_derived`), removed with it.

Computing the key means reading the whole file and importing :mod:`hashlib` (about 3 ms
together, on every command). So, as git's index does, ``curricula-index.pickle`` remembers the
key last computed for each file with the file's size, modification time (ns) and inode:
when they are unchanged, the key is taken from there. A file whose modification time is
within :data:`RACY_SECONDS` of the moment its key was computed (by the file system's clock)
is not remembered, since a change in that same moment could leave the stat unchanged.

The cache is only an accelerator: an entry that cannot be read, written or unpickled is
ignored (and the file parsed as if there were none).

Unpickling runs code, so no entry is unpickled unless it carries a key only this machine's
roadmap could have made: every entry starts with a keyed BLAKE2b tag (a MAC, RFC 7693) of its
bytes under a 32-byte secret kept in the cache directory (``key``, mode 0600). The cache
directory is the platform's (never the data directory, which is copied, synced and kept in
git) and is created 0700. A secret or directory that others could have written (wrong owner,
group- or world-writable) is not trusted: nothing is loaded, and the next write makes the
directory private and draws a new secret, so every older entry misses (decision 31).
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from roadmap_tracker import paths

if TYPE_CHECKING:
    from roadmap_tracker.model import Curriculum
    from roadmap_tracker.store import ProgressState

KEPT_ENTRIES = 32
"""How many cached curricula are kept; the least recently written beyond that are removed."""
_MODEL_SOURCES = ("model.py", "durations.py", "records.py")
RACY_SECONDS = 2.0
"""A file modified this recently (in seconds) before its key was computed is not remembered
in the index (coarse file systems keep modification times to 2 s)."""
KEPT_INDEX_ENTRIES = 64
"""How many files the index remembers."""
_MAGIC = b"roadmap-cache-1\n"
_TAG_BYTES = 32
_SECRET_NAME = "key"


def curriculum_key(content: bytes, slug: str | None) -> str:
    """The cache key of a curriculum file's bytes loaded under ``slug`` (64 hex digits)."""
    import hashlib

    digest = hashlib.sha256(_model_fingerprint())
    digest.update(f"\0{slug}\0".encode())
    digest.update(content)
    return digest.hexdigest()


def load_curriculum(key: str) -> Curriculum | None:
    """The curriculum cached under ``key``, or None when there is none that loads."""
    from roadmap_tracker.model import Curriculum

    try:
        with _entry(key).open("rb") as handle:
            found = _load(handle)
    except Exception:  # a missing, damaged, outdated or unsigned entry is a miss
        return None
    return found if isinstance(found, Curriculum) else None


def store_curriculum(key: str, curriculum: Curriculum) -> None:
    """Keep ``curriculum`` under ``key``; do nothing when the cache cannot be written."""

    def write(handle: BinaryIO) -> bool:
        _dump(curriculum, handle)
        return True

    with contextlib.suppress(OSError):
        _replace(_entry(key), write)
        _prune(_entry(key).parent)


def load_outline(key: str) -> Curriculum | None:
    """The outline (:meth:`~roadmap_tracker.model.Curriculum.outline`) cached for the
    curriculum ``key``, or None when there is none that loads.
    """
    from roadmap_tracker.model import Curriculum

    try:
        with _derived_entry(key, "outline").open("rb") as handle:
            found = _load(handle)
    except Exception:  # a missing, damaged or outdated entry is a miss
        return None
    return found if isinstance(found, Curriculum) else None


def store_outline(key: str, outline: Curriculum) -> None:
    """Keep the outline of the curriculum ``key`` beside it; do nothing when the cache cannot
    be written.
    """

    def write(handle: BinaryIO) -> bool:
        _dump(outline, handle)
        return True

    with contextlib.suppress(Exception):
        _replace(_derived_entry(key, "outline"), write)


def load_derived(key: str, name: str, sources: tuple[str, ...]) -> tuple[bool, object]:
    """``(True, value)`` when a value named ``name`` was kept for the curriculum ``key`` by
    the same source files (of this package, by size and modification time) as now;
    ``(False, None)`` otherwise.
    """
    try:
        with _derived_entry(key, name).open("rb") as handle:
            entry = _load(handle)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == _sources_stamp(sources):
            return True, entry[1]
    except Exception:  # a missing, damaged or outdated entry is a miss
        pass
    return False, None


def store_derived(key: str, name: str, sources: tuple[str, ...], value: object) -> None:
    """Keep ``value``, computed from the curriculum ``key`` by code in ``sources``, under
    ``name`` (see :func:`load_derived`); do nothing when the cache cannot be written.
    """

    def write(handle: BinaryIO) -> bool:
        _dump((_sources_stamp(sources), value), handle)
        return True

    with contextlib.suppress(Exception):
        _replace(_derived_entry(key, name), write)


def _derived_entry(key: str, name: str) -> Path:
    return paths.cache_dir() / "curricula" / f"{key}.{name}.pickle"


def _sources_stamp(sources: tuple[str, ...]) -> list[int]:
    here = Path(__file__).parent
    stamp: list[int] = []
    for name in sources:
        status = (here / name).stat()
        stamp += [status.st_size, status.st_mtime_ns]
    return stamp


def _replace(target: Path, write: Callable[[BinaryIO], bool]) -> None:
    """Write a cache file whole or not at all: ``write`` fills a new file beside ``target``
    (owner-only, in an owner-only directory), which then takes its place; when ``write``
    returns False the new file is dropped and ``target`` left as it was. Raises OSError.
    """
    import tempfile

    paths.private_dir(target.parent)
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=".new-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            keep = write(handle)
        if keep:
            Path(name).replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(name).unlink()


def _entry(key: str) -> Path:
    return paths.cache_dir() / "curricula" / f"{key}.pickle"


def _prune(directory: Path) -> None:
    """Remove the entries beyond the KEPT_ENTRIES most recently written, with the values
    derived from them.
    """
    entries = [p for p in directory.glob("*.pickle") if "." not in p.stem]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        for path in [old, *directory.glob(f"{old.stem}.*.pickle")]:
            with contextlib.suppress(OSError):
                path.unlink()


def known_key(path: Path, slug: str | None) -> str | None:
    """The key last computed for the file at ``path`` loaded under ``slug``, when the file's
    size, modification time and inode (and the model's source files) are unchanged since;
    otherwise None.
    """
    try:
        entry = _read_index().get(_index_name(path, slug))
        if entry is not None and entry[:-1] == _stamp(path):
            return str(entry[-1])
    except Exception:  # an unreadable index or file is a miss; the slow path says why
        return None
    return None


def remember_key(path: Path, slug: str | None, key: str) -> None:
    """Remember ``key`` for the file at ``path`` as it is now (see :func:`known_key`); do
    nothing when the file changed too recently to be sure, or when the index cannot be written.
    """

    def write(handle: BinaryIO) -> bool:
        # "Now" as the file system tells it, the clock the file's time comes from.
        now = os.fstat(handle.fileno()).st_mtime_ns
        if now - stamp[1] < RACY_SECONDS * 1e9:
            return False
        index = _read_index()
        index.pop(_index_name(path, slug), None)
        index[_index_name(path, slug)] = [*stamp, key]
        kept = dict(list(index.items())[-KEPT_INDEX_ENTRIES:])
        _dump(kept, handle)
        return True

    with contextlib.suppress(Exception):
        stamp = _stamp(path)
        _replace(_index_path(), write)


_PROGRESS_SOURCES = ("progress.py", "store.py", "records.py")
_FILE_PART = 4
"""How many numbers of a :func:`file_stamp` describe the file itself."""


def file_stamp(path: Path) -> list[int] | None:
    """Size, modification time (ns), inode and status change time (ns) of the file at
    ``path``, then size, modification time and inode of each of the progress model's source
    files; None when one cannot be read.
    """
    here = Path(__file__).parent
    try:
        status = path.stat()
        stamp = [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns]
        for file in (here / name for name in _PROGRESS_SOURCES):
            status = file.stat()
            stamp += [status.st_size, status.st_mtime_ns, status.st_ino]
    except OSError:
        return None
    return stamp


def settled(stamp: list[int], written: int) -> bool:
    """Whether a state read from a file with ``stamp`` (:func:`file_stamp`) and kept at
    ``written`` (ns, by the file system's clock) can be trusted while the file keeps that
    stamp, without reading the file again.

    Any change to a file sets its status change time to the file system's clock, which
    cannot be set back (unlike the modification time), so a later change shows in the stamp
    unless it fell in the same tick of that clock as the last one. On a file system with
    sub-millisecond times (ext4, btrfs, xfs, APFS, tmpfs) that tick is a few milliseconds and
    a state kept in a later tick is trusted, as git trusts its index; on one with coarser
    times (FAT's 2 s, exFAT's 10 ms, whole seconds), only a state kept RACY_SECONDS after.
    """
    changed = stamp[3]
    if written - changed >= RACY_SECONDS * 1e9:
        return True
    fine = changed % 1_000_000 != 0 or stamp[1] % 1_000_000 != 0
    return fine and written > changed


def load_progress_state(path: Path, stamp: list[int]) -> tuple[ProgressState, int] | None:
    """The progress state kept for the file at ``path``, with the time (ns, by the file
    system's clock) it was written; None when there is none that loads, or it was kept by
    other source files of the progress model than ``stamp`` names (:func:`file_stamp`).
    """
    from roadmap_tracker.store import ProgressState

    try:
        with _progress_state_path().open("rb") as handle:
            written = os.fstat(handle.fileno()).st_mtime_ns
            kept = _load(handle)
    except Exception:  # a missing, damaged or outdated entry is a miss
        return None
    if not isinstance(kept, ProgressState) or kept.path != path:
        return None
    if kept.stamp is None or kept.stamp[_FILE_PART:] != stamp[_FILE_PART:]:
        return None
    return kept, written


def store_progress_state(state: ProgressState) -> None:
    """Keep ``state`` for the next command; do nothing when the cache cannot be written."""

    def write(handle: BinaryIO) -> bool:
        _dump(state, handle)
        return True

    with contextlib.suppress(Exception):
        _replace(_progress_state_path(), write)


def _progress_state_path() -> Path:
    """The kept state of the data directory's progress file: one per progress file, named by
    the CRC-32 of its path, so that several data directories do not evict each other.
    """
    from zlib import crc32

    name = str(paths.progress_path()).encode("utf-8", "surrogateescape")
    return paths.cache_dir() / f"progress-state-{crc32(name):08x}.pickle"


def _index_path() -> Path:
    return paths.cache_dir() / "curricula-index.pickle"


def _index_name(path: Path, slug: str | None) -> str:
    return f"{path}\0{slug}"


def _read_index() -> dict[str, list[object]]:
    """The index of keys (see :func:`known_key`); empty when it is missing or unreadable."""
    try:
        with _index_path().open("rb") as handle:
            index = _load(handle)
    except Exception:  # missing, unreadable or damaged: every file is a miss
        return {}
    return index if isinstance(index, dict) else {}


def _stamp(path: Path) -> list[int]:
    """Size, modification time (ns) and inode of the file, then of each model source file."""
    here = Path(__file__).parent
    stamp: list[int] = []
    for file in (path, *(here / name for name in _MODEL_SOURCES)):
        status = file.stat()
        stamp += [status.st_size, status.st_mtime_ns, status.st_ino]
    return stamp


@cache
def _model_fingerprint() -> bytes:
    """The SHA-256 of the model classes' source, so that a changed model misses the cache."""
    import hashlib

    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _MODEL_SOURCES:
        digest.update((here / name).read_bytes())
    return digest.digest()


def _dump(value: object, handle: BinaryIO) -> None:
    """Write ``value`` as a signed entry: the magic line, the tag of the pickle, the pickle.

    Raises OSError when there is no secret and none can be made (the caller ignores it).
    """
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    secret = _secret(create=True)
    if secret is None:
        raise OSError("no cache secret")
    handle.write(_MAGIC + _tag(secret, payload) + payload)


def _load(handle: BinaryIO) -> object:
    """The value of a signed entry; ValueError when it is not one this machine signed (it is
    then never unpickled).
    """
    from _operator import _compare_digest

    data = handle.read()
    secret = _secret()
    start = len(_MAGIC) + _TAG_BYTES
    if secret is None or not data.startswith(_MAGIC) or len(data) < start:
        raise ValueError("not a signed cache entry")
    payload = memoryview(data)[start:]
    if not _compare_digest(data[len(_MAGIC) : start], _tag(secret, payload)):
        raise ValueError("the cache entry's tag does not match")
    return pickle.loads(payload)


def _tag(secret: bytes, payload: bytes | memoryview) -> bytes:
    """Keyed BLAKE2b of ``payload`` (32 bytes): a MAC by construction (RFC 7693, section 2.9).

    ``_blake2`` is the C module behind ``hashlib.blake2b``; importing it alone saves loading
    OpenSSL (about 4 ms) on commands that need no other hash.
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    return blake2b(payload, key=secret, digest_size=_TAG_BYTES).digest()


_secrets: dict[Path, bytes] = {}


def _secret(create: bool = False) -> bytes | None:
    """This machine's cache secret (32 bytes), or None when there is none that can be
    trusted: the cache directory and the secret must belong to this user, the directory not
    be writable by others and the secret readable by no one else. With ``create``, an
    untrusted directory is made private and a new secret drawn (every older entry misses).
    """
    directory = paths.cache_dir()
    known = _secrets.get(directory)
    if known is not None:
        return known
    found = _trusted_secret(directory)
    if found is None and create:
        found = _new_secret(directory)
    if found is not None:
        _secrets[directory] = found
    return found


def _trusted_secret(directory: Path) -> bytes | None:
    owner = os.getuid() if hasattr(os, "getuid") else None
    try:
        status = directory.stat()
        if owner is not None and (status.st_uid != owner or status.st_mode & 0o022):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(directory / _SECRET_NAME, flags)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if owner is not None and (status.st_uid != owner or status.st_mode & 0o077):
            return None
        secret = os.read(descriptor, _TAG_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return secret if len(secret) == _TAG_BYTES else None


def _new_secret(directory: Path) -> bytes | None:
    """Make ``directory`` private (0700) and put a new random secret in it; None when that
    cannot be done.
    """
    import tempfile

    try:
        paths.private_dir(directory)
        directory.chmod(paths.PRIVATE_DIR_MODE)
        secret = os.urandom(_TAG_BYTES)
        descriptor, name = tempfile.mkstemp(dir=directory, prefix=".new-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secret)
            Path(name).replace(directory / _SECRET_NAME)
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(name).unlink()
    except OSError:
        return None
    return secret
