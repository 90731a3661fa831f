"""Event ids: ULIDs (26 characters of Crockford base32, a 48-bit millisecond timestamp then
80 bits), so that events recorded on several machines have ids that never clash and sort in
the order they were recorded (decision 49).

:func:`new_id` makes the id of a new event: the current millisecond and 80 random bits,
greater than the last id the record holds and than any made before in this process (several
events in one millisecond, or a record whose last event came from a machine whose clock is
ahead, get increasing ids). :func:`derived_id` makes the id of an event of an older file
from its content, the same on every machine that migrates the same history.
"""

from __future__ import annotations

import datetime as dt

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32 digits, in increasing order (so ids sort as text in time order)."""

LENGTH = 26

_DIGITS = frozenset(ALPHABET)

_RANDOM_BITS = 80

_MAX = (1 << 128) - 1

_last = 0  # the last id made in this process, as a number


def encode(value: int) -> str:
    """The 26-character text of a 128-bit number."""
    digits = []
    for _ in range(LENGTH):
        digits.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(digits))


def decode(text: str) -> int:
    """The number of an id's text (an id that :func:`is_id` accepts)."""
    value = 0
    for char in text:
        value = value * 32 + ALPHABET.index(char)
    return value


def is_id(text: object) -> bool:
    """Whether ``text`` is an event id: 26 Crockford base32 digits (upper case), the first at
    most 7 (128 bits)."""
    return (
        isinstance(text, str)
        and len(text) == LENGTH
        and text[0] <= "7"
        and _DIGITS.issuperset(text)
    )


def id_time(text: str) -> dt.datetime:
    """The time (UTC, milliseconds) an id's first 48 bits hold."""
    ms = decode(text) >> _RANDOM_BITS
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC)


def new_id(after: str | None = None) -> str:
    """A new event id: now and 80 random bits, greater than ``after`` (the last id of the
    record) and than every id made before in this process."""
    import os
    import time

    global _last
    value = (time.time_ns() // 1_000_000) << _RANDOM_BITS | int.from_bytes(os.urandom(10))
    floor = max(_last, decode(after) if after else 0)
    if value <= floor:
        value = floor + 1 + int.from_bytes(os.urandom(2))  # same millisecond: still random
    _last = min(value, _MAX)
    return encode(_last)


def derived_id(at: dt.datetime, content: bytes, after: str | None) -> str:
    """The id an event of a file older than schema 3 gets on migration: the time part from
    ``at`` (its timestamp) and the other 80 bits from the SHA-256 of ``content`` (its old
    number and record), raised above ``after`` (the id of the event before it) when needed,
    so that the old order is kept. The same history gives the same ids on every machine.
    """
    import hashlib

    aware = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    ms = max(int(aware.timestamp() * 1000), 0)
    random = int.from_bytes(hashlib.sha256(content).digest()[:10])
    value = min(ms, (1 << 48) - 1) << _RANDOM_BITS | random
    floor = decode(after) if after else 0
    if value <= floor:
        value = floor + 1 + (random & 0xFFFF)
    return encode(min(value, _MAX))
