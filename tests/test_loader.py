"""Broken curriculum files give FILE:LINE:COLUMN: field: message errors, and durations parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.curriculum.catalog import find_curriculum, load_curriculum
from roadmap_tracker.curriculum.durations import Duration, NumberRange, WeekSpan


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def column_of(text: str, needle: str) -> int:
    line = text.splitlines()[line_of(text, needle) - 1]
    return line.index(needle.strip()) + 1


def broken(tmp_path: Path, text: str, name: str = "advanced-ai.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path, expected_slug: str | None = None) -> RoadmapError:
    with pytest.raises(RoadmapError) as caught:
        load_curriculum(path, expected_slug)
    return caught.value


def test_bundled_curriculum_loads_clean() -> None:
    curriculum = load_curriculum(find_curriculum("advanced-ai").path, "advanced-ai")
    assert curriculum.slug == "advanced-ai"


def test_bad_duration_points_at_its_line(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace("duration: 10 weeks", "duration: ten weeks")
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "duration: ten weeks")
    column = column_of(text, "duration: ten weeks")
    assert error.message.startswith(
        f"{path}:{line}:{column}: phases[3].modules[0].duration: 'ten weeks' is not a duration"
    )


def test_yaml_syntax_error_points_at_its_line(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace(
        "          - title: Memory Optimization\n", "          - title: [Memory Optimization\n"
    )
    path = broken(tmp_path, text)
    error = load_error(path)
    assert error.message.startswith(f"{path}:")
    assert "YAML syntax" in error.message
    reported_line = int(error.message.split(":")[1])
    # The parser notices the unclosed bracket on the line or just after it.
    assert (
        line_of(text, "[Memory Optimization")
        <= reported_line
        <= line_of(text, "[Memory Optimization") + 2
    )


def test_misspelled_field_is_named_with_its_position(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace(
        "        level: Intermediate\n", "        levle: Intermediate\n"
    )
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "levle: Intermediate")
    assert error.message.startswith(f"{path}:{line}:9: phases[0].modules[1].levle: unknown field")


def test_missing_title_points_at_its_module(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace("        title: Modern MLOps & Production ML Systems\n", "")
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "- id: m4")
    assert error.message.startswith(
        f"{path}:{line}:9: phases[1].modules[1].title: this field is required"
    )


def test_duplicate_id_points_at_the_second_use(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace("id: m2/conditional-diffusion", "id: m2/ddpm-from-scratch")
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "title: Train conditional diffusion models") - 1
    assert error.message.startswith(
        f"{path}:{line}:13: phases[0].modules[1].tasks[1].id: "
        "id 'm2/ddpm-from-scratch' is used twice"
    )


def test_unknown_prerequisite_is_reported(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace(
        "prerequisites: [m1, m2, m3]\n", "prerequisites: [m1, m9, m3]\n"
    )
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "prerequisites: [m1, m9, m3]")
    assert error.message.startswith(
        f"{path}:{line}:"
    ) and "phases[1].modules[1].prerequisites[1]: prerequisite 'm9' is not a module" in (
        error.message
    )


def test_prerequisite_cycle_is_reported(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace(
        "        prerequisites: [m1]\n", "        prerequisites: [m1, m3]\n"
    )
    path = broken(tmp_path, text)
    error = load_error(path)
    assert "prerequisites form a cycle: m2 -> m3 -> m2" in error.message
    assert error.message.startswith(f"{path}:{line_of(text, 'prerequisites: [m1, m3]')}:")


def test_phase_weeks_must_match_module_durations(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace("weeks: 17-32", "weeks: 17-30")
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "weeks: 17-30")
    assert error.message.startswith(f"{path}:{line}:5: phases[1].weeks: weeks 17-30 span 14")


def test_slug_must_match_file_name(tmp_path: Path, advanced_ai_text: str) -> None:
    path = broken(tmp_path, advanced_ai_text, name="my-plan.yaml")
    error = load_error(path, expected_slug="my-plan")
    assert error.message.startswith(f"{path}:{line_of(advanced_ai_text, 'slug:')}:1: slug:")


def test_several_problems_are_all_listed(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace("level: Advanced", "level: [Advanced]")
    path = broken(tmp_path, text)
    error = load_error(path)
    assert "(and 3 more problems below)" in error.message
    assert len(error.details) == 3
    assert all(detail.startswith(f"{path}:") for detail in error.details)


@pytest.mark.parametrize(
    "text",
    ["", "just a sentence\n", "- a\n- list\n"],
)
def test_a_file_without_a_mapping_is_refused(tmp_path: Path, text: str) -> None:
    error = load_error(broken(tmp_path, text))
    assert "does not hold a curriculum" in error.message


def test_unreadable_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "advanced-ai.yaml"
    path.write_bytes(b"slug: \xff\xfe\n")
    assert "Cannot read the curriculum file" in load_error(path).message


def test_unknown_slug_suggests_the_closest() -> None:
    with pytest.raises(RoadmapError, match="Did you mean 'advanced-ai'"):
        find_curriculum("advanced-ia")


@pytest.mark.parametrize(
    ("written", "kind", "low", "high", "unit"),
    [
        ("8 weeks", "span", 8, 8, "weeks"),
        ("10-12 weeks", "span", 10, 12, "weeks"),
        ("2-3 months", "span", 2, 3, "months"),
        ("1 month", "span", 1, 1, "months"),
        ("Ongoing", "ongoing", None, None, None),
        ("every 2 weeks", "every", 2, None, "weeks"),
    ],
)
def test_durations_keep_ranges(
    written: str, kind: str, low: int | None, high: int | None, unit: str | None
) -> None:
    duration = Duration.model_validate(written)
    assert (duration.kind, duration.low, duration.high, duration.unit) == (kind, low, high, unit)
    assert Duration.model_validate(duration.model_dump()) == duration


@pytest.mark.parametrize("written", ["eight weeks", "12-10 weeks", "0 weeks", "8 days", "8"])
def test_bad_durations_are_refused(written: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        Duration.model_validate(written)


def test_number_ranges_and_week_spans() -> None:
    assert NumberRange.model_validate("10-12").text == "10-12"
    assert NumberRange.model_validate(3).text == "3"
    assert WeekSpan.model_validate("41-58").weeks == 18
    with pytest.raises(ValueError, match="span of weeks"):
        WeekSpan.model_validate("58-41")


def test_recurring_activity_ids_are_unique(tmp_path: Path, advanced_ai_text: str) -> None:
    text = advanced_ai_text.replace("  - id: routine/papers", "  - id: m1/minimal-vit")
    path = broken(tmp_path, text)
    error = load_error(path)
    line = line_of(text, "title: Paper reading routine") - 1
    assert f"{path}:{line}:5: recurring[0].id: id 'm1/minimal-vit' is used twice" in (error.message)
