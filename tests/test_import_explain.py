"""What 'roadmap import' leaves out, said after every import and listed by --explain; and
bad input (binary, empty, too large) refused in one sentence with nothing written (issue 25).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run

ROADMAP = """\
# My Roadmap

Some intro prose about why this roadmap exists.

- [Phase 1](#phase-1)
- [Phase 2](#phase-2)
- [License](#license)

## Phase 1

This phase is about foundations, and this sentence is long enough not to be a lead-in.

```bash
pip install torch
```

- [ ] Learn vectors
- [x] Learn matrices

---

<!-- a comment nobody needs to hear about -->

## Phase 2

- [ ] Train a network

## License

MIT licensed. See the file.
"""


def write(tmp_path: Path, text: str = ROADMAP) -> Path:
    source = tmp_path / "roadmap.md"
    source.write_text(text, encoding="utf-8")
    return source


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under the data directory with its bytes."""
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


def test_every_import_says_what_it_left_out_by_kind(run: Run, tmp_path: Path) -> None:
    out = run("import", str(write(tmp_path))).stdout
    summary = " ".join(out.split())
    assert (
        "Left out: 2 prose paragraphs, 1 table of contents (3 lines), 1 code block, "
        "1 licence section; roadmap import" in summary
    )
    assert "--explain lists them." in summary
    assert "comment" not in out  # comments and rules are not worth a word


def test_explain_lists_each_part_with_its_line_number_and_writes_nothing(
    run: Run, tmp_path: Path, roadmap_home: Path
) -> None:
    source = write(tmp_path)
    out = run("import", str(source), "--explain").stdout
    assert "nothing was written" in out
    lines = out.splitlines()
    listed = [line.split() for line in lines if line.startswith("  ")]
    assert [(words[0], words[1]) for words in listed] == [
        ("3", "prose"),
        ("5", "table"),
        ("11", "prose"),
        ("13", "code"),
        ("28", "licence"),
    ]
    assert any("pip install torch" in line for line in lines)
    assert any("table of contents, 3 lines: Phase 1" in line for line in lines)
    assert any(line.endswith("License") for line in lines)
    assert not (roadmap_home / "curricula").exists()


def test_explain_cuts_long_text_to_the_terminal(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    text = "# R\n\n" + "word " * 80 + "\n\n- [ ] x\n"
    out = run("import", str(write(tmp_path, text)), "--explain").stdout
    (listed,) = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(listed) <= 60 and listed.endswith("…")


def test_json_lists_what_was_left_out(run: Run, tmp_path: Path) -> None:
    result = json.loads(run("import", str(write(tmp_path)), "--json").stdout)
    assert [(p["line"], p["kind"], p["lines"]) for p in result["left_out"]] == [
        (3, "prose paragraphs", 1),
        (5, "tables of contents", 3),
        (11, "prose paragraphs", 1),
        (13, "code blocks", 1),
        (28, "licence sections", 1),
    ]
    assert result["left_out"][0]["text"] == "Some intro prose about why this roadmap exists."
    assert result["explain"] is False and result["path"]


def test_a_file_that_keeps_everything_says_nothing_about_leaving_out(
    run: Run, tmp_path: Path
) -> None:
    out = run("import", str(write(tmp_path, "# R\n\n## A\n\n- [ ] x\n- [ ] y\n"))).stdout
    assert "Left out" not in out
    explained = run("import", str(tmp_path / "roadmap.md"), "--explain").stdout
    assert "Nothing was left out." in explained


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_bytes(b"\x00\x01\x02\xff\xfe" * 100), "is not UTF-8 text"),
        (lambda path: path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))), "UTF-8"),
        (lambda path: path.write_bytes(b"\x00" * 4096), "has no list items"),
        (lambda path: path.write_bytes(b""), "has no list items"),
        (lambda path: path.write_text("\n\n   \n", encoding="utf-8"), "has no list items"),
        (
            lambda path: path.write_bytes(b"# R\n" + b"- [ ] item\n" * (1_100_000)),
            "is over 10 MiB",
        ),
    ],
    ids=["binary", "executable", "nul-bytes", "empty", "blank", "over-10-MiB"],
)
@pytest.mark.parametrize("flags", [(), ("--progress",), ("--update",), ("--explain",)])
def test_bad_input_gets_one_sentence_exit_1_and_nothing_written(
    run: Run,
    tmp_path: Path,
    roadmap_home: Path,
    make: object,
    message: str,
    flags: tuple[str, ...],
) -> None:
    run("start", "advanced-ai", "--on", "2026-01-05")
    before = snapshot(roadmap_home)
    source = tmp_path / "bad.md"
    assert callable(make)
    make(source)
    result = run("import", str(source), *flags, code=1)
    error = result.stderr.strip()
    assert error.startswith("Error: ") and message in error
    assert error.splitlines()[0].count(". ") <= 1  # one sentence (and a hint line)
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(roadmap_home) == before


def test_line_numbers_count_from_the_top_of_a_file_with_a_fenced_roadmap(
    run: Run, tmp_path: Path
) -> None:
    text = (
        "# Chat answer\n\nHere is your roadmap:\n\n```markdown\n# Plan\n\n"
        "Intro words here that say nothing much at all, really.\n\n- [ ] One\n- [ ] Two\n```\n"
    )
    result = json.loads(run("import", str(write(tmp_path, text)), "--explain", "--json").stdout)
    assert [(p["line"], p["kind"]) for p in result["left_out"]] == [(8, "prose paragraphs")]


def test_a_section_of_prose_alone_is_one_section_without_items(run: Run, tmp_path: Path) -> None:
    text = (
        "# My Roadmap\n\n## Why\n\nA paragraph on why, long enough not to be a lead-in line.\n\n"
        "Another paragraph on how, long enough not to be a lead-in line either.\n\n"
        "## Phase 1\n\n- [ ] Learn vectors\n"
    )
    out = run("import", str(write(tmp_path, text)), "--explain").stdout
    summary = " ".join(out.split())
    assert "1 section without items" in summary and "prose paragraph" not in summary
    assert any(
        line.split()[:2] == ["3", "section"] for line in out.splitlines() if line[:2] == "  "
    )
