"""Bad input of every kind: exit code 1, one clear sentence, no traceback, nothing written.

Groundwork for issue 5, which extends this table (sizes, read-only and full disks,
interrupted writes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else '1, 2, 3, 4, 5, 6, 7, 8, 9'}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)

FILES = {
    "python-tag.yaml": "slug: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n",
    "bomb.yaml": BOMB,
    "empty.yaml": "",
    "list.yaml": "- just\n- a list\n",
    "bad-yaml.yaml": "slug: x\ntitle: [unclosed\n",
}

DATE_OPTIONS = [
    ("check", "m1/minimal-vit", "--on"),
    ("log", "1", "--on"),
    ("status", None, "--week"),
    ("next", None, "--from"),
    ("plan", None, "--on"),
    ("replan", None, "--from"),
    ("choose", None, "--on"),
    ("include", "m8", "--on"),
]

CASES: list[tuple[str, list[str], str]] = [
    # Dates that do not exist or that the parser does not know, on every command with a date.
    *[
        (f"{command} {option} {day}", [command, *([arg] if arg else []), option, day], message)
        for command, arg, option in DATE_OPTIONS
        if command != "choose"
        for day, message in [
            ("2026-02-30", "'2026-02-30' given to " + option + " is not a valid date."),
            ("next tuesday", "'next tuesday' given to " + option + " is not a valid date."),
        ]
    ],
    ("start --on 2026-13-01", ["start", "ai-study-plan", "--on", "2026-13-01"], "not a valid"),
    # Dates that exist but cannot be used.
    ("check in the future", ["check", "m1/minimal-vit", "--on", "2026-12-01"], "in the future"),
    ("log in the future", ["log", "1", "--on", "2027-01-01"], "in the future"),
    ("replan before the start", ["replan", "--from", "2025-12-01"], "before you started"),
    # Hours.
    ("log zero hours", ["log", "0"], "0 is not a possible number of hours"),
    ("log absurd hours", ["log", "1e9"], "is not a possible number of hours"),
    ("log a day and more", ["log", "24.5"], "24.5 is not a possible number of hours"),
    ("log nan hours", ["log", "nan"], "nan is not a possible number of hours"),
    ("log infinite hours", ["log", "inf"], "inf is not a possible number of hours"),
    ("replan zero hours", ["replan", "--hours-per-week", "0"], "0 is not a possible number"),
    ("replan absurd hours", ["replan", "--hours-per-week", "1e9"], "is not a possible number"),
    (
        "restart with absurd hours",
        ["start", "advanced-ai", "--restart", "--hours-per-week", "500"],
        "500 is not a possible number of hours per week.",
    ),
    # Task references.
    ("unknown task", ["check", "atention from scrach"], "No item of advanced-ai matches"),
    ("ambiguous task", ["check", "portfolio"], "matches"),
    ("empty task", ["check", ""], "No item of advanced-ai matches ''."),
    ("unknown task for log", ["log", "1", "--task", "nothing-like-it"], "No item of"),
    ("one bad among good", ["check", "m1/minimal-vit", "m1/nope"], "No item of"),
    # Choices and optional modules.
    ("unknown choice group", ["choose", "framework", "x"], "No choice group of advanced-ai"),
    ("non-optional include", ["include", "m3"], "'m3' is not an optional module"),
    ("unknown exclude", ["exclude", "m99"], "'m99' is not an optional module"),
    # Curricula.
    ("unknown curriculum", ["start", "advanced-aj"], "advanced-aj"),
    ("show unknown curriculum", ["show", "no-such-plan"], "no-such-plan"),
    ("slug with path separators", ["start", "../../etc/passwd"], "passwd"),
    ("enrolling twice", ["start", "advanced-ai"], "already enrolled"),
    *[
        (f"curriculum file {name}", ["start", f"FILES/{name}"], name)
        for name in ["python-tag.yaml", "bomb.yaml", "empty.yaml", "list.yaml", "bad-yaml.yaml"]
    ],
    ("curriculum file not UTF-8", ["start", "FILES/latin1.yaml"], "latin1.yaml"),
    ("curriculum path is a directory", ["start", "FILES/folder.yaml"], "folder.yaml"),
    ("show a missing curriculum file", ["show", "FILES/missing.yaml"], "missing"),
]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "latin1.yaml").write_bytes("slug: caf\xe9\ntitle: Caf\xe9\n".encode("latin-1"))
    (folder / "folder.yaml").mkdir()
    return folder


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("args", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exits_1_with_one_sentence_and_writes_nothing(
    enrolled: Run, progress_file: Path, files: Path, args: list[str], message: str
) -> None:
    args = [arg.replace("FILES", str(files)) for arg in args]
    before = progress_file.read_bytes()
    backups = sorted(progress_file.parent.glob("backups/*"))
    result = enrolled(*args, code=1)
    error = result.stderr
    assert error.startswith("Error: "), error
    first = error.splitlines()[0]
    assert message in error, error
    assert "Traceback" not in error and 'File "' not in error
    assert len(first) < 400, first  # one sentence (a located error names its file first)
    assert result.stdout == ""
    assert progress_file.read_bytes() == before
    assert sorted(progress_file.parent.glob("backups/*")) == backups
