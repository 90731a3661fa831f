"""Typed durations, week spans and numeric ranges as curricula state them.

A curriculum writes ``8 weeks``, ``10-12 weeks``, ``2-3 months``, ``ongoing`` or
``every 2 weeks``; ranges stay ranges. Each type also accepts its own JSON form (the mapping
that ``model_dump`` produces), so a dumped curriculum loads again. They are frozen dataclasses
(:class:`~roadmap_tracker.base.records.Record`); pydantic parses them from text through
``__get_pydantic_core_schema__``, which calls the pure-Python ``parse``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal, Self

from roadmap_tracker.base.records import Record

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

DurationUnit = Literal["weeks", "months"]

_RANGE = r"(?P<low>\d+(?:\.\d+)?)(?:\s*(?:-|\u2013|to)\s*(?P<high>\d+(?:\.\d+)?))?"
# (patterns as text, compiled by re on first use: not on every start)
_FIXED = rf"(?i)^{_RANGE}\s*(?P<unit>weeks?|months?)$"
_EVERY = r"(?i)^every\s+(?:(?P<n>\d+)\s+)?(?P<unit>weeks?|months?)$"
_NUMBERS = rf"^{_RANGE}$"

# The same forms for the JSON Schema (ECMA-262 regular expressions, case-insensitive units).
_NUMBER = r"\d+(\.\d+)?"
RANGE_PATTERN = rf"^{_NUMBER}(\s*(-|\u2013|to)\s*{_NUMBER})?$"
DURATION_PATTERN = (
    rf"^([Oo]ngoing|[Ee]very\s+(\d+\s+)?([Ww]eeks?|[Mm]onths?)|"
    rf"{_NUMBER}(\s*(-|\u2013|to)\s*{_NUMBER})?\s*([Ww]eeks?|[Mm]onths?))$"
)
SPAN_PATTERN = r"^\d+\s*(-|\u2013|to)\s*\d+$"
_DURATION_FORM = "a duration is written like '8 weeks', '10-12 weeks' or 'ongoing'"


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def _without_text(value: dict[str, Any]) -> dict[str, Any]:
    """A dumped value without its computed ``text`` field, ready to validate again."""
    return {key: item for key, item in value.items() if key != "text"}


def _number_or_text_schema(
    number_type: str, minimum: int, pattern: str, description: str
) -> JsonSchemaValue:
    """The JSON Schema of a value written as a number or as text matching ``pattern``."""
    return {
        "anyOf": [
            {"type": number_type, "minimum": minimum},
            {"type": "string", "pattern": pattern},
        ],
        "description": description,
    }


def _unit(text: str) -> DurationUnit:
    return "weeks" if text.lower().startswith("week") else "months"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Parsed(Record):
    """A value written in a curriculum as text (or a number), parsed by :meth:`parse`."""

    @classmethod
    def parse(cls, value: object) -> Self:
        """Build the value from what a curriculum or a JSON dump holds; raises ValueError."""
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """pydantic validates the value with :meth:`parse`."""
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            lambda value: value if isinstance(value, cls) else cls.parse(value)
        )

    @property
    def text(self) -> str:
        """The value as a curriculum writes it."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.text

    def to_json(self) -> object:
        """The fields and, as ``text``, the value as a curriculum writes it."""
        dumped = super().to_json()
        assert isinstance(dumped, dict)
        return {**dumped, "text": self.text}


class Duration(_Parsed):
    """How long a module or phase lasts, as the curriculum states it.

    ``kind`` is ``span`` (``low`` to ``high`` weeks or months; equal for a single number),
    ``ongoing`` (no end), or ``every`` (a repeat interval of ``low`` units). Write it in YAML as
    ``8 weeks``, ``10-12 weeks``, ``2-3 months``, ``ongoing`` or ``every 2 weeks``.
    """

    kind: Literal["span", "ongoing", "every"]
    low: float | int | None = None
    high: float | int | None = None
    unit: DurationUnit | None = None

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A curriculum writes a duration as text; the schema says so."""
        return {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "A duration: '8 weeks', '10-12 weeks', '2-3 months', 'ongoing' or "
            "'every 2 weeks'.",
            "examples": ["8 weeks", "10-12 weeks", "2-3 months", "ongoing", "every 3 months"],
        }

    @classmethod
    def parse(cls, value: object) -> Duration:
        """Parse ``8 weeks``, ``10-12 weeks``, ``2-3 months``, ``ongoing``, ``every 2 weeks`` or
        the dumped mapping; raises ValueError with what to write instead.
        """
        fields = cls._fields_of(value)
        duration = cls(**fields)
        duration._check_bounds()
        return duration

    @classmethod
    def _fields_of(cls, value: object) -> dict[str, Any]:
        if isinstance(value, dict):
            fields = _without_text(value)
            if set(fields) - {"kind", "low", "high", "unit"} or fields.get("kind") not in (
                "span",
                "ongoing",
                "every",
            ):
                raise ValueError(_DURATION_FORM)
            if any(
                fields.get(key) is not None and not _is_number(fields[key])
                for key in ("low", "high")
            ) or fields.get("unit") not in (None, "weeks", "months"):
                raise ValueError(_DURATION_FORM)
            return fields
        if not isinstance(value, str):
            raise ValueError(_DURATION_FORM)
        text = " ".join(value.split())
        if text.lower() == "ongoing":
            return {"kind": "ongoing"}
        if match := re.match(_EVERY, text):
            return {"kind": "every", "low": int(match["n"] or 1), "unit": _unit(match["unit"])}
        if match := re.match(_FIXED, text):
            low = _number(match["low"])
            high = _number(match["high"]) if match["high"] else low
            return {"kind": "span", "low": low, "high": high, "unit": _unit(match["unit"])}
        raise ValueError(
            f"'{value}' is not a duration; write it like '8 weeks', '10-12 weeks', "
            "'2-3 months', 'ongoing' or 'every 2 weeks'"
        )

    def _check_bounds(self) -> None:
        if self.kind == "ongoing":
            if self.low is not None or self.high is not None or self.unit is not None:
                raise ValueError("an ongoing duration has no length or unit")
            return
        if self.low is None or self.unit is None:
            raise ValueError("a duration needs a length and a unit")
        if self.low <= 0:
            raise ValueError("a duration must be longer than zero")
        if self.kind == "span" and (self.high is None or self.high < self.low):
            raise ValueError("the end of a duration range must not be below its start")

    @property
    def text(self) -> str:
        """The duration as a curriculum writes it: ``8 weeks``, ``10-12 weeks``, ``ongoing``."""
        if self.kind == "ongoing":
            return "ongoing"
        if self.kind == "every":
            return f"every {self.low} {self.unit}"
        if self.high != self.low:
            return f"{self.low}-{self.high} {self.unit}"
        return f"{self.low} {self.unit}"


class NumberRange(_Parsed):
    """An inclusive range of numbers such as ``10-12`` hours or ``1-2`` papers.

    Written in YAML as a number (``10``) or a range (``10-12``).
    """

    low: float | int
    high: float | int

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A curriculum writes a range as a number or as text such as '10-12'."""
        return _number_or_text_schema(
            "number", 0, RANGE_PATTERN, "A number or a range such as '10-12'."
        )

    @classmethod
    def parse(cls, value: object) -> NumberRange:
        """Parse ``10``, ``10-12`` or the dumped mapping; raises ValueError."""
        number_range = cls(**cls._fields_of(value))
        if number_range.low < 0 or number_range.high < number_range.low:
            raise ValueError("a range runs from a number to a larger or equal one, like '10-12'")
        return number_range

    @classmethod
    def _fields_of(cls, value: object) -> dict[str, Any]:
        if _is_number(value):
            return {"low": value, "high": value}
        if isinstance(value, str):
            match = re.match(_NUMBERS, value.strip())
            if not match:
                raise ValueError(f"'{value}' is not a number or a range such as '10-12'")
            low = _number(match["low"])
            return {"low": low, "high": _number(match["high"]) if match["high"] else low}
        if isinstance(value, dict):
            fields = _without_text(value)
            if set(fields) == {"low", "high"} and all(_is_number(v) for v in fields.values()):
                return fields
        raise ValueError("expected a number or a range such as '10-12'")

    @property
    def text(self) -> str:
        """The range as written: ``10-12`` or ``10``."""
        return f"{self.low}-{self.high}" if self.high != self.low else f"{self.low}"


class WeekSpan(_Parsed):
    """The weeks of the program a phase covers as the curriculum states them (``1-16``).

    ``first`` and ``last`` are 1-based week numbers counted from the enrollment's start.
    """

    first: int
    last: int

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A curriculum writes a week span as a week number or as text such as '1-16'."""
        return _number_or_text_schema(
            "integer", 1, SPAN_PATTERN, "Program weeks such as '1-16' (or one week number)."
        )

    @classmethod
    def parse(cls, value: object) -> WeekSpan:
        """Parse ``1-16``, a week number or the dumped mapping; raises ValueError."""
        span = cls(**cls._fields_of(value))
        if span.first < 1 or span.last < span.first:
            raise ValueError("a span of weeks runs from week 1 or later to a later week")
        return span

    @classmethod
    def _fields_of(cls, value: object) -> dict[str, Any]:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        if isinstance(value, str):
            match = re.match(r"^(\d+)\s*(?:-|\u2013|to)\s*(\d+)$", value.strip())
            if not match:
                raise ValueError(f"'{value}' is not a span of weeks such as '1-16'")
            return {"first": int(match[1]), "last": int(match[2])}
        if isinstance(value, dict):
            fields = _without_text(value)
            if set(fields) == {"first", "last"} and all(
                isinstance(v, int) and not isinstance(v, bool) for v in fields.values()
            ):
                return fields
        raise ValueError("expected a span of weeks such as '1-16'")

    @property
    def weeks(self) -> int:
        """How many weeks the span covers (``1-16`` covers 16)."""
        return self.last - self.first + 1

    @property
    def text(self) -> str:
        """The span as written: ``1-16``."""
        return f"{self.first}-{self.last}"
