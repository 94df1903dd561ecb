"""The `journeymap` command line: click commands that call the library.

Exit codes (documented in --help): 0 success, 1 problems in the input (or,
with --check, stale output), 2 usage errors. Each command imports only the
parts of the pipeline it needs, so that `check` starts fast; what `render`
does once its arguments are read is `journeymap.cli.run`, which
the console script also calls without click for the plainest renders.
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from journeymap._version import __version__
from journeymap.cli.run import Drawing, names, run_check, run_render, usage_errors
from journeymap.cli.shared import (
    ANNOTATE,
    DATA,
    JOBS,
    LANES,
    PERSONAS,
    ROOT,
    SHARD,
    STAGES,
    THEME,
    VIEW,
)
from journeymap.emit.formats import ENGINES, FORMATS, known_suffixes

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
    "diff": "journeymap.cli.review:diff_command",
    "fmt": "journeymap.cli.review:fmt_command",
    "import": "journeymap.cli.interop:import_command",
    "lsp": "journeymap.cli.lsp:lsp_command",
    "new": "journeymap.cli.interop:new_command",
    "report": "journeymap.cli.analysis:report_command",
    "serve": "journeymap.cli.serve:serve_command",
    "themes": "journeymap.cli.interop:themes_command",
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
  journeymap check --diagnostics json map.journey
  journeymap check docs/                       (every .journey below docs/, in parallel)
  journeymap check docs/ --shard 2/4           (CI: the second of four shards)"""
)
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Silence warning CODE for this run (repeatable or comma-separated).",
)
@DATA
@click.option(
    "--targets",
    is_flag=True,
    help="Fail (exit 1) when a target is missed, naming each on standard error.",
)
@JOBS
@SHARD
@ROOT
@_DIAGNOSTICS
def check(
    files: tuple[str, ...],
    strict: bool,
    ignore: tuple[str, ...],
    data: tuple[str, ...],
    targets: bool,
    jobs: int | None,
    shard: str | None,
    root: str | None,
    diagnostics_format: str,
) -> None:
    """Check FILES (`.journey` or `.json`; `-` for standard input; a directory stands for
    every `.journey` below it): errors and map-quality warnings (docs/lint.md), every
    problem in one run."""
    as_json = diagnostics_format == "json"
    with usage_errors(click.UsageError):
        code = run_check(
            files,
            strict=strict,
            ignore=ignore,
            root=root,
            as_json=as_json,
            jobs=jobs,
            shard=shard,
            data=data,
            targets=targets,
        )
    sys.exit(code)


@cli.command(
    epilog="""\b
Examples:
  journeymap render map.journey                          (writes map.svg beside it)
  journeymap render map.journey --theme dark -o map-dark.svg
  journeymap render map.journey --format png --scale 2   (writes map.png)
  journeymap render map.journey -o map.png               (the suffix picks the format)
  journeymap render map.journey --view blueprint -o blueprint.svg
  journeymap render map.journey --view blueprint --lanes customer,frontstage,backstage
  journeymap render map.journey --personas tomas --stages book,visit
  journeymap render map.journey --format json -o -       (the model, to standard output)
  journeymap render map.journey --format mermaid         (writes map.mmd)
  journeymap render map.journey --view blueprint --format dot
  journeymap render map.journey -o map.pdf               (pdf is drawn by Graphviz)
  journeymap render --check docs/*.journey               (CI: exit 1 if an SVG is stale)
  journeymap render map.journey --view matrix --format markdown   (the planners' table)
  journeymap render docs/ --out-dir site/maps            (every file below docs/, in parallel)
  journeymap render docs/ --out-dir site/maps --check    (CI: exit 1 listing stale outputs)
  journeymap render docs/ --out-dir site/maps --shard 1/4   (CI: one of four shards)
  journeymap render map.journey --watch                  (again on every save)
  journeymap render - --format svg -o out.svg < map.journey"""
)
@click.argument("files", nargs=-1, required=True)
@VIEW
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Output format (default: the one the suffix of -o names, else svg; "
    f"the suffixes are {known_suffixes()}). pdf needs Graphviz's dot program, until "
    "journeymap draws PDF itself.",
)
@THEME
@click.option(
    "--scale",
    type=click.FloatRange(0, 16, min_open=True),
    default=None,
    help="PNG only: pixels per SVG px (default: 1).",
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
    default=None,
    help="svg/png/pdf: journeymap's own layout, or Graphviz's dot program on the DOT output "
    "(default: native; graphviz for pdf).",
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
@JOBS
@SHARD
@click.option("--watch", is_flag=True, help="Render again whenever FILE or its includes change.")
@DATA
@ROOT
@_DIAGNOSTICS
def render(
    files: tuple[str, ...],
    view: str,
    fmt: str | None,
    theme: str | None,
    scale: float | None,
    personas: str | None,
    stages: str | None,
    lanes: str | None,
    engine: str | None,
    annotate: bool,
    check_only: bool,
    output: str | None,
    out_dir: str | None,
    jobs: int | None,
    shard: str | None,
    watch: bool,
    data: tuple[str, ...],
    root: str | None,
    diagnostics_format: str,
) -> None:
    """Render FILES (`.journey` or `.json`; `-` for standard input; a directory with
    --out-dir renders every `.journey` below it)."""
    ask = Drawing(
        view, fmt, theme, scale, names(personas), names(stages), names(lanes), engine, annotate
    )
    with usage_errors(click.UsageError):
        code = run_render(
            files,
            ask,
            output=output,
            out_dir=out_dir,
            jobs=jobs,
            shard=shard,
            check_only=check_only,
            watch=watch,
            root=root,
            as_json=diagnostics_format == "json",
            data=data,
        )
    sys.exit(code)


__all__ = ["cli"]
