"""JSON text as roadmap writes it (every ``--json`` view and ``export --format json``):
indented by two spaces as ``json.dumps(indent=2)`` indents, but with each record of a list
(an item, a row, an event) on one line of its own, written by json's C encoder.

``json.dumps`` uses its C encoder only without ``indent``; with it, its pure-Python encoder
took 2.5 s for the export of 100,000 items. Here Python lays out only the dicts and the
lists of records; the records themselves and the lists of plain values are C-encoded, one
call each.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as json_encoder
from typing import Any

INDENT = "  "
"""One level of indentation."""


class Raw(str):
    """JSON text written as it is where it stands in a value given to :func:`dumps`: as
    the value of a dict's key (or as the whole value), its lines after the first already
    indented for that place, as :func:`dumps` would lay it out there. For parts kept already
    encoded (the curriculum of an export) or written faster than by records (its items).
    """

    __slots__ = ()


def dumps(value: Any, pad: str = "", escape: Callable[[str], str] | None = None) -> str:
    """``value`` (plain data: dicts with string keys, lists, strings, numbers, booleans,
    None) as JSON text, without a newline at its end. Characters beyond ASCII are written as
    they are (``ensure_ascii=False``); dict keys in the order given.

    Layout: a dict has one key per line, indented two spaces a level; a list of plain values
    is written on one line (``["a", "b"]``); a list holding a dict or a list has one element
    a line, and an element with no dict inside it (and no list holding a dict or a list) is
    written on that one line (``{"id": "m1/t1", "state": "done"}``), the others laid out as
    the rest. Separators are ``", "`` and ``": "``.

    ``pad`` indents every line after the first (the text of a value that stands that deep in
    a larger document). ``escape``, given, is applied to the text written here but not to
    the :class:`Raw` parts, which are taken as they are.

    Raises TypeError, as :func:`json.dumps` does, for a value JSON has no type for, and
    ValueError for a dict key that is not a string, number, boolean or None.
    """
    out: list[str] = []
    _write(value, pad, out, _encoder())
    if escape is None:
        return "".join(out)
    chunks: list[str] = []
    start = 0
    for number, part in enumerate(out):
        if type(part) is Raw:
            chunks += [escape("".join(out[start:number])), part]
            start = number + 1
    chunks.append(escape("".join(out[start:])))
    return "".join(chunks)


def _refuse(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encoder() -> Any:
    """A function of one value to its compact JSON text (``", "`` and ``": "``), by json's C
    encoder when Python has it."""
    make = getattr(json_encoder, "c_make_encoder", None)  # (typeshed does not declare it)
    if make is None:  # (an interpreter without json's C accelerator)
        return json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    encode = make(
        None, _refuse, json_encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    join = "".join
    return lambda value: join(encode(value, 0))


def _key(key: object, encode: Any) -> str:
    """A dict key as JSON text, converted to a string as json converts it."""
    if type(key) is str:
        return json_encoder.encode_basestring(key)
    if key is None or isinstance(key, bool | int | float):
        text: str = encode({key: 0})
        return text[1 : text.rindex(":")]
    raise ValueError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _flat(value: Any) -> bool:
    """Whether ``value`` (a dict or list) holds no dict, and no list holding a container."""
    for inner in value.values() if type(value) is dict else value:
        kind = type(inner)
        if kind is dict:
            return False
        if kind is list:
            for part in inner:
                if type(part) is dict or type(part) is list:
                    return False
    return True


def _write(value: Any, pad: str, out: list[str], encode: Any) -> None:
    """Append ``value`` as JSON text to ``out``, its lines after the first indented by
    ``pad``."""
    kind = type(value)
    if kind is Raw:
        out.append(value)
    elif kind is dict and value:
        inner = pad + INDENT
        between = ",\n" + inner
        out.append("{\n" + inner)
        for number, (key, item) in enumerate(value.items()):
            if number:
                out.append(between)
            out.append(_key(key, encode) + ": ")
            _write(item, inner, out, encode)
        out.append("\n" + pad + "}")
    elif kind is list and any(type(item) is dict or type(item) is list for item in value):
        inner = pad + INDENT
        between = ",\n" + inner
        out.append("[\n" + inner)
        for number, item in enumerate(value):
            if number:
                out.append(between)
            if (type(item) is dict or type(item) is list) and not _flat(item):
                _write(item, inner, out, encode)
            else:
                out.append(encode(item))
        out.append("\n" + pad + "]")
    else:
        out.append(encode(value))
