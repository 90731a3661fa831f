"""Shell completion: `roadmap --install-completion` for bash, zsh and fish, and what Tab offers.

Each shell's script runs `roadmap` with `_ROADMAP_COMPLETE=complete_<shell>` on every Tab; the
tests install the scripts into a temporary HOME, check that each shell's start-up files load
them, run the installed bash script in a real bash, and run the same calls the zsh and fish
scripts make.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROADMAP = shutil.which("roadmap") or str(Path(sys.executable).parent / "roadmap")


def roadmap(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed `roadmap` in a new process with ``home`` as HOME and ROADMAP_HOME."""
    environment = {
        **os.environ,
        "HOME": str(home),
        "ROADMAP_HOME": str(home / "data"),
        "NO_COLOR": "1",
        **env,
    }
    return subprocess.run(
        [ROADMAP, *args], env=environment, capture_output=True, text=True, check=True
    )


@pytest.fixture(scope="module")
def enrolled_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``home/``: a HOME with enrollments in advanced-ai (active) and ai-study-plan, and one
    user curriculum file, and ``cache/``: the cache its processes filled. Made once per
    module by real processes; tests use copies (``home``).
    """
    made = tmp_path_factory.mktemp("completion")
    cache = {"ROADMAP_CACHE_DIR": str(made / "cache")}
    roadmap(made / "home", "start", "ai-study-plan", "--on", "2026-01-05", **cache)
    roadmap(made / "home", "start", "advanced-ai", "--on", "2026-01-05", **cache)
    roadmap(made / "home", "check", "m1/minimal-vit", "--on", "2026-01-09", **cache)
    user_curricula = made / "home" / "data" / "curricula"
    user_curricula.mkdir()
    (user_curricula / "my-plan.yaml").write_text("not read by completion\n", encoding="utf-8")
    return made


@pytest.fixture
def home(enrolled_home: Path, tmp_path: Path) -> Path:
    """This test's own copy of ``enrolled_home``'s HOME (a test may damage or add to it), its
    cache copied to this test's cache directory.
    """
    copy = tmp_path / "home"
    shutil.copytree(enrolled_home / "home", copy, symlinks=True)
    cache = os.environ["ROADMAP_CACHE_DIR"]  # this test's (conftest.isolated)
    shutil.copytree(enrolled_home / "cache", cache, symlinks=True, dirs_exist_ok=True)
    return copy


def complete(home: Path, shell: str, line: str) -> list[str]:
    """What `roadmap` answers when ``shell``'s installed script asks for ``line``'s completions
    (the word being completed is the last one; a line ending in a space completes a new word).
    Returns the offered words without their descriptions.
    """
    words = line.split()
    if shell == "bash":
        index = len(words) if line.endswith(" ") else len(words) - 1
        env = {"COMP_WORDS": line, "COMP_CWORD": str(index)}
        return roadmap(home, **env, _ROADMAP_COMPLETE="complete_bash").stdout.split()
    if shell == "zsh":
        out = roadmap(home, _ROADMAP_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=line).stdout
        # _arguments '*: :(("word":"description" ...))': the offered words are quoted first
        return [part.split('"')[1] for part in out.split("\n") if part.count('"') >= 2]
    env = {"_TYPER_COMPLETE_FISH_ACTION": "get-args", "_TYPER_COMPLETE_ARGS": line}
    out = roadmap(home, **env, _ROADMAP_COMPLETE="complete_fish").stdout
    return [entry.split("\t")[0] for entry in out.splitlines() if entry]


SHELLS = ["bash", "zsh", "fish"]


@pytest.mark.parametrize(
    ("shell", "script", "loaded_by"),
    [
        ("bash", ".bash_completions/roadmap.sh", ".bashrc"),
        ("zsh", ".zfunc/_roadmap", ".zshrc"),
        ("fish", ".config/fish/completions/roadmap.fish", None),
    ],
)
def test_install_completion_writes_a_script_the_shell_loads(
    tmp_path: Path, shell: str, script: str, loaded_by: str | None
) -> None:
    # Typer names the shell on the command line only with detection off (else it asks the
    # parent process, which in a test is not the shell under test).
    done = roadmap(
        tmp_path, "--install-completion", shell, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"
    )
    assert "completion installed in" in done.stdout
    text = (tmp_path / script).read_text(encoding="utf-8")
    assert f"_ROADMAP_COMPLETE=complete_{shell}" in text
    if loaded_by == ".bashrc":
        assert str(tmp_path / script) in (tmp_path / loaded_by).read_text(encoding="utf-8")
    elif loaded_by == ".zshrc":
        assert "fpath+=~/.zfunc" in (tmp_path / loaded_by).read_text(encoding="utf-8")
    # fish loads ~/.config/fish/completions/<command>.fish by itself, by its name


def test_the_installed_bash_script_completes_in_bash(home: Path) -> None:
    roadmap(home, "--install-completion", "bash", _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    bash = shutil.which("bash")
    assert bash, "bash runs .ci/run, so it is on every machine the tests run on"
    program = (
        "source ~/.bash_completions/roadmap.sh; "
        "COMP_WORDS=(roadmap start adv); COMP_CWORD=2; _roadmap_completion roadmap; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    environment = {**os.environ, "HOME": str(home), "ROADMAP_HOME": str(home / "data")}
    environment["PATH"] = f"{Path(ROADMAP).parent}{os.pathsep}{environment['PATH']}"
    done = subprocess.run(
        [bash, "-c", program], env=environment, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["advanced-ai", "advanced-roadmap"]


@pytest.mark.parametrize("shell", SHELLS)
def test_commands_and_options_complete(home: Path, shell: str) -> None:
    assert complete(home, shell, "roadmap ex") == ["exclude", "export"]
    assert set(complete(home, shell, "roadmap status --")) >= {"--week", "--plan", "--json"}


@pytest.mark.parametrize("shell", SHELLS)
def test_slugs_complete_from_the_bundled_and_user_curricula(home: Path, shell: str) -> None:
    assert complete(home, shell, "roadmap start ") == [
        "advanced-ai",
        "advanced-roadmap",
        "ai-study-plan",
        "complete-ai-engineer",
        "my-plan",
        "professional-ai-engineer",
    ]
    assert complete(home, shell, "roadmap show adv")[:2] == ["advanced-ai", "advanced-roadmap"]


@pytest.mark.parametrize("shell", SHELLS)
def test_switch_stop_and_plan_complete_to_your_enrollments(home: Path, shell: str) -> None:
    assert complete(home, shell, "roadmap switch ") == ["ai-study-plan", "advanced-ai"]
    assert complete(home, shell, "roadmap stop ad") == ["advanced-ai"]
    assert complete(home, shell, "roadmap next --plan a") == ["ai-study-plan", "advanced-ai"]


@pytest.mark.parametrize("shell", SHELLS)
def test_task_ids_complete_to_open_items_of_the_plan(home: Path, shell: str) -> None:
    # m1/minimal-vit is done: it is not offered again
    offered = complete(home, shell, "roadmap check m1/")
    assert offered[:2] == ["m1/attention-from-scratch", "m1/fine-tune-vit"]
    assert "m1/minimal-vit" not in offered
    # --plan on the line switches to that enrollment's items
    assert complete(home, shell, "roadmap check --plan advanced-ai m1/") == offered
    ai_study = complete(home, shell, "roadmap check --plan ai-study-plan ")
    assert ai_study and not set(ai_study) & set(offered)


def test_completion_prints_nothing_when_the_progress_file_is_damaged(home: Path) -> None:
    (home / "data" / "progress.yaml").write_text("{ not yaml", encoding="utf-8")
    assert complete(home, "bash", "roadmap check m1/") == []
    assert complete(home, "bash", "roadmap switch ") == []
