"""The base of roadmap's data classes: frozen dataclasses that pydantic validates on demand.

Every command is a new process, and importing pydantic's model machinery costs more than the
rest of a warm ``roadmap status`` (see docs/performance.md). So the curriculum model, the
progress events and the views are standard-library dataclasses: building one, pickling it for
the cache and dumping it as JSON need no pydantic. Validation of untrusted data (a curriculum
file, a hand-edited record) goes through pydantic, imported only then, with the same
constraints as a pydantic model: the constraint markers in the field annotations
(``Annotated[str, Field(min_length=1)]``) stay unevaluated strings until
:meth:`Record.model_validate` resolves them.

The method names follow pydantic's (``model_validate``, ``model_dump``) so that the classes
read like the models they replace.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, ClassVar, Literal, Self

_ADAPTERS: dict[type, Any] = {}


class Record:
    """Mixin for a frozen, keyword-only dataclass: validation by pydantic, JSON by hand.

    Unknown fields are refused (``extra="forbid"``, through ``__pydantic_config__``).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    @classmethod
    def model_validate(cls, data: object) -> Self:
        """Validate ``data`` (mappings, lists and scalars, as YAML or JSON give them) into an
        instance. Raises pydantic's ValidationError, whose ``loc`` are field paths.
        """
        adapter = _ADAPTERS.get(cls)
        if adapter is None:
            adapter = _adapter(cls)
            _ADAPTERS[cls] = adapter
        result: Self = adapter.validate_python(data)
        return result

    def model_dump(self, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """The fields as a mapping: in ``python`` mode one level deep (values as they are), in
        ``json`` mode all the way down in JSON types (dates as ISO 8601 text).
        """
        if mode == "json":
            dumped = to_json(self)
            assert isinstance(dumped, dict)
            return dumped
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}  # type: ignore[arg-type]

    def to_json(self) -> object:
        """The record in JSON types: each field by name, nested records and dates converted."""
        return {
            field.name: to_json(getattr(self, field.name))
            for field in dataclasses.fields(self)  # type: ignore[arg-type]
        }


def to_json(value: object) -> object:
    """``value`` in JSON types: records through their ``to_json``, tuples as lists, dates and
    times as ISO 8601 text; other values as they are.
    """
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return value


def _adapter(cls: type) -> Any:
    """pydantic's TypeAdapter for ``cls``.

    pydantic resolves the annotation strings in the namespace of the class's module. A module
    whose annotations name pydantic's markers defines ``validation_namespace()``, and its names
    are added to the module here, on the way to the first validation.
    """
    import sys

    from pydantic import TypeAdapter

    module = sys.modules[cls.__module__]
    names = getattr(module, "validation_namespace", None)
    if names is not None:
        for name, value in names().items():
            module.__dict__.setdefault(name, value)
    return TypeAdapter(cls)


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of ``cls`` in validation mode (what an input may hold)."""
    adapter = _ADAPTERS.get(cls) or _adapter(cls)
    schema: dict[str, Any] = adapter.json_schema(mode="validation")
    return schema
