"""Typed durations, week spans and numeric ranges as curricula state them.

A curriculum writes ``8 weeks``, ``10-12 weeks``, ``2-3 months``, ``ongoing`` or
``every 2 weeks``; ranges stay ranges. Each type also accepts its own JSON form (the mapping
that ``model_dump`` produces), so a dumped curriculum loads again.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler, computed_field, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

DurationUnit = Literal["weeks", "months"]

_RANGE = r"(?P<low>\d+(?:\.\d+)?)(?:\s*(?:-|\u2013|to)\s*(?P<high>\d+(?:\.\d+)?))?"
_FIXED = re.compile(rf"^{_RANGE}\s*(?P<unit>weeks?|months?)$", re.IGNORECASE)
_EVERY = re.compile(r"^every\s+(?:(?P<n>\d+)\s+)?(?P<unit>weeks?|months?)$", re.IGNORECASE)
_NUMBERS = re.compile(rf"^{_RANGE}$")

# The same forms for the JSON Schema (ECMA-262 regular expressions, case-insensitive units).
_NUMBER = r"\d+(\.\d+)?"
RANGE_PATTERN = rf"^{_NUMBER}(\s*(-|\u2013|to)\s*{_NUMBER})?$"
DURATION_PATTERN = (
    rf"^([Oo]ngoing|[Ee]very\s+(\d+\s+)?([Ww]eeks?|[Mm]onths?)|"
    rf"{_NUMBER}(\s*(-|\u2013|to)\s*{_NUMBER})?\s*([Ww]eeks?|[Mm]onths?))$"
)
SPAN_PATTERN = r"^\d+\s*(-|\u2013|to)\s*\d+$"


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


class Duration(BaseModel):
    """How long a module or phase lasts, as the curriculum states it.

    ``kind`` is ``span`` (``low`` to ``high`` weeks or months; equal for a single number),
    ``ongoing`` (no end), or ``every`` (a repeat interval of ``low`` units). Write it in YAML as
    ``8 weeks``, ``10-12 weeks``, ``2-3 months``, ``ongoing`` or ``every 2 weeks``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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

    @model_validator(mode="before")
    @classmethod
    def _parse_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return _without_text(value)
        if not isinstance(value, str):
            raise ValueError("a duration is written like '8 weeks', '10-12 weeks' or 'ongoing'")
        text = " ".join(value.split())
        if text.lower() == "ongoing":
            return {"kind": "ongoing"}
        if match := _EVERY.match(text):
            return {"kind": "every", "low": int(match["n"] or 1), "unit": _unit(match["unit"])}
        if match := _FIXED.match(text):
            low = _number(match["low"])
            high = _number(match["high"]) if match["high"] else low
            return {"kind": "span", "low": low, "high": high, "unit": _unit(match["unit"])}
        raise ValueError(
            f"'{value}' is not a duration; write it like '8 weeks', '10-12 weeks', "
            "'2-3 months', 'ongoing' or 'every 2 weeks'"
        )

    @model_validator(mode="after")
    def _check_bounds(self) -> Duration:
        if self.kind == "ongoing":
            if self.low is not None or self.high is not None or self.unit is not None:
                raise ValueError("an ongoing duration has no length or unit")
            return self
        if self.low is None or self.unit is None:
            raise ValueError("a duration needs a length and a unit")
        if self.low <= 0:
            raise ValueError("a duration must be longer than zero")
        if self.kind == "span" and (self.high is None or self.high < self.low):
            raise ValueError("the end of a duration range must not be below its start")
        return self

    @computed_field  # type: ignore[prop-decorator]
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

    def __str__(self) -> str:
        return self.text


class NumberRange(BaseModel):
    """An inclusive range of numbers such as ``10-12`` hours or ``1-2`` papers.

    Written in YAML as a number (``10``) or a range (``10-12``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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

    @model_validator(mode="before")
    @classmethod
    def _parse_text(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number or a range such as '10-12'")
        if isinstance(value, int | float):
            return {"low": value, "high": value}
        if isinstance(value, str):
            match = _NUMBERS.match(value.strip())
            if not match:
                raise ValueError(f"'{value}' is not a number or a range such as '10-12'")
            low = _number(match["low"])
            return {"low": low, "high": _number(match["high"]) if match["high"] else low}
        if isinstance(value, dict):
            return _without_text(value)
        raise ValueError("expected a number or a range such as '10-12'")

    @model_validator(mode="after")
    def _check_order(self) -> NumberRange:
        if self.low < 0 or self.high < self.low:
            raise ValueError("a range runs from a number to a larger or equal one, like '10-12'")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The range as written: ``10-12`` or ``10``."""
        return f"{self.low}-{self.high}" if self.high != self.low else f"{self.low}"

    def __str__(self) -> str:
        return self.text


class WeekSpan(BaseModel):
    """The weeks of the program a phase covers as the curriculum states them (``1-16``).

    ``first`` and ``last`` are 1-based week numbers counted from the enrollment's start.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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

    @model_validator(mode="before")
    @classmethod
    def _parse_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        if isinstance(value, str):
            match = re.match(r"^(\d+)\s*(?:-|\u2013|to)\s*(\d+)$", value.strip())
            if not match:
                raise ValueError(f"'{value}' is not a span of weeks such as '1-16'")
            return {"first": int(match[1]), "last": int(match[2])}
        if isinstance(value, dict):
            return _without_text(value)
        raise ValueError("expected a span of weeks such as '1-16'")

    @model_validator(mode="after")
    def _check_order(self) -> WeekSpan:
        if self.first < 1 or self.last < self.first:
            raise ValueError("a span of weeks runs from week 1 or later to a later week")
        return self

    @property
    def weeks(self) -> int:
        """How many weeks the span covers (``1-16`` covers 16)."""
        return self.last - self.first + 1

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The span as written: ``1-16``."""
        return f"{self.first}-{self.last}"
