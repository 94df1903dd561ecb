"""The console script: the plainest `render` and `check` calls skip click's start-up.

Importing click and every command's definition is a large part of a cold
start, and of a small map's whole render. The commonest calls,
`render FILE` with at most `--view`, `--format`, `--theme` and `-o`/`--output`,
and `check FILE...` with no options (what editors and pre-commit run), need
none of click's help, prompts or error formatting, so `express` reads exactly
those shapes of arguments itself and runs the same `run_render` or `run_check`
as the click command. Anything else, including anything click would reject or
word differently, goes to click: the express path only ever narrows what it
takes.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from journeymap.cli.run import (
    EXIT_INPUT,
    Drawing,
    UsageProblem,
    echo,
    render_files,
    run_check,
    settle_drawing,
)

# The render options the express path takes, by every spelling click accepts
# for them here, as the parameter each sets. Values must follow as the next
# argument, or after `=` for a long option.
_OPTIONS = {
    "--view": "view",
    "--format": "fmt",
    "--theme": "theme",
    "-o": "output",
    "--output": "output",
}
_LONG = {name for name in _OPTIONS if name.startswith("--")}


def express_arguments(args: list[str]) -> dict[str, str] | None:
    """The parameters of a plain `render` call (`file` and the options given), or None.

    None for everything else: another command, help, more than one file, an
    option outside `_OPTIONS`, an option given twice, a value that is empty or
    starts with `-` (click has its own rules for those), or `--`.
    """
    if not args or args[0] != "render":
        return None
    found: dict[str, str] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg.startswith("-"):
            name, equals, value = arg.partition("=")
            if equals:
                if name not in _LONG:
                    return None
            elif name in _OPTIONS:
                value = next(rest, "")
            else:
                return None
            parameter = _OPTIONS[name]
            if not value or value.startswith("-") or parameter in found:
                return None
            found[parameter] = value
        elif "file" in found:
            return None
        else:
            found["file"] = arg
    return found if "file" in found else None


def express_check_files(args: list[str]) -> tuple[str, ...] | None:
    """The files of a plain `check FILE...` call, or None (an option, `-` or `--` among them)."""
    if len(args) < 2 or args[0] != "check" or any(arg.startswith("-") for arg in args[1:]):
        return None
    return tuple(args[1:])


def express(args: list[str]) -> int | None:
    """Run a plain `render` or `check` call without click: its exit code, or None.

    None leaves the call to click, and comes only before anything is printed
    or written, so click can run the call from the start and say what is
    wrong in its own words.
    """
    # Windows: click expands wildcards and `~` in arguments. Shell completion
    # is click's too.
    if sys.platform == "win32" or "_JOURNEYMAP_COMPLETE" in os.environ:
        return None
    files = express_check_files(args)
    if files is not None:
        return run_check(files)
    return _express_render(args)


def _express_render(args: list[str]) -> int | None:
    """`express` for a plain `render` call."""
    found = express_arguments(args)
    if found is None:
        return None
    ask = Drawing(
        view=found.get("view", "map"),
        fmt=found.get("fmt"),
        theme=found.get("theme"),
        scale=None,
        personas=None,
        stages=None,
        lanes=None,
        engine=None,
        annotate=False,
    )
    file, output = found["file"], found.get("output")
    try:
        # Also an unknown view, format or suffix: click words those.
        ask = settle_drawing(ask, output)
        if Path(file).is_dir():  # directory mode (as run_render tells it): click's rules
            return None
        return render_files((file,), ask, output, False, None, False)
    except UsageProblem:  # raised before anything is printed or written
        return None


def main() -> None:
    """Console-script entry point.

    A bug of ours must not show the user a Python traceback either: it becomes
    one line asking for a report (JOURNEYMAP_DEBUG=1 shows the traceback).
    """
    # Compiling and drawing make many small objects and almost no cyclic
    # garbage, so the cyclic collector would only re-scan a growing heap.
    # A plain render or check of named files is short and bounded: it runs with
    # the collector off (reference counting still frees everything). Any other
    # command, serve and --watch among them, may run long: it collects, less
    # often than Python's default, as mypy does. The library never touches it.
    gc.disable()
    try:
        code = _express(sys.argv[1:])
        if code is None:
            gc.enable()
            gc.set_threshold(100_000, 50, 100)
            # click and every command's definition: only when express declined the call
            from journeymap.cli.app import cli

            cli(prog_name="journeymap")
        else:
            sys.exit(code)
    except Exception as exc:  # an internal error: input problems are diagnostics
        if os.environ.get("JOURNEYMAP_DEBUG"):
            raise
        echo(
            f"journeymap: internal error ({type(exc).__name__}: {exc}); please report it, "
            "with the input, and rerun with JOURNEYMAP_DEBUG=1 for the details",
            err=True,
        )
        sys.exit(EXIT_INPUT)
    finally:
        # Shutting down, Python collects garbage once more over everything
        # still alive (modules, their caches), a pass that grows with the
        # drawing. Nothing left needs collecting, so the survivors are frozen
        # out of that pass; the exit is otherwise as usual (atexit, flushes).
        gc.freeze()


def _express(args: list[str]) -> int | None:
    """`express`, ending as click ends a command on Ctrl-C or a closed pipe."""
    try:
        return express(args)
    except (EOFError, KeyboardInterrupt):
        echo("", err=True)  # closes the terminal's ^C echo
        echo("Aborted!", err=True)
        return EXIT_INPUT
    except BrokenPipeError:
        # Nothing more can be said; keep the interpreter's final flush quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                os.dup2(devnull, stream.fileno())
        return EXIT_INPUT
