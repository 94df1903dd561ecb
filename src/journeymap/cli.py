"""The `journeymap` command line: click commands that call the library.

Exit codes (one place, documented in --help): 0 success, 1 problems in the
input (or, with --check, stale output), 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from journeymap._version import __version__

if TYPE_CHECKING:
    from journeymap.api import Compiled

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

FORMATS = ("json",)
"""Output formats `render` can write (grows as views land)."""

_MAIN_HELP = """Customer journey maps, service blueprints and touchpoint matrices as code.

\b
Examples:
  journeymap check docs/*.journey
  journeymap render onboarding.journey --format json -o onboarding.json
  cat map.journey | journeymap render - --format json -o -

\b
Exit codes: 0 success, 1 problems in the input, 2 usage errors.
"""


@click.group(help=_MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journeymap")
def cli() -> None:
    pass


def _compile(name: str, root: str | None) -> Compiled:
    from journeymap.api import compile_bytes, compile_file

    if name == "-":
        return compile_bytes(sys.stdin.buffer.read(), name="<stdin>", root=root)
    return compile_file(name, root=root)


def _report(results: list[Compiled], strict: bool, as_json: bool) -> int:
    from journeymap.diagnostics import format_all, to_json_text

    diagnostics = [d for r in results for d in r.diagnostics]
    if as_json:
        click.echo(to_json_text(diagnostics))
    elif diagnostics:
        click.echo(format_all(diagnostics), err=True)
        errors = sum(1 for d in diagnostics if d.is_error)
        warnings = len(diagnostics) - errors
        click.echo(f"\n{_plural(errors, 'error')}, {_plural(warnings, 'warning')}", err=True)
    failed = any(r.has_errors for r in results) or (strict and bool(diagnostics))
    return EXIT_INPUT if failed else EXIT_OK


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


_ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory that includes may not leave (default: the file's own).",
)
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
  journeymap check --diagnostics json map.journey"""
)
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_ROOT
@_DIAGNOSTICS
def check(files: tuple[str, ...], strict: bool, root: str | None, diagnostics_format: str) -> None:
    """Check FILES (`.journey` or `.json`; `-` for standard input) and report every problem."""
    results = [_compile(name, root) for name in files]
    sys.exit(_report(results, strict, diagnostics_format == "json"))


@cli.command(
    epilog="""\b
Examples:
  journeymap render map.journey --format json            (writes map.json)
  journeymap render map.journey --format json -o -       (to standard output)
  journeymap render - --format json -o out.json < map.journey"""
)
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="Output file, or `-` for standard output (default: beside the input).",
)
@_ROOT
@_DIAGNOSTICS
def render(
    files: tuple[str, ...], fmt: str, output: str | None, root: str | None, diagnostics_format: str
) -> None:
    """Render FILES (`.journey` or `.json`; `-` for standard input)."""
    if output is not None and len(files) > 1:
        raise click.UsageError("-o/--output takes one input file; give one FILE per run")
    if "-" in files and output is None:
        raise click.UsageError("reading standard input needs -o (a file, or - for stdout)")
    from journeymap.api import to_json
    from journeymap.output import write_atomic

    results = []
    status = EXIT_OK
    for name in files:
        result = _compile(name, root)
        results.append(result)
        if result.journey is None or result.has_errors:
            status = EXIT_INPUT
            continue
        data = to_json(result.journey, result.name).encode("utf-8")
        target = output or str(Path(name).with_suffix(f".{fmt}"))
        if target == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        if Path(target).resolve() == Path(name).resolve():
            raise click.UsageError(f"writing {target} would overwrite the input; give -o")
        try:
            write_atomic(Path(target), data)
        except OSError as exc:
            click.echo(
                f"{target}: error[E701]: cannot write the output: {exc.strerror or exc}", err=True
            )
            status = EXIT_INPUT
    reported = _report(results, False, diagnostics_format == "json")
    sys.exit(max(status, reported))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="journeymap")


if __name__ == "__main__":
    main()
