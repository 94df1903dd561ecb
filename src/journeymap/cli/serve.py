"""The `serve` command: a live-reloading preview of one file in the browser, on localhost.

A thin click wrapper over `journeymap.cli.server`, which it imports only when run,
so other commands do not pay for the HTTP server. Exit codes: 0 after Ctrl-C,
2 usage errors (a bad option, or a port that is taken).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from journeymap.cli.run import names
from journeymap.cli.shared import (
    ANNOTATE,
    LANES,
    PERSONAS,
    ROOT,
    STAGES,
    THEME,
    VIEW,
    check_lanes,
    check_narrowing,
)

EXIT_OK = 0


@click.command(
    "serve",
    epilog="""\b
Examples:
  journeymap serve map.journey                     (then open http://127.0.0.1:8000/)
  journeymap serve map.journey --view blueprint --theme dark
  journeymap serve map.journey --port 0            (any free port; the URL is printed)""",
)
@click.argument("file", type=click.Path(dir_okay=False))
@VIEW
@THEME
@PERSONAS
@STAGES
@LANES
@ANNOTATE
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any other than 127.0.0.1 shows the picture to your network.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests addressed to this host name (repeatable); loopback names and "
    "the --host address are always allowed.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@ROOT
def serve_command(
    file: str,
    view: str,
    theme: str | None,
    personas: str | None,
    stages: str | None,
    lanes: str | None,
    annotate: bool,
    host: str,
    allow_hosts: tuple[str, ...],
    port: int,
    root: str | None,
) -> None:
    """Serve a preview of FILE on localhost that redraws whenever FILE or its includes
    change, with the diagnostics of a broken save beside the last good picture."""
    # the command's machinery: loaded when it runs, not when --help lists the commands
    from journeymap.cli.server import PreviewServer, is_loopback
    from journeymap.compiler.load import compile_file
    from journeymap.emit.render_file import RenderOptions

    options = RenderOptions(view, "svg", theme, names(personas), names(stages), names(lanes))
    check_lanes(options.lanes)
    # A misspelt persona or stage would draw an empty picture: say so now, if the file compiles.
    journey = compile_file(file, root=root).journey
    if journey is not None:
        check_narrowing(journey, options.personas, options.stages)
    try:
        server = PreviewServer(
            Path(file),
            options,
            host=host,
            port=port,
            root=root,
            annotate=annotate,
            allow_hosts=allow_hosts,
        )
    except OSError as exc:
        raise click.UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
            "choose another --port (0 picks a free one)"
        ) from None
    if not is_loopback(host):
        click.echo(
            f"warning: --host {host} lets other machines see this picture and its "
            "diagnostics, with no password; requests must name this address or an "
            "--allow-host name",
            err=True,
        )
    click.echo(f"Serving {view} of {file} at {server.url} (Ctrl-C to stop)", err=True)
    server.start()
    try:
        while True:
            time.sleep(3600)  # the work happens in the server's threads
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    sys.exit(EXIT_OK)
