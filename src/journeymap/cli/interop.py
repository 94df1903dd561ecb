"""The `import`, `new` and `themes` commands: bring diagrams in, start files, list themes.

Thin click wrappers over `journeymap.interop`, `journeymap.cli.starters` and
`journeymap.layout.theme_info`. Exit codes as everywhere: 0 success, 1 problems in
the input (or a file that would be overwritten), 2 usage errors. Nothing is
written unless the whole input was read without errors, and then atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeymap.cli.run import write_output
from journeymap.cli.starters import RENDER_OPTIONS, TEMPLATES
from journeymap.model.diagnostics import format_all

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
"""Input files read as Markdown (their ```mermaid blocks); any other file is Mermaid text."""


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def _exists_error(target: str, hint: str) -> None:
    _echo_err(f"{target}: error[E703]: `{target}` already exists; it is left as it was")
    _echo_err(f"  = hint: {hint}")


# -- import ----------------------------------------------------------------------------


@click.group(
    "import",
    epilog="""\b
Examples:
  journeymap import mermaid day.mmd                 (writes day.journey beside it)
  journeymap import mermaid README.md -o onboarding.journey
  journeymap import mermaid docs/flows.md --block 2 -o checkout.journey
  cat day.mmd | journeymap import mermaid - > day.journey""",
)
def import_command() -> None:
    """Turn a diagram written for another tool into a `.journey` file."""


@import_command.command(
    "mermaid",
    epilog="""\b
Mapping: title -> journey, accDescr -> description, section -> stage,
task -> step, actors -> personas, score 1..5 -> emotion -2..+2 (other
scores: their range, or --score-range, onto -2..+2, with a warning).
See docs/mermaid.md for the details.""",
)
@click.argument("file")
@click.option(
    "-o",
    "--output",
    default=None,
    help="Output file, or `-` for standard output (default: FILE with the suffix "
    ".journey, never overwritten; standard output for `-` input).",
)
@click.option(
    "--block",
    type=click.IntRange(min=1),
    default=None,
    help="Markdown input with several journey blocks: import the N-th (from 1).",
)
@click.option(
    "--score-range",
    metavar="LO-HI",
    default=None,
    help="Map scores LO..HI onto emotions -2..+2 (e.g. 0-10). Default: 1-5 when every "
    "score is a whole number from 1 to 5 (emotion = score - 3), else the scores' own range "
    "widened to hold 1-5.",
)
def mermaid_command(
    file: str, output: str | None, block: int | None, score_range: str | None
) -> None:
    """Import the Mermaid `journey` diagram in FILE (`.mmd`, or a Markdown file's
    ```mermaid block; `-` for standard input) as a formatted `.journey` file.
    """
    # the importer, its parser and the compiler: only `import mermaid` runs them
    from journeymap.integrations.mermaid_in import import_mermaid, parse_score_range

    scores = None
    if score_range is not None:
        try:
            scores = parse_score_range(score_range)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--score-range'") from None

    if file == "-":
        data, shown, markdown = sys.stdin.buffer.read(), "<stdin>", None
    else:
        shown, markdown = file, Path(file).suffix.lower() in MARKDOWN_SUFFIXES
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            _echo_err(f"{file}: error[E007]: cannot read `{file}`: {exc.strerror or exc}")
            sys.exit(EXIT_INPUT)
    if block is not None and markdown is False:
        raise click.UsageError("--block picks a block of a Markdown file; FILE is not one")
    result = import_mermaid(data, shown, markdown=markdown, block=block, score_range=scores)
    if result.diagnostics:
        _echo_err(format_all(result.diagnostics))
    if result.text is None:
        _echo_err(f"{shown}: nothing written: fix the problems above first")
        sys.exit(EXIT_INPUT)
    target = output or ("-" if file == "-" else str(Path(file).with_suffix(".journey")))
    if target != "-" and file != "-" and Path(target).resolve() == Path(file).resolve():
        raise click.UsageError(f"writing {target} would overwrite the input; give -o")
    if output is None and target != "-" and Path(target).exists():
        _exists_error(target, "name the output with -o (which may replace a file)")
        sys.exit(EXIT_INPUT)
    if not write_output(target, result.text.encode("utf-8")):
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_OK)


# -- new -------------------------------------------------------------------------------


@click.command(
    "new",
    epilog="""\b
Examples:
  journeymap new                                    (writes map.journey)
  journeymap new docs/onboarding.journey
  journeymap new --template blueprint support.journey
  journeymap new - > starter.journey""",
)
@click.argument("path", required=False)
@click.option(
    "--template",
    type=click.Choice(["map", "blueprint"]),
    default="map",
    show_default=True,
    help="A journey map, or a service blueprint with lanes and flows.",
)
def new_command(path: str | None, template: str) -> None:
    """Write a commented starter file to PATH (default: TEMPLATE.journey; `-` for standard
    output). An existing file is never replaced.
    """
    target = path or f"{template}.journey"
    shown = "FILE.journey" if target == "-" else Path(target).name
    text = TEMPLATES[template].replace("THIS_FILE", shown)
    if target != "-" and (Path(target).exists() or Path(target).is_symlink()):
        _exists_error(target, "give another PATH, or remove the file first")
        sys.exit(EXIT_INPUT)
    if not write_output(target, text.encode("utf-8")):
        sys.exit(EXIT_INPUT)
    if target != "-":
        _echo_err(
            f"wrote {target}; draw it with: journeymap render {target}{RENDER_OPTIONS[template]}"
        )
    sys.exit(EXIT_OK)


# -- themes ----------------------------------------------------------------------------


@click.command("themes")
def themes_command() -> None:
    """List the shipped themes (for `render --theme NAME`), one line each."""
    from journeymap.layout.theme_info import shipped_themes  # only `themes` reads them

    themes = shipped_themes()
    width = max((len(name) for name, _ in themes), default=0)
    for name, description in themes:
        click.echo(f"{name:<{width}}  {description}".rstrip())
