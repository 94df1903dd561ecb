"""Stale outputs: does each rendered file on disk hold exactly what `render` would write?

For CI (`journeymap render --check`) and the pre-commit hook: a render that
writes nothing and lists the outputs that are missing or differ. Equality is
byte equality, which rendering's determinism makes meaningful.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from journeymap.compiler import load
from journeymap.emit.formats import suffix_of
from journeymap.emit.render_file import RenderOptions, draw_compiled
from journeymap.model.diagnostics import Diagnostic

MISSING, DIFFERS = "missing", "differs"


class Stale(NamedTuple):
    """An output that `render` would change: its input, its path and why."""

    source: str
    target: str
    reason: str


def default_target(source: str, fmt: str) -> str:
    """Where `render` writes `source` drawn as `fmt` when no `-o` is given: beside it."""
    return str(Path(source).with_suffix(suffix_of(fmt)))


def output_status(target: str | Path, data: bytes) -> str | None:
    """None when `target` holds exactly `data`, else why not (`missing` or `differs`)."""
    try:
        current = Path(target).read_bytes()
    except FileNotFoundError:
        return MISSING
    except OSError:
        return MISSING  # unreadable (a directory, no permission): rendering would be needed
    return None if current == data else DIFFERS


def draw_bytes(
    compiled: load.Compiled,
    *,
    view: str = "map",
    fmt: str = "svg",
    theme: str | None = None,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    lanes: tuple[str, ...] | None = None,
    scale: float = 1.0,
    engine: str = "native",
    annotate: bool = False,
    root: str | Path | None = None,
    diagnostics: list[Diagnostic],
) -> bytes | None:
    """What `render` writes for one compiled file, or None after adding diagnostics.

    The theme is `theme` (resolved from the working directory), else the
    journey's own `theme:` (resolved from the file's directory, inside
    `root`), as in the CLI.
    """
    request = RenderOptions(view, fmt, theme, personas, stages, lanes, scale, engine)
    data, problems = draw_compiled(compiled, request, annotate=annotate, root=root)
    diagnostics.extend(problems)
    return data


def stale_outputs(
    files: Iterable[str | Path],
    *,
    view: str = "map",
    fmt: str = "svg",
    theme: str | None = None,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    lanes: tuple[str, ...] | None = None,
    scale: float = 1.0,
    engine: str = "native",
    annotate: bool = False,
    root: str | Path | None = None,
    output: str | Path | None = None,
    diagnostics: list[Diagnostic] | None = None,
) -> list[Stale]:
    """The outputs `render` would create or change for `files`, writing nothing.

    `output` names the one output file (like `-o`); by default each output is
    beside its input. Inputs with errors are not listed: their diagnostics go
    to `diagnostics`, so that the caller can fail on them too.
    """
    found: list[Stale] = []
    for file in files:
        name = str(file)
        compiled = load.compile_file(name, root=root)
        if diagnostics is not None:
            diagnostics.extend(compiled.diagnostics)
        if compiled.journey is None or compiled.has_errors:
            continue
        sink: list[Diagnostic] = diagnostics if diagnostics is not None else []
        data = draw_bytes(
            compiled,
            view=view,
            fmt=fmt,
            theme=theme,
            personas=personas,
            stages=stages,
            lanes=lanes,
            scale=scale,
            engine=engine,
            annotate=annotate,
            root=root,
            diagnostics=sink,
        )
        if data is None:
            continue
        target = str(output) if output is not None else default_target(name, fmt)
        reason = output_status(target, data)
        if reason is not None:
            found.append(Stale(name, target, reason))
    return found
