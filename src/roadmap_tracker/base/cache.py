"""A cache of validated curricula, keyed by the content of their files.

Parsing a curriculum's YAML and validating it costs far more than the rest of a command
(0.6 s for 10,000 tasks), and every command is a new process. So the first load of a
curriculum file keeps the validated curriculum as a pickle in ``curricula/`` of
:func:`~roadmap_tracker.base.paths.cache_dir`, named by the SHA-256 of the file's bytes, the
slug it was loaded under and this build of roadmap (:func:`code_fingerprint`). The next load
of the same bytes reads the pickle: no YAML parser, no pydantic. A changed file, or another
build of roadmap, gets a new key; at most :data:`KEPT_ENTRIES` entries are kept. Beside each
entry the cache can keep named values derived from it (the outline, ``list``'s facts),
removed with it. The progress file's state is kept too (:func:`keep_state`).

This module knows no type of the curriculum or the record: callers name the type they
expect (:func:`load_entry`), and anything else is a miss.

Computing the key means reading the whole file and importing :mod:`hashlib` (about 3 ms
together, on every command). So, as git's index does, ``curricula-index.pickle`` remembers the
key last computed for each file with the file's size, modification time (ns) and inode:
when they are unchanged, the key is taken from there. A file whose modification time is
within :data:`RACY_SECONDS` of the moment its key was computed (by the file system's clock)
is not remembered, since a change in that same moment could leave the stat unchanged.

The cache is only an accelerator: an entry that cannot be read, written or unpickled is
ignored (and the file parsed as if there were none). Each file is written whole or not at
all, owner-only, but not synced to disk
(:func:`~roadmap_tracker.base.atomic.write_atomic` with ``durable=False``).

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
from functools import cache
from pathlib import Path
from typing import BinaryIO, TypeVar

from roadmap_tracker.base import paths

T = TypeVar("T")

KEPT_ENTRIES = 32
"""How many cached curricula are kept; the least recently written beyond that are removed."""
RACY_SECONDS = 2.0
"""A file modified this recently (in seconds) before its key was computed is not remembered
in the index (coarse file systems keep modification times to 2 s)."""
KEPT_INDEX_ENTRIES = 64
"""How many files the index remembers."""
_MAGIC = b"roadmap-cache-1\n"
_TAG_BYTES = 32
_SECRET_NAME = "key"


def curriculum_key(content: bytes, slug: str | None) -> str:
    """The cache key of a curriculum file's bytes loaded under ``slug`` (64 hex digits), for
    this build of roadmap (:func:`code_fingerprint`).
    """
    import hashlib

    digest = hashlib.sha256(code_fingerprint())
    digest.update(f"\0{slug}\0".encode())
    digest.update(content)
    return digest.hexdigest()


def load_entry(key: str, kind: type[T], name: str | None = None) -> T | None:
    """The value of type ``kind`` kept under ``key`` (the entry itself when ``name`` is None,
    else the value named ``name`` beside it), or None when there is none that loads.
    """
    try:
        with _entry(key, name).open("rb") as handle:
            found = _load(handle)
    except Exception:  # a missing, damaged, outdated or unsigned entry is a miss
        return None
    return found if isinstance(found, kind) else None


def store_entry(key: str, value: object, name: str | None = None) -> None:
    """Keep ``value`` under ``key`` (or, with ``name``, beside the entry ``key`` and removed
    with it); do nothing when the cache cannot be written. Keeping an entry itself prunes
    the cache to :data:`KEPT_ENTRIES` entries.
    """

    def write(handle: BinaryIO) -> bool:
        _dump(value, handle)
        return True

    with contextlib.suppress(Exception):
        from roadmap_tracker.base import atomic

        atomic.write_atomic(_entry(key, name), write, durable=False)
        if name is None:
            _prune(_entry(key, None).parent)


def _entry(key: str, name: str | None) -> Path:
    suffix = "" if name is None else f".{name}"
    return paths.cache_dir() / "curricula" / f"{key}{suffix}.pickle"


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
        from roadmap_tracker.base import atomic

        atomic.write_atomic(_index_path(), write, durable=False)


def file_stamp(path: Path) -> list[int] | None:
    """Size, modification time (ns), inode and status change time (ns) of the file at
    ``path``, then this build of roadmap (:func:`code_fingerprint`, as one number); None when
    the file cannot be read.
    """
    try:
        status = path.stat()
    except OSError:
        return None
    build = int.from_bytes(code_fingerprint()[:8], "big")
    return [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns, build]


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


def load_kept_state(kind: type[T]) -> tuple[T, int] | None:
    """The state of the data directory's progress file kept by :func:`keep_state` if it is
    of type ``kind``, with the time (ns, by the file system's clock) it was written; None when
    there is none that loads. The caller checks that it fits the file as it is now.
    """
    try:
        with _progress_state_path().open("rb") as handle:
            written = os.fstat(handle.fileno()).st_mtime_ns
            kept = _load(handle)
    except Exception:  # a missing, damaged or outdated entry is a miss
        return None
    return (kept, written) if isinstance(kept, kind) else None


def keep_state(state: object) -> None:
    """Keep ``state`` of the data directory's progress file for the next command; do nothing
    when the cache cannot be written.
    """

    def write(handle: BinaryIO) -> bool:
        _dump(state, handle)
        return True

    with contextlib.suppress(Exception):
        from roadmap_tracker.base import atomic

        atomic.write_atomic(_progress_state_path(), write, durable=False)


def load_progress_mark() -> tuple[object, ...] | None:
    """The small tuple kept by :func:`keep_progress_mark` for the data directory's progress
    file, or None when there is none that loads. The caller checks that it fits the file.
    """
    try:
        with _progress_state_path("mark").open("rb") as handle:
            kept = _load(handle)
    except Exception:  # a missing, damaged or outdated entry is a miss
        return None
    return kept if isinstance(kept, tuple) else None


def keep_progress_mark(mark: tuple[object, ...]) -> None:
    """Keep ``mark`` (a tuple of plain values: how far a read of the data directory's
    progress file got, and what it counted) for the next command; do nothing when the cache
    cannot be written.
    """

    def write(handle: BinaryIO) -> bool:
        _dump(mark, handle)
        return True

    with contextlib.suppress(Exception):
        from roadmap_tracker.base import atomic

        atomic.write_atomic(_progress_state_path("mark"), write, durable=False)


def _progress_state_path(kind: str = "state") -> Path:
    """The kept state of the data directory's progress file: one per progress file, named by
    the CRC-32 of its path, so that several data directories do not evict each other.
    """
    from zlib import crc32

    name = str(paths.progress_path()).encode("utf-8", "surrogateescape")
    return paths.cache_dir() / f"progress-{kind}-{crc32(name):08x}.pickle"


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
    """Size, modification time (ns) and inode of the file, then this build of roadmap."""
    status = path.stat()
    build = int.from_bytes(code_fingerprint()[:8], "big")
    return [status.st_size, status.st_mtime_ns, status.st_ino, build]


CACHE_FORMAT = 2
"""The layout of the cache's entries; a new layout changes every key."""


@cache
def code_fingerprint() -> bytes:
    """What this build of roadmap is (16 bytes): :data:`CACHE_FORMAT`, the package version and
    the size, modification time (ns) and inode of every Python file of the package, found by
    walking its directory. A new version, an edited source file or one added, moved or
    renamed gives another fingerprint, so nothing kept by other code is ever loaded.
    """
    return fingerprint_of(Path(__file__).resolve().parents[1])


def fingerprint_of(package: Path) -> bytes:
    """:func:`code_fingerprint` of the package in the directory ``package``. Raises OSError
    when it cannot be listed.
    """
    from roadmap_tracker import __version__

    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b

    found: list[tuple[str, int, int, int]] = []
    skip = len(str(package))
    pending = [str(package)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".py"):
                    status = entry.stat()
                    found.append(
                        (entry.path[skip:], status.st_size, status.st_mtime_ns, status.st_ino)
                    )
                elif name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    found.sort()
    text = f"{CACHE_FORMAT}\0{__version__}\0{found!r}"
    digest = blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16)
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
    try:
        paths.private_dir(directory)
        directory.chmod(paths.PRIVATE_DIR_MODE)
        secret = os.urandom(_TAG_BYTES)
        from roadmap_tracker.base import atomic

        atomic.write_atomic(directory / _SECRET_NAME, secret, durable=False)
    except OSError:
        return None
    return secret
