"""The `journeymap` command line: click commands that call the library.

Exit codes (one place, documented in --help): 0 success, 1 problems in the
input (or, with --check, stale output), 2 usage errors. Each command imports
only the parts of the pipeline it needs, so that `check` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

from journeymap._version import __version__
from journeymap.commands.shared import (
    ANNOTATE,
    LANES,
    PERSONAS,
    ROOT,
    STAGES,
    THEME,
    VIEW,
    check_lanes,
    check_narrowing,
    names,
)

if TYPE_CHECKING:
    from journeymap.api import Compiled
    from journeymap.diagnostics import Diagnostic
    from journeymap.model import Journey
    from journeymap.themes import Theme

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

# Kept here rather than imported from journeymap.api so that --help is fast.
FORMATS = ("svg", "png", "json", "dot", "pdf", "mermaid", "markdown")
ENGINES = ("native", "graphviz")

_MAIN_HELP = """Customer journey maps, service blueprints and touchpoint matrices as code.

\b
Examples:
  journeymap check docs/*.journey
  journeymap render onboarding.journey                 (writes onboarding.svg)
  journeymap render onboarding.journey --theme dark --format png --scale 2
  cat map.journey | journeymap render - --format json -o -

\b
Exit codes: 0 success, 1 problems in the input, 2 usage errors.
"""


# Commands that live in their own modules, as "module:attribute". They are
# imported when named (or when --help lists them), so `render` and `check`
# do not pay for the others' imports (difflib, the server, the importers).
_LAZY_COMMANDS = {
    "diff": "journeymap.commands.review:diff_command",
    "fmt": "journeymap.commands.review:fmt_command",
    "import": "journeymap.commands.interop:import_command",
    "new": "journeymap.commands.interop:new_command",
    "report": "journeymap.commands.analysis:report_command",
    "serve": "journeymap.commands.serve:serve_command",
    "themes": "journeymap.commands.interop:themes_command",
}


class _LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is asked for.

    The pattern of click's documentation ("Lazily Loading Subcommands").
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY_COMMANDS and cmd_name not in self.commands:
            self.add_command(_load_command(_LAZY_COMMANDS[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)


def _load_command(where: str) -> click.Command:
    from importlib import import_module

    module, attribute = where.split(":")
    command = getattr(import_module(module), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{where} is not a click command")
    return command


@click.group(
    cls=_LazyGroup, help=_MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="journeymap")
def cli() -> None:
    pass


def _compile(name: str, root: str | None) -> Compiled:
    from journeymap.api import compile_bytes, compile_file

    if name == "-":
        return compile_bytes(sys.stdin.buffer.read(), name="<stdin>", root=root)
    return compile_file(name, root=root)


def _report(diagnostics: list[Diagnostic], failed: bool, strict: bool, as_json: bool) -> int:
    """Print every diagnostic; the exit code for them."""
    from journeymap.diagnostics import format_report, to_json_text

    if as_json:
        click.echo(to_json_text(diagnostics))
    elif diagnostics:
        click.echo(format_report(diagnostics), err=True)
    failed = failed or any(d.is_error for d in diagnostics) or (strict and bool(diagnostics))
    return EXIT_INPUT if failed else EXIT_OK


_DIAGNOSTICS = click.option(
    "--diagnostics",
    "diagnostics_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print problems: for people, or JSON for editors and CI.",
)


@cli.command(
    epilog="""\b
Examples:
  journeymap check map.journey
  journeymap check --strict docs/**/*.journey
  journeymap check --ignore W202,W207 map.journey
  journeymap check --diagnostics json map.journey"""
)
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Silence warning CODE for this run (repeatable or comma-separated).",
)
@ROOT
@_DIAGNOSTICS
def check(
    files: tuple[str, ...],
    strict: bool,
    ignore: tuple[str, ...],
    root: str | None,
    diagnostics_format: str,
) -> None:
    """Check FILES (`.journey` or `.json`; `-` for standard input): errors and map-quality
    warnings (docs/lint.md), every problem in one run."""
    from journeymap.analysis import check_bytes, check_file

    codes = frozenset(c.strip().upper() for v in ignore for c in v.split(",") if c.strip())
    results = [
        check_bytes(sys.stdin.buffer.read(), name="<stdin>", root=root, ignore=codes)
        if name == "-"
        else check_file(name, root=root, ignore=codes)
        for name in files
    ]
    diagnostics = [d for r in results for d in r.diagnostics]
    sys.exit(_report(diagnostics, False, strict, diagnostics_format == "json"))


def _theme_for(
    journey: Journey, option: str | None, source: str, diagnostics: list[Diagnostic]
) -> tuple[bool, Theme | None]:
    """The theme to draw with: --theme, else the file's `theme:`, else the default (None).

    The flag is False (after adding diagnostics) when the theme cannot be loaded.
    """
    from journeymap.diagnostics import Collector
    from journeymap.themes import read_theme

    ref = option or journey.theme
    if ref is None:
        return True, None
    base = Path.cwd() if option or source == "-" else Path(source).resolve().parent
    collector = Collector()
    theme = read_theme(ref, collector, base)
    diagnostics.extend(collector.sorted())
    return theme is not None, theme


@cli.command(
    epilog="""\b
Examples:
  journeymap render map.journey                          (writes map.svg beside it)
  journeymap render map.journey --theme dark -o map-dark.svg
  journeymap render map.journey --format png --scale 2   (writes map.png)
  journeymap render map.journey --view blueprint -o blueprint.svg
  journeymap render map.journey --view blueprint --lanes customer,frontstage,backstage
  journeymap render map.journey --personas tomas --stages book,visit
  journeymap render map.journey --format json -o -       (the model, to standard output)
  journeymap render map.journey --format mermaid         (writes map.mmd)
  journeymap render map.journey --view blueprint --format dot
  journeymap render map.journey --engine graphviz --format pdf
  journeymap render --check docs/*.journey               (CI: exit 1 if an SVG is stale)
  journeymap render map.journey --view matrix --format markdown   (the planners' table)
  journeymap render docs/ --out-dir site/maps            (every file below docs/, in parallel)
  journeymap render map.journey --watch                  (again on every save)
  journeymap render - --format svg -o out.svg < map.journey"""
)
@click.argument("files", nargs=-1, required=True)
@VIEW
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="svg",
    show_default=True,
    help="Output format.",
)
@THEME
@click.option(
    "--scale",
    type=click.FloatRange(0, 16, min_open=True),
    default=1.0,
    show_default=True,
    help="PNG only: pixels per SVG px.",
)
@PERSONAS
@STAGES
@LANES
@ANNOTATE
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing: list outputs that are missing or differ from what render would "
    "write, one per line; exit 1 if any (for CI).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="native",
    show_default=True,
    help="svg/png/pdf: journeymap's own layout, or Graphviz's dot program on the DOT output.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="Output file, or `-` for standard output (default: beside the input).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="With a directory as FILE: where to mirror its renders (unchanged files are skipped).",
)
@click.option(
    "--jobs", type=click.IntRange(1), default=None, help="Directory mode: worker processes."
)
@click.option("--watch", is_flag=True, help="Render again whenever FILE or its includes change.")
@ROOT
@_DIAGNOSTICS
def render(
    files: tuple[str, ...],
    view: str,
    fmt: str,
    theme: str | None,
    scale: float,
    personas: str | None,
    stages: str | None,
    lanes: str | None,
    engine: str,
    annotate: bool,
    check_only: bool,
    output: str | None,
    out_dir: str | None,
    jobs: int | None,
    watch: bool,
    root: str | None,
    diagnostics_format: str,
) -> None:
    """Render FILES (`.journey` or `.json`; `-` for standard input; a directory with
    --out-dir renders every `.journey` below it)."""
    from journeymap.render_one import RenderOptions

    ask = _Drawing(
        view, fmt, theme, scale, names(personas), names(stages), names(lanes), engine, annotate
    )
    try:
        RenderOptions(
            view, fmt, theme, ask.personas, ask.stages, ask.lanes, scale, engine
        ).validate()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    check_lanes(ask.lanes)
    as_json = diagnostics_format == "json"
    directories = [name for name in files if name != "-" and Path(name).is_dir()]
    if directories:
        if len(files) > 1 or output is not None or out_dir is None or check_only or watch:
            raise click.UsageError(
                "a directory is rendered alone, with --out-dir (not -o, --check or --watch)"
            )
        sys.exit(_render_directory(directories[0], out_dir, ask, jobs, root, as_json))
    if output is not None and len(files) > 1:
        raise click.UsageError("-o/--output takes one input file; give one FILE per run")
    if "-" in files and output is None:
        raise click.UsageError("reading standard input needs -o (a file, or - for stdout)")
    if check_only and output == "-":
        raise click.UsageError("--check compares files on disk; give -o FILE, not -o -")
    if watch:
        if len(files) != 1 or files[0] == "-":
            raise click.UsageError("--watch follows one FILE (not standard input)")
        sys.exit(_watch(files[0], lambda: _render_files(files, ask, output, False, root, as_json)))
    sys.exit(_render_files(files, ask, output, check_only, root, as_json))


def _render_files(
    files: tuple[str, ...],
    ask: _Drawing,
    output: str | None,
    check_only: bool,
    root: str | None,
    as_json: bool,
) -> int:
    """Render (or with `check_only`, compare) each file; print problems; the exit code."""
    from journeymap.render_one import SUFFIXES

    diagnostics: list[Diagnostic] = []
    failed = False
    stale: list[str] = []
    for name in files:
        result = _compile(name, root)
        diagnostics.extend(result.diagnostics)
        if result.journey is None or result.has_errors:
            failed = True
            continue
        target = output or str(Path(name).with_suffix(SUFFIXES.get(ask.fmt, f".{ask.fmt}")))
        if target != "-" and Path(target).resolve() == Path(name).resolve():
            raise click.UsageError(f"writing {target} would overwrite the input; give -o")
        data = _draw(result, ask, diagnostics)
        if data is None:
            failed = True
        elif check_only:
            from journeymap.staleness import output_status

            if output_status(target, data) is not None:
                stale.append(target)
        elif not _write(target, data):
            failed = True
    for target in stale:
        click.echo(target, err=as_json)  # keep stdout pure JSON
    return _report(diagnostics, failed or bool(stale), False, as_json)


def _render_directory(
    source: str, out_dir: str, ask: _Drawing, jobs: int | None, root: str | None, as_json: bool
) -> int:
    """Every `.journey` below `source`, mirrored under `out_dir`; unchanged files skipped."""
    from journeymap.batch import render_tree
    from journeymap.progress import progress_bar

    bar = progress_bar()
    try:
        result = render_tree(
            source,
            out_dir,
            view=ask.view,
            fmt=ask.fmt,
            theme=ask.theme,
            jobs=jobs,
            progress=bar,
            personas=ask.personas,
            stages=ask.stages,
            lanes=ask.lanes,
            scale=ask.scale,
            engine=ask.engine,
            root=root,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
    click.echo(
        f"{result.rendered} rendered, {result.skipped} up to date, {result.failed} failed",
        err=True,
    )
    return _report(list(result.diagnostics), result.failed > 0, False, as_json)


def _watch(name: str, render_once: Callable[[], int]) -> int:
    from journeymap.watch import WatchUnavailable, watch_and_render

    def changed(paths: set[Path]) -> None:
        click.echo("changed: " + ", ".join(sorted(map(str, paths))), err=True)

    try:
        return watch_and_render(name, render_once, on_change=changed)
    except WatchUnavailable as exc:
        raise click.UsageError(str(exc)) from None


class _Drawing(NamedTuple):
    """What `render` was asked to draw, the same for every input file."""

    view: str
    fmt: str
    theme: str | None
    scale: float
    personas: tuple[str, ...] | None
    stages: tuple[str, ...] | None
    lanes: tuple[str, ...] | None
    engine: str
    annotate: bool


def _draw(result: Compiled, ask: _Drawing, diagnostics: list[Diagnostic]) -> bytes | None:
    """The rendered bytes for one compiled file, or None after reporting why not."""
    from journeymap.api import render as render_journey

    journey = result.journey
    assert journey is not None
    check_narrowing(journey, ask.personas, ask.stages)
    theme = None
    if ask.fmt not in ("json", "mermaid", "markdown"):
        ok, theme = _theme_for(journey, ask.theme, result.name, diagnostics)
        if not ok:
            return None
    from journeymap.draw_errors import GraphvizError, RasterError

    try:
        drawn = render_journey(
            journey,
            view=ask.view,
            format=ask.fmt,
            theme=theme,
            personas=ask.personas,
            stages=ask.stages,
            lanes=ask.lanes,
            scale=ask.scale,
            engine=ask.engine,
            annotate=ask.annotate,
            main_file=result.name,
        )
    except RasterError as exc:
        click.echo(f"{result.name}: error[E702]: {exc}", err=True)
        return None
    except GraphvizError as exc:
        click.echo(f"{result.name}: error[E704]: {exc}", err=True)
        return None
    return drawn.encode("utf-8") if isinstance(drawn, str) else drawn


def _write(target: str, data: bytes) -> bool:
    from journeymap.output import write_atomic

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    try:
        write_atomic(Path(target), data)
    except OSError as exc:
        click.echo(
            f"{target}: error[E701]: cannot write the output: {exc.strerror or exc}", err=True
        )
        return False
    return True


def main() -> None:
    """Console-script entry point.

    A bug of ours must not show the user a Python traceback either: it becomes
    one line asking for a report (JOURNEYMAP_DEBUG=1 shows the traceback).
    """
    import gc
    import os

    # Compiling and drawing make many small objects and little cyclic garbage:
    # with the default thresholds the collector re-scans the growing heap again
    # and again, up to a quarter of a 5,000-step render. Like mypy, collect
    # less often in this short-lived process.
    gc.set_threshold(100_000, 50, 100)
    try:
        cli(prog_name="journeymap")
    except Exception as exc:  # an internal error: input problems are diagnostics
        if os.environ.get("JOURNEYMAP_DEBUG"):
            raise
        click.echo(
            f"journeymap: internal error ({type(exc).__name__}: {exc}); please report it, "
            "with the input, and rerun with JOURNEYMAP_DEBUG=1 for the details",
            err=True,
        )
        sys.exit(EXIT_INPUT)
    finally:
        # Shutting down, Python collects garbage once more over everything
        # still alive (modules, their caches): about 30 ms after a 1,000-step
        # render. Nothing left needs collecting, so the survivors are frozen
        # out of that pass; the exit is otherwise as usual (atexit, flushes).
        gc.freeze()


if __name__ == "__main__":
    main()
