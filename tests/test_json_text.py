"""The JSON roadmap prints (``--json``, ``export --format json``): the same data as
``json.dumps``, laid out with each record of a list on a line of its own."""

from __future__ import annotations

import json
import math
import random
from typing import Any

import pytest

from roadmap_tracker.base.json_text import dumps


def random_value(rng: random.Random, depth: int = 0) -> Any:
    scalars = [
        None,
        True,
        False,
        0,
        -7,
        2.5,
        1e-9,
        "",
        "é→日本",
        'quote " and \\',
        "\x1b[2J",
        "\u2028",
    ]
    if depth > 3 or rng.random() < 0.4:
        return rng.choice(scalars)
    if rng.random() < 0.5:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["id", "title", "items", "", "a b", "ü"]
    return {
        rng.choice(keys) + str(n): random_value(rng, depth + 1) for n in range(rng.randint(0, 4))
    }


def test_the_text_is_the_data_json_dumps_writes() -> None:
    rng = random.Random(3)
    for _ in range(500):
        value = random_value(rng)
        text = dumps(value)
        assert json.loads(text) == value
        assert text.replace("\n", "").replace(" ", "") == json.dumps(
            value, ensure_ascii=False, separators=(",", ":")
        ).replace(" ", "")


def test_records_of_a_list_take_a_line_each_and_the_rest_is_indented() -> None:
    document = {
        "version": 1,
        "empty": {},
        "none": [],
        "tags": ["a", "b"],
        "weeks": {"low": 2, "high": 3},
        "items": [
            {"id": "m1/a", "state": "done", "authors": ["X", "Y"]},
            {"id": "m1/b", "state": "open", "authors": []},
        ],
        "phases": [{"id": "p1", "modules": [{"id": "m1", "items": [{"id": "m1/a"}]}]}],
    }
    assert dumps(document) == "\n".join(
        [
            "{",
            '  "version": 1,',
            '  "empty": {},',
            '  "none": [],',
            '  "tags": ["a", "b"],',
            '  "weeks": {',
            '    "low": 2,',
            '    "high": 3',
            "  },",
            '  "items": [',
            '    {"id": "m1/a", "state": "done", "authors": ["X", "Y"]},',
            '    {"id": "m1/b", "state": "open", "authors": []}',
            "  ],",
            '  "phases": [',
            "    {",
            '      "id": "p1",',
            '      "modules": [',
            "        {",
            '          "id": "m1",',
            '          "items": [',
            '            {"id": "m1/a"}',
            "          ]",
            "        }",
            "      ]",
            "    }",
            "  ]",
            "}",
        ]
    )


def test_keys_and_values_convert_as_json_dumps_converts_them() -> None:
    value = {1: "one", 2.5: [1.0], None: {True: math.inf}, "list": [(1, 2), {"n": math.nan}]}
    assert dumps(value) == "\n".join(
        [
            "{",
            '  "1": "one",',
            '  "2.5": [1.0],',
            '  "null": {',
            '    "true": Infinity',
            "  },",
            '  "list": [',
            "    [1, 2],",
            '    {"n": NaN}',
            "  ]",
            "}",
        ]
    )
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"day": object()})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps([{"a": [object()]}])
    with pytest.raises(ValueError, match="keys must be"):
        dumps({(1, 2): {"a": [{}]}})


def test_a_part_already_written_stands_as_it_is_and_the_rest_is_escaped() -> None:
    from roadmap_tracker.base.json_text import Raw

    rng = random.Random(30)
    for _ in range(200):
        inner, outer = random_value(rng), random_value(rng)
        whole = {"a": outer, "kept": inner, "z": [outer]}
        laid_out = dumps(whole, escape=str.upper)
        kept = Raw(dumps(inner, pad="  "))
        assert dumps({"a": outer, "kept": kept, "z": [outer]}) == dumps(whole)
        # the kept part is not escaped again; the text around it is
        parts = dumps({"a": outer, "kept": kept, "z": [outer]}, escape=str.upper)
        assert parts.upper() == laid_out
        assert kept in parts
