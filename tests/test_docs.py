"""Every command and option of the CLI is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from banmian.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_and_its_options_are_documented(name: str, command: click.Command) -> None:
    assert f"banmian {name}" in README, f"`banmian {name}` is not in the README"
    for param in command.params:
        if isinstance(param, click.Option):
            for flag in param.opts:
                if flag.startswith("--"):
                    assert flag in README, f"`banmian {name} {flag}` is not in the README"


def test_readme_quick_start_has_the_two_commands() -> None:
    assert "banmian parse examples/" in README
    assert "bash scripts/test.sh" in README
