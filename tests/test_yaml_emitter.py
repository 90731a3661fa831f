"""The YAML text ``roadmap import`` writes (formats/yaml_emitter.py, decision 47): every text,
number and structure reads back as it was, with the C parser and the pure-Python one that
``roadmap validate`` and the catalog use, whatever characters the roadmap's titles hold.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from roadmap_tracker.formats.yaml_emitter import block_yaml

TRICKY = [
    "Phase 1: Basics",
    "yes",
    "No",
    "null",
    "~",
    "2026-01-05",
    "1.5",
    "0x1F",
    "- a list?",
    "# not a comment",
    "key: value",
    "ends with a colon:",
    "a #hash inside",
    "'quoted'",
    '"double"',
    "two  spaces",
    " leading space",
    "trailing space ",
    "line one\nline two",
    "line one\n\n  indented line three",
    "\nstarts with a newline",
    "ends with a newline\n",
    "tab\tinside",
    "第一阶段: JavaSE",
    "Ωmega",
    "line\u2028separator",
    "bom\ufeffinside",
    "nbsp\u00a0inside",
    "control\x85next line",
    "",
    "[not a list]",
    "{not: a mapping}",
    "&anchor",
    "*alias",
    "!tag",
    "|literal",
    ">folded",
    "%directive",
    "@at",
    "`backtick",
]


def read_back(text: str, pure: bool) -> Any:
    yaml = YAML(typ="safe", pure=pure)
    return yaml.load(StringIO(text))


@pytest.mark.parametrize("pure", [True, False], ids=["pure", "C"])
@pytest.mark.parametrize("value", TRICKY)
def test_a_tricky_text_reads_back_as_it_was(value: str, pure: bool) -> None:
    data = {"title": value, "items": [value, {"id": "a", "title": value}]}
    assert read_back(block_yaml(data), pure) == data


TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
KEYS = st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True)
SCALARS = TEXTS | st.integers(-(10**9), 10**9) | st.booleans() | st.none()
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, DATA, max_size=5))
def test_any_data_reads_back_as_it_was(data: dict[str, Any]) -> None:
    text = block_yaml(data)
    assert read_back(text, pure=True) == data
    assert read_back(text, pure=False) == data


def test_it_looks_like_what_ruamel_wrote() -> None:
    data = {
        "format": 1,
        "title": "My Roadmap",
        "phases": [
            {"id": "phase-1", "title": "Phase 1: Basics", "modules": [{"id": "m", "tasks": []}]}
        ],
    }
    phase = data["phases"][0]  # type: ignore[index]
    text = block_yaml(data, header="Imported.\nKeep the ids.", comments={id(phase): "line 3"})
    assert text == (
        "# Imported.\n"
        "# Keep the ids.\n"
        "format: 1\n"
        "title: My Roadmap\n"
        "phases:\n"
        "  # line 3\n"
        "  - id: phase-1\n"
        "    title: 'Phase 1: Basics'\n"
        "    modules:\n"
        "      - id: m\n"
        "        tasks: []\n"
    )


def test_a_description_of_several_lines_is_a_literal_block() -> None:
    text = block_yaml({"description": "- first\n  - nested\n- second"})
    assert text == "description: |-\n  - first\n    - nested\n  - second\n"


def test_what_yaml_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot write a set"):
        block_yaml({"bad": {1, 2}})
