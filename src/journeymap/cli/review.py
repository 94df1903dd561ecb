"""The `fmt` and `diff` commands: keep `.journey` files canonical, and review their changes.

Thin click wrappers over `journeymap.language.format` and `journeymap.analysis.diff`.
`fmt` exits 0 when all went well, 1 when a file has syntax errors or (with
--check) would change, 2 on usage errors. `diff` follows the `diff` program:
0 equal, 1 different, 2 on any error (unreadable or invalid input, usage).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from journeymap.cli.run import usage_errors
from journeymap.cli.shared import JOBS, SHARD
from journeymap.emit import formats
from journeymap.emit.output import Refused, inside_root, rewrite, write_atomic
from journeymap.language.source import MAX_FILE_BYTES
from journeymap.model.diagnostics import format_all

if TYPE_CHECKING:
    from journeymap.language.format import Formatted
    from journeymap.model.journey import Journey

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_EQUAL, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def _write(target: str, data: bytes) -> bool:
    """Write atomically, or report why not (E701)."""
    try:
        write_atomic(Path(target), data)
    except OSError as exc:
        _echo_err(f"{target}: error[E701]: cannot write the output: {exc.strerror or exc}")
        return False
    return True


# -- fmt -------------------------------------------------------------------------------


def _expand(files: tuple[str, ...], shard: str | None) -> tuple[list[str], bool]:
    """Files as given; a directory stands for every `.journey` file below it, found by
    the walker every command shares (links out of it are skipped, each named). Also
    whether any argument was a directory (directory mode: parallel jobs)."""
    from journeymap.cli.run import expand_inputs, shard_option  # directory mode's walker

    with usage_errors(click.UsageError):
        inputs = expand_inputs(files, None, shard_option(shard))
    for line in inputs.skipped:
        _echo_err(line)
    return [name for name, _ in inputs.files], inputs.directories


# What reading and formatting one named file gave: its bytes, the formatter's result,
# and the line to print instead when it could not be read or formatted.
_Read = tuple[bytes, "Formatted | None", str | None]


def _read_and_format(item: tuple[str, str]) -> _Read:
    """Read the file `item` names (refusing a link out of its root) and format it.

    Module-level so that directory mode's worker processes can run it; the
    writing stays in the main process, in the files' order.
    """
    # fmt only; imported in each worker too
    from journeymap.language.format import FormatError, format_bytes

    name, root = item
    try:
        # A link out of the root is neither read nor written (a hostile
        # pull request's link to a key, or to a file of another project).
        inside_root(Path(name), Path(root))
        data = Path(name).read_bytes()
    except Refused as exc:
        return b"", None, f"{name}: error[E701]: skipped: {exc.strerror}"
    except OSError as exc:
        return b"", None, f"{name}: error[E007]: cannot read `{name}`: {exc.strerror or exc}"
    try:
        return data, format_bytes(data, name, file=True), None
    except FormatError as exc:
        return (
            data,
            None,
            f"{name}: error: the formatter would change what the file says, so it is "
            f"left as it was (please report this bug): {exc}",
        )


def _root_of(name: str, files: tuple[str, ...], root: str | None) -> Path:
    """The directory a file's real path must stay in: `--root`, else the directory
    argument it was found under, else the directory it is named in."""
    if root is not None:
        return Path(root)
    for given in files:
        if given != "-" and Path(given).is_dir() and Path(name).is_relative_to(given):
            return Path(given)
    return Path(name).parent


def _rewrite(name: str, data: bytes, root: Path) -> bool:
    """Write the formatted text into the file (`rewrite`), or report why not (E701)."""
    try:
        rewrite(Path(name), data, root)
    except OSError as exc:
        _echo_err(f"{name}: error[E701]: cannot write the file: {exc.strerror or exc}")
        return False
    return True


def _unified(before: bytes, after: str, name: str) -> str:
    import difflib  # only `fmt --diff` needs it

    old = before.decode("utf-8", "replace").replace("\r\n", "\n").splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    # git's a/ and b/ prefixes, so that `git apply` takes the output; not for absolute paths.
    labels = (name, name) if Path(name).is_absolute() else (f"a/{name}", f"b/{name}")
    return "".join(difflib.unified_diff(old, new, *labels))


@click.command(
    "fmt",
    epilog="""\b
Examples:
  journeymap fmt docs/onboarding.journey        (rewrites it in place)
  journeymap fmt --check gallery/ tests/        (CI: exit 1 listing files that would change)
  journeymap fmt --check docs/ --shard 1/4      (CI: the first of four shards)
  journeymap fmt --diff map.journey             (show the changes, write nothing)
  journeymap fmt - < map.journey                (standard input to standard output)""",
)
@click.argument("files", nargs=-1)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 listing files that would change."
)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Directory a symbolic link may lead into (default: the directory named on the "
    "command line, else the file's own); links leading elsewhere are skipped.",
)
@SHARD
@JOBS
def fmt_command(
    files: tuple[str, ...],
    check: bool,
    show_diff: bool,
    root: str | None,
    shard: str | None,
    jobs: int | None,
) -> None:
    """Rewrite FILES (`.journey`, directories, or `-` for standard input) in canonical form.

    Every comment and statement is kept; only layout, quoting and attribute
    order change, and the compiled journey stays the same.

    A file keeps its mode, owner and hard links; a symbolic link stays a link
    and its target is rewritten when it lies inside the root. A read-only file
    is not touched, and a failed write (a full disk) leaves the file as it was:
    both exit 1.
    """
    from journeymap.cli.run import cpu_jobs  # the pool's size, as `check` sizes it
    from journeymap.compiler.tree import map_in_order  # directory mode's worker pool
    from journeymap.language.format import format_bytes  # only `fmt` formats

    if not files:
        raise click.UsageError("give the .journey files to format, or - for standard input")
    names, directories = _expand(files, shard)
    named = [(name, str(_root_of(name, files, root))) for name in names if name != "-"]
    workers = cpu_jobs(jobs) if directories else jobs or 1
    done = map_in_order(_read_and_format, named, workers)
    read = {name: outcome for (name, _), outcome in zip(named, done, strict=True)}
    failed = stale = False
    changed_count = 0
    for name in names:
        if name == "-":
            data, shown = sys.stdin.buffer.read(), "<stdin>"
            result = format_bytes(data, shown)
        else:
            shown = name
            data, formatted, problem = read[name]
            if formatted is None:
                _echo_err(problem or f"{name}: error: not formatted")
                failed = True
                continue
            result = formatted
        if result.text is None:
            _echo_err(format_all(result.diagnostics))
            _echo_err(f"{shown}: not formatted: fix the syntax errors above first")
            failed = True
            continue
        if result.changed and (check or show_diff):
            changed_count += 1
        if show_diff:
            sys.stdout.write(_unified(data, result.text, shown))
        if check:
            if result.changed:
                stale = True
                _echo_err(f"would reformat {shown}")
            continue
        if name == "-":
            if not show_diff:
                sys.stdout.write(result.text)
        elif result.changed and not show_diff:
            # Counted only once written: a failed write is never reported as reformatted.
            if _rewrite(name, result.text.encode("utf-8"), _root_of(name, files, root)):
                changed_count += 1
            else:
                failed = True
    if names != ["-"]:
        verb = "would be reformatted" if check or show_diff else "reformatted"
        _echo_err(f"{changed_count} of {len(names)} file(s) {verb}")
    sys.stdout.flush()
    sys.exit(EXIT_INPUT if failed or stale else EXIT_OK)


# -- diff ------------------------------------------------------------------------------


@click.command(
    "diff",
    epilog="""\b
Examples:
  journeymap diff old.journey new.journey
  journeymap diff HEAD~1:docs/x.journey docs/x.journey --format markdown
  journeymap diff main:map.journey map.journey -o diff.svg
  journeymap diff main:map.journey map.journey -o diff.png
  journeymap diff main:map.journey map.journey -o bp.svg --view blueprint
  journeymap diff --textconv map.journey        (git textconv driver, see docs/review.md)

\b
Exit codes: 0 the maps are equal, 1 they differ, 2 an error.""",
)
@click.argument("args", nargs=-1, required=True, metavar="OLD NEW")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="How to print the changes.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="Also draw the changes on the NEW map: an .svg or .png file (the suffix picks), "
    "or - for SVG on standard output.",
)
@click.option(
    "--view",
    type=click.Choice(["map", "blueprint"]),
    default="map",
    show_default=True,
    help="The view -o draws.",
)
@click.option(
    "--textconv",
    is_flag=True,
    help="Print one file (the only argument) as an ID-keyed listing for git's textconv.",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory that includes may not leave (default: each file's own).",
)
def diff_command(
    args: tuple[str, ...],
    fmt: str,
    output: str | None,
    view: str,
    textconv: bool,
    root: str | None,
) -> None:
    """Compare two journeys (files, `-`, or git `REV:path`) by their IDs.

    Also accepts the seven arguments git gives an external diff driver
    (`diff.<driver>.command`); then it exits 0 on differences, as git expects.
    """
    # the diff's machinery: not for `fmt`, which shares this module
    from journeymap.analysis.diff.compare import diff
    from journeymap.analysis.diff.gitrev import option_like
    from journeymap.analysis.diff.sides import load_side
    from journeymap.analysis.diff.text import RENDERERS

    if textconv:
        _textconv(args, root)
        return
    # (target, format) of the diff picture, checked before anything is read or printed.
    picture = (output, _picture_format(output, view)) if output is not None else None
    git_driver = len(args) == 7
    if git_driver:
        old_arg, new_arg = args[1], args[4]
        old_name, new_name = f"a/{args[0]}", f"b/{args[0]}"
    elif len(args) == 2:
        old_arg, new_arg = args
        old_name, new_name = old_arg, new_arg
    else:
        raise click.UsageError(f"diff takes OLD and NEW, not {len(args)} argument(s)")
    if args.count("-") > 1:
        raise click.UsageError("only one side can be standard input")
    for argument in (old_arg, new_arg):
        if option_like(argument):
            raise click.UsageError(
                f"`{argument}` starts with `-`: a revision cannot (git would read it as an option)"
            )
    stdin = sys.stdin.buffer.read() if "-" in (old_arg, new_arg) else None
    old = load_side(old_arg, root=root, stdin=stdin)
    new = load_side(new_arg, root=root, stdin=stdin)
    problems = [*old.diagnostics, *new.diagnostics]
    if problems:
        _echo_err(format_all(problems))
    if old.journey is None or new.journey is None or old.has_errors or new.has_errors:
        sys.exit(EXIT_ERROR)
    changes = diff(old.journey, new.journey)
    if picture is not None and not _picture(old.journey, new.journey, view, *picture):
        sys.exit(EXIT_ERROR)
    if output != "-":
        sys.stdout.write(RENDERERS[fmt](changes, old_name, new_name))
        sys.stdout.flush()
    if git_driver:
        sys.exit(EXIT_EQUAL)  # git stops at a driver's non-zero exit
    sys.exit(EXIT_DIFFERENT if changes else EXIT_EQUAL)


def _textconv(args: tuple[str, ...], root: str | None) -> None:
    """Print the listing of one file; a file that does not compile is printed as it is."""
    # the diff's machinery: not for `fmt`, which shares this module
    from journeymap.analysis.diff.listing import listing
    from journeymap.analysis.diff.sides import load_side

    if len(args) != 1:
        raise click.UsageError("--textconv takes exactly one file")
    result = load_side(args[0], root=root)
    if result.journey is None or result.has_errors:
        # git shows whatever textconv prints; the raw text is more useful than nothing.
        _echo_err(format_all(result.diagnostics))
        # Only a regular file within the size limit: /dev/zero or a FIFO would never end.
        try:
            info = os.stat(args[0])
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                sys.exit(EXIT_ERROR)
            data = Path(args[0]).read_bytes()
            if any(d.code == "E008" for d in result.diagnostics):
                # Not a journey source: nothing of it may reach the output, yet the
                # reviewer must still see that it changed, so print its size and hash.
                digest = hashlib.sha256(data).hexdigest()
                data = f"(not a journey source: {len(data)} bytes, sha256 {digest})\n".encode()
            sys.stdout.buffer.write(data)
        except OSError:
            sys.exit(EXIT_ERROR)
        sys.stdout.flush()
        return
    sys.stdout.write(listing(result.journey))
    sys.stdout.flush()


def _picture_format(output: str, view: str) -> str:
    """The format of the diff picture, from the suffix of `output`; a usage error if none fits."""
    try:
        fmt = formats.format_for(None, output)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not formats.applies("diff", view, fmt):
        raise click.UsageError(f"-o {output}: the diff picture is drawn as .svg or .png")
    return fmt


def _picture(old: Journey, new: Journey, view: str, output: str, fmt: str) -> bool:
    """Draw the diff picture to `output` (`-`: standard output); False after reporting why not."""
    # the drawing code: only `diff -o` draws, and --help imports this module too
    from journeymap.emit.errors import RasterError
    from journeymap.emit.pipeline import DrawOptions, draw

    try:
        data = draw(new, view, fmt, None, DrawOptions(diff_from=old))
    except RasterError as exc:
        _echo_err(f"{output}: error[E702]: {exc}")
        return False
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    return _write(output, data)
