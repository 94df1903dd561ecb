"""What `journeymap render` and `check` do once their arguments are read, without click.

The click commands (`journeymap.cli.app`) and the console script's express path
(`journeymap.cli.console`) both call `run_render` and `run_check`, so a command
behaves the same whichever read the arguments. A problem with how a command
was called is a `UsageProblem`; the click command turns it into click's usage
error (exit 2).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from journeymap.compiler.load import Compiled
    from journeymap.model.diagnostics import Diagnostic
    from journeymap.model.journey import Journey

EXIT_OK, EXIT_INPUT = 0, 1  # a usage error is click's 2


class UsageProblem(Exception):
    """The command was called wrongly (the message says how); exit code 2."""


# What `render` was asked to draw, the same for every input file. `fmt` None:
# the suffix of -o picks it (else svg); `engine` None: the format's own (native;
# Graphviz for pdf); `scale` None: not given (1). An option given (not None, or
# `annotate` True) must apply to the view and format (`formats.OPTIONS`).
# Written in NamedTuple's call form: this module's annotations are strings
# (`from __future__`), and typing would compile each one of a class body's fields.
Drawing = NamedTuple(  # noqa: UP014
    "Drawing",
    [
        ("view", str),
        ("fmt", str | None),
        ("theme", str | None),
        ("scale", float | None),
        ("personas", tuple[str, ...] | None),
        ("stages", tuple[str, ...] | None),
        ("lanes", tuple[str, ...] | None),
        ("engine", str | None),
        ("annotate", bool),
    ],
)


# click.echo's rule, kept so both paths print the same bytes: style codes are
# dropped when the stream is not a terminal. Compiled only when met (rarely).
_ANSI_STYLE = r"\033\[[;?0-9]*[a-zA-Z]"


def echo(text: str, *, err: bool = False) -> None:
    """Print one line to standard output (or error) and flush, as `click.echo` does."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw)
        return
    if "\033" in text and not stream.isatty():
        text = re.sub(_ANSI_STYLE, "", text)
    stream.write(text + "\n")
    stream.flush()


@contextmanager
def usage_errors(convert: Callable[[str], Exception]) -> Iterator[None]:
    """Re-raise a `UsageProblem` as `convert(message)`: click's usage error, for one."""
    try:
        yield
    except UsageProblem as exc:
        raise convert(str(exc)) from None


def names(value: str | None) -> tuple[str, ...] | None:
    """A comma-separated option as a tuple of names (None when the option was not given)."""
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def check_narrowing(
    journey: Journey, personas: tuple[str, ...] | None, stages: tuple[str, ...] | None
) -> None:
    """A usage problem for a persona or stage that `journey` lacks: it would draw nothing."""
    _check_names("--personas", personas, [p.id for p in journey.personas])
    _check_names("--stages", stages, [s.id for s in journey.stages if s.id])


def _check_names(option: str, wanted: tuple[str, ...] | None, known: list[str]) -> None:
    for name in wanted or ():
        if name not in known:
            from journeymap.language.values import did_you_mean  # only for a misspelt name

            suggestion = did_you_mean(name, known)
            hint = f"; did you mean `{suggestion}`?" if suggestion else ""
            listed = ", ".join(known) or "none"
            raise UsageProblem(f"{option}: no `{name}` in this journey (it has {listed}){hint}")


def check_lanes(lanes: tuple[str, ...] | None) -> None:
    """A usage problem for a lane name the blueprint does not have."""
    if not lanes:
        return
    # only for --lanes: --help and --version import this module too
    from journeymap.language.values import did_you_mean
    from journeymap.model.journey import LANES

    for lane in lanes:
        if lane not in LANES:
            suggestion = did_you_mean(lane, LANES)
            hint = f"; did you mean `{suggestion}`?" if suggestion else ""
            raise UsageProblem(
                f"--lanes: no lane `{lane}` (the lanes are {', '.join(LANES)}){hint}"
            )


def compile_input(name: str, root: str | None, data: tuple[str, ...] = ()) -> Compiled:
    """`name` compiled (`-` is standard input), with the `--data` files `data`."""
    # the compiler: not for --help, --version, `new` or `themes`, which import this module too
    from journeymap.compiler.load import compile_bytes, compile_file

    if name == "-":
        stdin = sys.stdin.buffer.read()
        return compile_bytes(stdin, name="<stdin>", root=root, data_files=data)
    return compile_file(name, root=root, data=data)


def report(diagnostics: list[Diagnostic], failed: bool, strict: bool, as_json: bool) -> int:
    """Print every diagnostic; the exit code for them."""
    # not at the top: --help and --version import this module too
    from journeymap.model.diagnostics import format_report, to_json_text

    if as_json:
        echo(to_json_text(diagnostics))
    elif diagnostics:
        echo(format_report(diagnostics), err=True)
    failed = failed or any(d.is_error for d in diagnostics) or (strict and bool(diagnostics))
    return EXIT_INPUT if failed else EXIT_OK


# The files a command reads once its arguments' directories are walked: (name shown and
# read, include root) each, the links the walker would not follow, and whether any
# argument was a directory (directory mode: progress, the summary line, parallel jobs).
Inputs = NamedTuple(  # noqa: UP014
    "Inputs",
    [
        ("files", list[tuple[str, str | None]]),
        ("skipped", list[str]),
        ("directories", bool),
    ],
)


def expand_inputs(
    files: tuple[str, ...], root: str | None, shard: tuple[int, int] | None
) -> Inputs:
    """`files` with each directory replaced by its `.journey` files (`compiler.tree.walk`).

    A directory's files resolve includes below `root`, else below the directory;
    a file named on the command line below `root`, else its own folder. With
    `shard` (I, N), only the files of shard I: a directory's by their path
    relative to it, a named file by its name as given.
    """
    # only when a command reads files: --help and --version import this module too
    from journeymap.compiler.tree import shard_of, walk

    found: list[tuple[str, str | None]] = []
    skipped: list[str] = []
    directories = False
    for name in files:
        if name != "-" and Path(name).is_dir():
            directories = True
            tree = walk(name, shard=shard)
            found += [(str(Path(name) / rel), root or name) for rel in tree.files]
            skipped += [f"{s.path}: skipped: {s.reason}" for s in tree.skipped]
        elif shard is None or shard_of(Path(name).as_posix(), shard[1]) == shard[0]:
            found.append((name, root))
    return Inputs(found, skipped, directories)


def shard_option(value: str | None) -> tuple[int, int] | None:
    """`--shard I/N` read, or a usage problem saying how to write it."""
    if value is None:
        return None
    from journeymap.compiler.tree import parse_shard  # only with --shard

    try:
        return parse_shard(value)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None


def cpu_jobs(jobs: int | None) -> int:
    """`--jobs`, by default one worker per CPU."""
    import os  # only directory mode sizes a pool

    return jobs or os.cpu_count() or 1


def run_check(
    files: tuple[str, ...],
    *,
    strict: bool = False,
    ignore: tuple[str, ...] = (),
    root: str | None = None,
    as_json: bool = False,
    jobs: int | None = None,
    shard: str | None = None,
    data: tuple[str, ...] = (),
    targets: bool = False,
) -> int:
    """`journeymap check`: every problem in `files` printed; the exit code.

    `data` holds `--data` arguments, read for every file; with `targets`, a
    missed target fails the check (each is named on standard error).

    `ignore` holds warning codes, each entry one code or several comma-separated.
    A directory stands for every `.journey` file below it, checked in `jobs`
    worker processes (default: one per CPU; named files: one unless `jobs` is
    given); the printed problems are the same whatever `jobs` is.
    """
    import functools  # check only: the worker's arguments
    import time  # check only: the summary line's seconds

    # the linter and directory mode's pool: only `check` runs them
    from journeymap.analysis import check_bytes
    from journeymap.analysis.check import check_diagnostics
    from journeymap.compiler.tree import map_in_order

    started = time.monotonic()
    inputs = expand_inputs(files, root, shard_option(shard))
    for line in inputs.skipped:
        echo(line, err=True)
    codes = frozenset(c.strip().upper() for v in ignore for c in v.split(",") if c.strip())
    named = [item for item in inputs.files if item[0] != "-"]
    workers = cpu_jobs(jobs) if inputs.directories else jobs or 1
    bar = None
    if inputs.directories:
        from journeymap.cli.progress import progress_bar  # directory mode only

        bar = progress_bar()
    count = 0

    def done(item: tuple[str, str | None], _: object) -> None:
        nonlocal count
        count += 1
        if bar is not None:
            bar(count, len(named), item[0])

    try:
        found = map_in_order(
            functools.partial(check_diagnostics, ignore=codes, data=data), named, workers, done
        )
    finally:
        if bar is not None:
            bar.close()
    by_name = dict(zip([name for name, _ in named], found, strict=True))
    diagnostics: list[Diagnostic] = []
    failed_files = 0
    stdin_journey: Journey | None = None
    for name, file_root in inputs.files:
        if name == "-":
            result = check_bytes(
                sys.stdin.buffer.read(),
                name="<stdin>",
                root=file_root,
                ignore=codes,
                data_files=data,
            )
            stdin_journey = result.journey
            problems = result.diagnostics
        else:
            problems = by_name[name]
        failed_files += any(d.is_error for d in problems)
        diagnostics.extend(problems)
    missed = 0
    if targets and failed_files == 0:
        for name, file_root in inputs.files:
            journey = stdin_journey if name == "-" else compile_input(name, file_root, data).journey
            missed += _report_targets(name, journey)
    code = report(diagnostics, missed > 0, strict, as_json)
    if inputs.directories:
        from journeymap.cli.progress import summary  # directory mode only

        checked = [(len(inputs.files), "checked"), (failed_files, "failed")]
        echo(summary(checked, time.monotonic() - started), err=True)
    return code


def _report_targets(name: str, journey: Journey | None) -> int:
    """Name each missed target of `journey` on standard error; how many were missed."""
    if journey is None:
        return 0
    # `check --targets` only: the targets' judge
    from journeymap.model.targets import MISSED, format_number, judge

    missed = 0
    for judged in judge(journey):
        if judged.state != MISSED:
            continue
        missed += 1
        target = judged.target
        where = f"{target.origin.file}:{target.origin.line}" if target.origin else name
        scope = f"{judged.scope}: " if judged.scope else ""
        actual = format_number(judged.actual) if judged.actual is not None else "none"
        echo(
            f"{where}: target missed: {scope}{target.name} {target.op} "
            f"{format_number(target.value)} (it is {actual})",
            err=True,
        )
    return missed


def settle_drawing(ask: Drawing, output: str | None) -> Drawing:
    """`ask` with its format (from `-o`'s suffix when not given) and engine decided.

    A usage problem for a suffix that names no format or another one than
    --format, and for a combination of options that no file could be drawn in.
    """
    # render only: `check` shares this module, not the drawing code
    from journeymap.emit import formats

    try:
        fmt = formats.format_for(ask.fmt, output)
        engine = formats.engine_for(ask.view, fmt, ask.engine)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    given = {
        "scale": ask.scale is not None,
        "lanes": ask.lanes is not None,
        "annotate": ask.annotate,
        "engine": ask.engine is not None,
        "theme": ask.theme is not None,
        "personas": ask.personas is not None,
        "stages": ask.stages is not None,
    }
    named = tuple(option for option, said in given.items() if said)
    refused = formats.misapplied(named, ask.view, fmt, engine)
    if refused is not None:
        raise UsageProblem(refused)
    check_lanes(ask.lanes)
    return Drawing(
        view=ask.view,
        fmt=fmt,
        theme=ask.theme,
        scale=1.0 if ask.scale is None else ask.scale,
        personas=ask.personas,
        stages=ask.stages,
        lanes=ask.lanes,
        engine=engine,
        annotate=ask.annotate,
    )


def run_render(
    files: tuple[str, ...],
    ask: Drawing,
    *,
    output: str | None = None,
    out_dir: str | None = None,
    jobs: int | None = None,
    shard: str | None = None,
    check_only: bool = False,
    watch: bool = False,
    root: str | None = None,
    as_json: bool = False,
    data: tuple[str, ...] = (),
) -> int:
    """`journeymap render`: draw `files` as `ask` says; the exit code.

    Raises `UsageProblem` for a call that cannot be carried out. Every such
    problem about the options is raised before anything is written or printed.
    """
    ask = settle_drawing(ask, output)
    shard_of = shard_option(shard)
    directories = [name for name in files if name != "-" and Path(name).is_dir()]
    if directories:
        if len(files) > 1 or output is not None or out_dir is None or watch:
            raise UsageProblem("a directory is rendered alone, with --out-dir (not -o or --watch)")
        if ask.annotate:
            raise UsageProblem("--annotate draws one file; it is not for a directory")
        if data:
            raise UsageProblem("--data adds figures to one file; it is not for a directory")
        return _render_directory(
            directories[0], out_dir, ask, jobs, shard_of, check_only, root, as_json
        )
    if shard_of is not None:
        files = tuple(name for name, _ in expand_inputs(files, root, shard_of).files)
    if output is not None and len(files) > 1:
        raise UsageProblem("-o/--output takes one input file; give one FILE per run")
    if "-" in files and output is None:
        raise UsageProblem("reading standard input needs -o (a file, or - for stdout)")
    if check_only and output == "-":
        raise UsageProblem("--check compares files on disk; give -o FILE, not -o -")
    if watch:
        if len(files) != 1 or files[0] == "-":
            raise UsageProblem("--watch follows one FILE (not standard input)")
        return _watch(
            files[0], lambda: render_files(files, ask, output, False, root, as_json, data)
        )
    return render_files(files, ask, output, check_only, root, as_json, data)


def render_files(
    files: tuple[str, ...],
    ask: Drawing,
    output: str | None,
    check_only: bool,
    root: str | None,
    as_json: bool,
    data_files: tuple[str, ...] = (),
) -> int:
    """Render (or with `check_only`, compare) each file; print problems; the exit code.

    `ask` is settled (`settle_drawing`): its format and engine are known.
    """
    # render only: `check` shares this module, not the drawing code
    from journeymap.emit.formats import suffix_of

    diagnostics: list[Diagnostic] = []
    failed = False
    stale: list[str] = []
    for name in files:
        result = compile_input(name, root, data_files)
        diagnostics.extend(result.diagnostics)
        if result.journey is None or result.has_errors:
            failed = True
            continue
        assert ask.fmt is not None
        target = output or str(Path(name).with_suffix(suffix_of(ask.fmt)))
        if target != "-" and Path(target).resolve() == Path(name).resolve():
            raise UsageProblem(f"writing {target} would overwrite the input; give -o")
        data = _draw(result, ask, diagnostics, root)
        if data is None:
            failed = True
        elif check_only:
            from journeymap.emit.staleness import output_status  # only --check compares

            if output_status(target, data) is not None:
                stale.append(target)
        elif not write_output(target, data):
            failed = True
    for target in stale:
        echo(target, err=as_json)  # keep stdout pure JSON
    return report(diagnostics, failed or bool(stale), False, as_json)


def _render_directory(
    source: str,
    out_dir: str,
    ask: Drawing,
    jobs: int | None,
    shard: tuple[int, int] | None,
    check_only: bool,
    root: str | None,
    as_json: bool,
) -> int:
    """Every `.journey` below `source`, mirrored under `out_dir`; unchanged files skipped.

    With `check_only`, nothing is written: each output that is missing or
    differs is printed (on stdout, one per line) and the exit code is 1.
    """
    import time  # directory mode only: the summary line's seconds

    # directory mode only: worker processes, the manifest and the progress bar
    from journeymap.cli.progress import progress_bar, summary
    from journeymap.compiler.tree import walk
    from journeymap.emit.batch import render_tree

    started = time.monotonic()
    for skipped in walk(source, shard=shard).skipped:
        echo(f"{skipped.path}: skipped: {skipped.reason}", err=True)
    bar = progress_bar()
    assert ask.fmt is not None and ask.engine is not None
    try:
        result = render_tree(
            source,
            out_dir,
            view=ask.view,
            fmt=ask.fmt,
            theme=ask.theme,
            jobs=cpu_jobs(jobs),
            progress=bar,
            personas=ask.personas,
            stages=ask.stages,
            lanes=ask.lanes,
            scale=ask.scale or 1.0,
            engine=ask.engine,
            root=root,
            shard=shard,
            check_only=check_only,
        )
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
    stale = result.stale
    for item in stale:
        echo(str(Path(out_dir) / item.output), err=as_json)  # keep stdout pure JSON
    counts = [(len(result.files), "checked")]
    counts.append((len(stale), "stale") if check_only else (result.rendered, "rendered"))
    counts += [(result.skipped, "unchanged"), (result.failed, "failed")]
    if result.fragments:
        counts.insert(-1, (result.fragments, "fragments"))
    code = report(list(result.diagnostics), result.failed > 0 or bool(stale), False, as_json)
    echo(summary(counts, time.monotonic() - started), err=True)  # the last line, as for check
    return code


def _watch(name: str, render_once: Callable[[], int]) -> int:
    from journeymap.cli.watch import WatchUnavailable, watch_and_render  # only for --watch

    def changed(paths: set[Path]) -> None:
        echo("changed: " + ", ".join(sorted(map(str, paths))), err=True)

    try:
        return watch_and_render(name, render_once, on_change=changed)
    except WatchUnavailable as exc:
        raise UsageProblem(str(exc)) from None


def _draw(
    result: Compiled, ask: Drawing, diagnostics: list[Diagnostic], root: str | None
) -> bytes | None:
    """The rendered bytes for one compiled file, or None after adding why not to `diagnostics`."""
    # render only: `check` shares this module, not the drawing code
    from journeymap.emit.render_file import RenderOptions, draw_compiled

    journey = result.journey
    assert journey is not None and ask.fmt is not None and ask.engine is not None
    check_narrowing(journey, ask.personas, ask.stages)
    options = RenderOptions(
        ask.view,
        ask.fmt,
        ask.theme,
        ask.personas,
        ask.stages,
        ask.lanes,
        ask.scale or 1.0,
        ask.engine,
    )
    drawn, problems = draw_compiled(result, options, annotate=ask.annotate, root=root)
    diagnostics.extend(problems)
    return drawn


def write_output(target: str, data: bytes) -> bool:
    """Write `data` to `target` (`-`: standard output) atomically, or report why not."""
    from journeymap.emit.output import write_atomic  # not for `check`, which writes nothing

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    try:
        write_atomic(Path(target), data)
    except OSError as exc:
        echo(f"{target}: error[E701]: cannot write the output: {exc.strerror or exc}", err=True)
        return False
    return True
