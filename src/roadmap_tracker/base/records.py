"""The base of roadmap's data classes: frozen, keyword-only records that pydantic validates on
demand.

Every command is a new process. Importing pydantic's model machinery costs more than the rest
of a warm ``roadmap status``, and so does letting :func:`dataclasses.dataclass` generate the
methods of some sixty classes on every start (about 0.5 ms each on Python 3.11; see
docs/performance.md). So a :class:`Record` subclass is declared like a dataclass (annotated
fields, defaults, :func:`field` with a ``default_factory``) and gets its ``__init__``,
``__eq__``, ``__hash__`` and ``__repr__`` from this base, shared by all of them: defining a
record costs a few microseconds. Type checkers see a frozen keyword-only dataclass
(:func:`typing.dataclass_transform`). The module does not import :mod:`dataclasses` (which
every start would pay for): :func:`field`, :data:`MISSING` and :class:`FrozenRecordError`
are its own, and :mod:`dataclasses` is imported on the way to the first validation.

Validation of untrusted data (a curriculum file) goes through pydantic, imported only then,
with the same constraints as a pydantic model: the constraint markers in the field annotations
(``Annotated[str, Field(min_length=1)]``) stay unevaluated strings until
:meth:`Record.model_validate` resolves them. On the way, the records of the validated class's
module are made standard dataclasses (:func:`dataclasses.dataclass` on the same class, same
fields and behaviour), which pydantic knows how to validate and describe.

The method names follow pydantic's (``model_validate``, ``model_dump``) so that the classes
read like the models they replace.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, Self, dataclass_transform

_ADAPTERS: dict[type, Any] = {}
_RECORD_CLASSES: list[type[Record]] = []


class _Missing:
    """The type of :data:`MISSING`."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The default of a required field in :meth:`Record.record_fields`."""


class Field:
    """A field's default made by ``default_factory`` (a callable of no argument) for each new
    record, as :func:`dataclasses.field` declares one: what :func:`field` returns."""

    __slots__ = ("default_factory",)

    def __init__(self, default_factory: Callable[[], Any]) -> None:
        self.default_factory = default_factory

    def __repr__(self) -> str:
        return f"field(default_factory={self.default_factory!r})"


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default ``default_factory()`` makes anew for each record (a list, a
    dict), as ``dataclasses.field(default_factory=...)`` declares one."""
    return Field(default_factory)


class FrozenRecordError(AttributeError):
    """Raised on assigning or deleting a field of a record (records are frozen). A record
    made a standard dataclass (on its first validation) raises
    :class:`dataclasses.FrozenInstanceError` instead; both are AttributeErrors."""


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """Base of a frozen, keyword-only data class: validation by pydantic, JSON by hand.

    Fields are the annotated class attributes of the class and its bases, in order; a field
    without a default is required. Constructing with an unknown or without a required field
    raises TypeError, assigning a field raises :class:`FrozenRecordError` (an AttributeError).
    Unknown fields in validated data are refused (``extra="forbid"``, through
    ``__pydantic_config__``).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    __record_fields__: ClassVar[dict[str, Any]] = {}
    __record_defaults__: ClassVar[dict[str, Any]] = {}
    __record_factories__: ClassVar[dict[str, Any]] = {}
    __record_positional__: ClassVar[bool] = False

    def __init_subclass__(cls, *, kw_only: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__record_positional__ = not kw_only
        defaults: dict[str, Any] = {}
        own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (no inspect import)
        for name, annotation in own.items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            defaults[name] = cls.__dict__.get(name, MISSING)
        fields = {**cls.__record_fields__, **defaults}
        cls.__record_fields__ = fields
        cls.__record_defaults__ = {}
        cls.__record_factories__ = {}
        for name, default in fields.items():
            if isinstance(default, Field):
                cls.__record_factories__[name] = default.default_factory
            elif default is not MISSING:
                cls.__record_defaults__[name] = default
        _RECORD_CLASSES.append(cls)

    def __init__(self, *args: Any, **values: Any) -> None:
        cls = type(self)
        if args:
            values = _positional(cls, args, values)
        state = {**cls.__record_defaults__, **values}
        if cls.__record_factories__ or state.keys() != cls.__record_fields__.keys():
            _complete(cls, state, values)
        object.__setattr__(self, "__dict__", state)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenRecordError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field '{name}'")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__record_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
        return f"{type(self).__qualname__}({shown})"

    @classmethod
    def record_fields(cls) -> Mapping[str, Any]:
        """The fields in order, each with its default (:data:`MISSING` when required; a
        :class:`Field` when the default comes from a factory).
        """
        return cls.__record_fields__

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
        return {name: getattr(self, name) for name in self.__record_fields__}

    def to_json(self) -> object:
        """The record in JSON types: each field by name, nested records and dates converted."""
        return {name: to_json(getattr(self, name)) for name in self.__record_fields__}


def _positional(cls: type[Record], args: tuple[Any, ...], values: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a call with positional ``args`` (in field order), for a record
    declared with ``kw_only=False``; TypeError otherwise or for too many arguments.
    """
    names = list(cls.__record_fields__)
    if not cls.__record_positional__ or len(args) > len(names):
        allowed = len(names) if cls.__record_positional__ else 0
        raise TypeError(
            f"{cls.__qualname__}() takes {allowed} positional arguments, not {len(args)}"
        )
    named = dict(zip(names, args, strict=False))
    for name in values:
        if name in named:
            raise TypeError(f"{cls.__qualname__}() got multiple values for argument '{name}'")
    return {**named, **values}


def _complete(cls: type[Record], state: dict[str, Any], given: Mapping[str, Any]) -> None:
    """Fill the fields of ``state`` that come from factories; raise TypeError, as a dataclass
    would, for an unknown or a missing field.
    """
    fields = cls.__record_fields__
    unknown = [name for name in given if name not in fields]
    if unknown:
        raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument '{unknown[0]}'")
    for name, factory in cls.__record_factories__.items():
        if name not in state:
            state[name] = factory()
    missing = [name for name in fields if name not in state]
    if missing:
        raise TypeError(f"{cls.__qualname__}() missing required keyword argument: '{missing[0]}'")
    if list(state) != list(fields):  # keep the field order, as in a dataclass's __dict__
        ordered = {name: state[name] for name in fields}
        state.clear()
        state.update(ordered)


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

    pydantic validates standard dataclasses, so the records of ``cls``'s module become
    dataclasses first, bases before subclasses (:func:`dataclasses.dataclass` on the class
    itself: the same fields, defaults and behaviour, now with generated methods). pydantic
    resolves the annotation strings in the namespace of the module. A module whose
    annotations name pydantic's markers defines ``validation_namespace()``, and its names are
    added to the module here, on the way to the first validation.
    """
    import dataclasses

    from pydantic import TypeAdapter

    module = sys.modules[cls.__module__]
    for record in _RECORD_CLASSES:
        if record.__module__ == cls.__module__ and "__dataclass_fields__" not in record.__dict__:
            for name, value in list(record.__dict__.items()):  # our fields, as dataclasses'
                if isinstance(value, Field):
                    made = dataclasses.field(default_factory=value.default_factory)
                    setattr(record, name, made)
            dataclasses.dataclass(frozen=True, kw_only=not record.__record_positional__)(record)
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


class View(Record):
    """Base of every view: ``to_json`` gives what ``--json`` prints (dates as ISO 8601 text)."""
