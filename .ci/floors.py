"""The lowest versions pyproject.toml lets in, as pip files: CI installs the project against
them to prove that the declared floors work (decision 61).

    python .ci/floors.py constraints   # "name==floor" for each of [project].dependencies
    python .ci/floors.py test          # the test tools of the "test" extra, one a line

Every direct dependency must have a floor (">=X"); a dependency without one is an error,
since nothing would test the oldest version it lets in. The extra "fast" is left out (it asks
for ruamel.yaml 0.19); its C parser, ruamel.yaml.clibz, is installed with the test tools.
Transitive dependencies (click, pydantic-core, ...) are left to pip, as uv's
"--resolution lowest-direct" leaves them.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def floors(requirements: list[str]) -> list[str]:
    """``name==floor`` for each requirement (``"rich>=14.3"`` gives ``"rich==14.3"``).

    Raises SystemExit naming the requirement when one has no ``>=`` floor.
    """
    pinned = []
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement.strip())
        floor = re.search(r">=\s*([^,;\s]+)", match.group(3)) if match else None
        if match is None or floor is None:
            raise SystemExit(f"{requirement!r} has no floor ('>=X'): give it one in pyproject.toml")
        pinned.append(f"{match.group(1)}=={floor.group(1)}")
    return pinned


def main(which: str) -> None:
    """Print the constraints (``which`` "constraints") or the test tools ("test")."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    if which == "constraints":
        lines = floors(project["dependencies"])
    elif which == "test":
        name = project["name"]
        lines = [r for r in project["optional-dependencies"]["test"] if not r.startswith(name)]
        lines.append("ruamel.yaml.clibz")  # the C parser of "fast", which the tests expect
    else:
        raise SystemExit("usage: python .ci/floors.py constraints|test")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) == 2 else "")
