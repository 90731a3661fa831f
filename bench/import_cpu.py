"""CPU time of ``roadmap import`` on a 200 KB Markdown roadmap (issue 25: under 1 s).

Writes a synthetic roadmap of every shape the import reads (phases and modules with
durations, checklists with nested boxes and links, ``**Lead**: prose`` bullets, a course
table, numbered lists, prose) until it reaches the size asked, then runs ``roadmap import``
on it in new processes, each with a fresh data and cache directory, and prints the median
CPU time (user + system) of the runs. With ``--real DIR`` it also times each ``*.md`` file
there (``../shared/real-roadmaps``).

    python bench/import_cpu.py [--kib 200] [--runs 5] [--roadmap PATH] [--real DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT_S = 1.0
"""The CPU time a 200 KB roadmap may take to import."""


def synthetic_roadmap(kib: int) -> str:
    """A Markdown roadmap of about ``kib`` KiB mixing the shapes the import reads."""
    parts = ["# Synthetic Roadmap\n"]
    size = len(parts[0])
    phase = 0
    while size < kib * 1024:
        phase += 1
        lines = [f"\n## Phase {phase}: Topic {phase} (6 weeks)\n"]
        for module in range(1, 5):
            lines.append(f"\n### Module {phase}.{module} (Weeks {module}-{module + 1})\n")
            for item in range(1, 7):
                mark = "x" if item % 3 == 0 else "/" if item % 5 == 0 else " "
                lines.append(
                    f"- [{mark}] Study part {item} of module {phase}.{module}: "
                    f"[reading {item}](https://example.org/{phase}/{module}/{item})\n"
                )
                lines.append(f"  - [ ] Exercise {item}.a\n")
                lines.append(f"  - Notes: see https://example.org/notes/{item}\n")
            lines.append("\n**Concepts**: what this module is about, in a sentence or two.\n")
        lines.append("\n| Course | Duration | Effort | Prerequisites |\n")
        lines.append("| --- | --- | --- | --- |\n")
        for course in range(1, 5):
            lines.append(
                f"| [Course {phase}.{course}](https://example.org/c/{phase}/{course}) "
                f"| 8 weeks | 6 hours/week | Course {phase}.{course - 1} |\n"
            )
        lines.append("\n1. First numbered step\n2. Second numbered step\n")
        text = "".join(lines)
        parts.append(text)
        size += len(text)
    return "".join(parts)


def cpu_of(program: str, source: Path, scratch: Path) -> float:
    """CPU seconds (user + system) of one ``roadmap import`` in a fresh home and cache."""
    home, cache = scratch / "home", scratch / "cache"
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "ROADMAP_HOME": str(home),
        "ROADMAP_CACHE_DIR": str(cache),
        "NO_COLOR": "1",
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [program, "import", str(source), "-o", str(scratch / "out.yaml"), "--force"],
        env=env,
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"roadmap import {source} failed: {done.stderr.decode(errors='replace')}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kib", type=int, default=200, help="size of the synthetic roadmap")
    parser.add_argument("--runs", type=int, default=5, help="runs per file")
    parser.add_argument("--roadmap", default=shutil.which("roadmap") or "roadmap")
    parser.add_argument("--real", type=Path, help="a directory of real Markdown roadmaps")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        synthetic = scratch / "synthetic.md"
        synthetic.write_text(synthetic_roadmap(args.kib), encoding="utf-8")
        files = [synthetic]
        if args.real:
            files += sorted(args.real.glob("*__*.md"))
        print(f"{'file':52} {'KiB':>6} {'CPU s (median)':>15}")
        for path in files:
            times = [cpu_of(args.roadmap, path, scratch) for _ in range(args.runs)]
            kib = path.stat().st_size / 1024
            median = statistics.median(times)
            verdict = ""
            if path is synthetic:
                verdict = "OK" if median < LIMIT_S else f"OVER {LIMIT_S:g} s"
            print(f"{path.name[:52]:52} {kib:6.0f} {median:15.3f} {verdict}")


if __name__ == "__main__":
    main()
