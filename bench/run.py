"""Benchmark of whole ``roadmap`` processes against the framework floor (bench/README.md).

Run from the repository root with the dev venv::

    .venv/bin/python bench/run.py            # default: 2 warm-up rounds, 15 timed rounds
    .venv/bin/python bench/run.py --quick    # smoke check: 1 warm-up round, 3 timed rounds
    .venv/bin/python bench/run.py --baseline /tmp/old/bin/roadmap   # this build against another
    .venv/bin/python bench/run.py --peer-watson ~/.venvs/watson/bin/watson   # beside watson status

This file only starts the harness, ``bench/harness.py``, compiled by another process first:
compiling its source here would take about 5 MiB at the peak, and a child's ``ru_maxrss``
counts the peak of the process that started it (see ``harness.build_fixture_in_child``).
Standard library only; the harness never imports roadmap_tracker.
"""

import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).absolute().parent / "harness.py"

if __name__ == "__main__":
    # Writes bench/__pycache__ when it can; if it cannot, the import compiles it here.
    subprocess.run([sys.executable, "-m", "py_compile", str(HARNESS)], check=False)
    sys.path.insert(0, str(HARNESS.parent))
    import harness

    sys.exit(harness.main())
