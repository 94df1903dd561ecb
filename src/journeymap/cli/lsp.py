"""The `lsp` command: run the language server on standard input and output."""

from __future__ import annotations

import sys

import click

INSTALL = "pip install 'journeymap[lsp]'"


@click.command(
    "lsp",
    help="""Run the language server (LSP) on standard input and output.

Editors start it themselves: diagnostics as you type, completion, hover, go
to definition, references, the outline, formatting and quick fixes for
`.journey` files (docs/editors.md gives each editor's setup). It needs the
`lsp` extra:

\b
  pip install 'journeymap[lsp]'""",
)
@click.option(
    "--stdio", is_flag=True, help="Accepted for editors that pass it; stdio is the default."
)
def lsp_command(stdio: bool) -> None:
    try:
        from journeymap.lsp.server import serve  # pygls: only this command needs it
    except ImportError as exc:
        if exc.name not in ("pygls", "lsprotocol") and "pygls" not in str(exc):
            raise
        click.echo(
            f"journeymap lsp needs the language server extra, which is not installed: {INSTALL}",
            err=True,
        )
        sys.exit(1)
    sys.exit(serve())
