"""One ``roadmap ARGS`` process with the commands it builds counted (:func:`run`): what the
tests of help's speed and of the lean group check of a command line (tests/test_help_speed.py,
tests/test_lean_typer.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_RUN = """
import sys
import roadmap_tracker.cli.lazy as lazy

real = lazy.build_command
built = []


def counting(name, callback, **settings):
    built.append(name)
    return real(name, callback, **settings)


lazy.build_command = counting
sys.argv = ["roadmap", *sys.argv[1:]]
from roadmap_tracker.cli.app import main
try:
    main()
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
else:
    code = 0
ours = sorted(m for m in sys.modules if m.startswith("roadmap_tracker.cli."))
print("RAN", code, ",".join(built), "typer.main" in sys.modules, ",".join(ours), file=sys.stderr)
"""


def run(home: Path, *args: str, **environ: str) -> tuple[int, list[str], bool, list[str], str]:
    """One ``roadmap ARGS`` process: its exit code, the commands it built, whether it loaded
    typer.main, the cli modules it loaded, and its stdout."""
    env = {**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1", **environ}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args], capture_output=True, text=True, env=env, check=False
    )
    last = done.stderr.strip().splitlines()[-1].split(" ")
    assert last[0] == "RAN", done.stderr
    code, built, loaded, modules = int(last[1]), last[2], last[3] == "True", last[4]
    return code, [b for b in built.split(",") if b], loaded, modules.split(","), done.stdout
