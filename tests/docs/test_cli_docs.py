"""docs/cli.md is what tools/gen_cli_docs.py writes from the click definitions (it cannot drift)."""

from __future__ import annotations

import click

from journeymap.cli.app import cli
from tests.conftest import REPO
from tests.tool_scripts import load_tool

tool = load_tool("gen_cli_docs")
DOC = REPO / "docs" / "cli.md"


def test_cli_reference_is_fresh() -> None:
    assert DOC.read_text(encoding="utf-8") == tool.generate(), (
        "docs/cli.md is stale: run `python tools/gen_cli_docs.py`"
    )


def _walk(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        with click.Context(command) as ctx:
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                found.extend(_walk(sub, f"{path} {name}"))
    return found


def test_reference_names_every_command_and_option() -> None:
    text = tool.generate()
    for path, command in _walk(cli, "journeymap"):
        assert f"`{path}`" in text
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    assert f"{opt}" in text, f"{path}: {opt} missing from docs/cli.md"


def test_help_blocks_become_code() -> None:
    blocks = tool._blocks("First line\nwraps.\n\n\b\nExamples:\n  a b\n  c d")
    assert blocks == ["First line wraps.", "Examples:\n\n```sh\na b\nc d\n```"]
