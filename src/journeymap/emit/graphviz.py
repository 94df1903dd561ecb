"""Render DOT source through Graphviz's `dot` program: the only place it is run.

Errors are exceptions with a one-line message fit for users (the CLI prints
it and exits 1); nothing here prints. The source goes in on standard input and
the picture comes back on standard output, so no temporary files are left.
"""

import shutil
import subprocess
from typing import NamedTuple

from journeymap.emit.errors import GraphvizError

DOT_FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
"""The formats `render_dot` makes."""

DEFAULT_TIMEOUT = 120.0
"""Seconds before `dot` is stopped; a 1,000-step blueprint takes a few seconds."""

INSTALL_HINT = (
    "Graphviz's `dot` program was not found: install Graphviz "
    "(`apt-get install graphviz`, `brew install graphviz`, or https://graphviz.org/download/) "
    "or use the native renderer (leave out `--engine graphviz`)"
)


class GraphvizNotFound(GraphvizError):
    """`dot` is not installed (or not on PATH)."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class GraphvizFailed(GraphvizError):
    """`dot` ran and failed, or took too long; `stderr` holds what it said."""

    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr


class DotResult(NamedTuple):
    """What `dot` wrote: the picture, and any warnings it printed."""

    output: bytes
    warnings: str


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def run_dot(
    source: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT, program: str = "dot"
) -> DotResult:
    """Run `dot -T<fmt>` on `source`; raise `GraphvizError` when it cannot or fails."""
    if fmt not in DOT_FORMATS:
        raise ValueError(
            f"unknown Graphviz format `{fmt}`; the formats are {', '.join(DOT_FORMATS)}"
        )
    executable = shutil.which(program)
    if executable is None:
        raise GraphvizNotFound()
    try:
        done = subprocess.run(
            [executable, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:  # removed between which() and run()
        raise GraphvizNotFound() from exc
    except subprocess.TimeoutExpired as exc:
        raise GraphvizFailed(
            f"graphviz `dot` took longer than {timeout:g} s and was stopped"
        ) from exc
    except OSError as exc:
        raise GraphvizFailed(f"graphviz `dot` could not be run: {exc}") from exc
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        message = f"graphviz `dot` failed (exit {done.returncode}): {_first_line(stderr)}"
        raise GraphvizFailed(message, stderr)
    return DotResult(done.stdout, stderr)


def render_dot(source: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """`source` drawn by `dot` as svg, png or pdf bytes; warnings are dropped."""
    return run_dot(source, fmt, timeout=timeout).output
