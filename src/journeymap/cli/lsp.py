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
@click.option(
    "--probe",
    is_flag=True,
    help="Exit 0 if the server can run here (the lsp extra is installed), else 1 saying how "
    "to install it; start nothing. Editors' setups use it.",
)
def lsp_command(stdio: bool, probe: bool) -> None:
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
    if probe:
        click.echo("journeymap lsp: ready")
        return
    sys.exit(serve())
