"""Run by .ci/run, not by the README's ``pytest`` (it needs the newest typer from PyPI): in a
venv where ``pip install --upgrade typer`` went past the pin, fails once a typer release
parses options without pydantic, the reason for the pin ``<0.29`` (decision 61). Then lift
the pin in pyproject.toml and measure again with bench/run.py."""

from __future__ import annotations

from .test_install import installed_typer, typer_imports_pydantic, typer_pin


def test_the_newest_typer_still_needs_the_pin() -> None:
    _, ceiling = typer_pin()
    newest = ".".join(map(str, installed_typer()))
    assert installed_typer() >= ceiling, f"typer {newest} is inside the pin: nothing was checked"
    assert typer_imports_pydantic(), (
        f"typer {newest} parses options without importing pydantic: lift the pin "
        "'<{}' in pyproject.toml (decision 61) and measure again".format(
            ".".join(map(str, ceiling))
        )
    )
