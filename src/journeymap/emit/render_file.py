"""Compile and draw one file into bytes, reporting every problem as a diagnostic.

What batch rendering (and the CLI's watch mode) does per file: compile, pick
the theme (the option, else the file's own `theme:`), draw the view in the
format. No printing and no writing; it runs in worker processes.
"""

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from journeymap.layout.themes import Theme
from journeymap.model.diagnostics import Collector, Diagnostic, Location, Severity
from journeymap.model.journey import Journey

VIEWS = ("map", "blueprint", "matrix")
FORMATS = ("svg", "png", "json", "dot", "pdf", "mermaid", "markdown")
SUFFIXES = {"mermaid": ".mmd", "markdown": ".md"}


class RenderOptions(NamedTuple):
    """What to draw, the same for every file of a run."""

    view: str = "map"
    fmt: str = "svg"
    theme: str | None = None
    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    lanes: tuple[str, ...] | None = None
    scale: float = 1.0
    engine: str = "native"

    def suffix(self) -> str:
        return SUFFIXES.get(self.fmt, f".{self.fmt}")

    def validate(self) -> None:
        """Raise `ValueError` for a combination no file could be drawn in."""
        if self.view not in VIEWS:
            raise ValueError(f"unknown view `{self.view}`; the views are {', '.join(VIEWS)}")
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format `{self.fmt}`; the formats are {', '.join(FORMATS)}")
        if self.fmt == "markdown" and self.view != "matrix":
            raise ValueError(
                "markdown is the touchpoint matrix's table: add --view matrix "
                "(maps and blueprints are drawn as svg or png)"
            )
        if self.view == "matrix" and (self.fmt in ("dot", "pdf") or self.engine != "native"):
            raise ValueError(
                "the touchpoint matrix is drawn by journeymap itself: use --format svg, "
                "png or markdown with the native engine"
            )
        if self.fmt == "pdf" and self.engine != "graphviz":
            raise ValueError("pdf is drawn by Graphviz: add --engine graphviz")


@lru_cache(maxsize=16)
def _theme(ref: str, base: Path) -> tuple[Theme | None, tuple[Diagnostic, ...]]:
    from journeymap.layout.themes import read_theme

    collector = Collector()
    theme = read_theme(ref, collector, base)
    return theme, tuple(collector.sorted())


def _error(name: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, Location(name))


def draw(
    journey: Journey,
    options: RenderOptions,
    theme: Theme | None,
    name: str,
    *,
    annotate: bool = False,
) -> str | bytes:
    """`journey` drawn as `options` ask (raises like `journeymap.compiler.load.render`)."""
    from journeymap.emit.pipeline import render

    return render(
        journey,
        view=options.view,
        format=options.fmt,
        theme=theme,
        personas=options.personas,
        stages=options.stages,
        lanes=options.lanes,
        scale=options.scale,
        engine=options.engine,
        annotate=annotate,
        main_file=name,
    )


def render_file(
    source: Path, options: RenderOptions, root: Path | None = None, *, annotate: bool = False
) -> tuple[bytes | None, tuple[Diagnostic, ...]]:
    """The drawn bytes of `source` (None when it has errors) and its diagnostics.

    `annotate` is an argument rather than an option because batch rendering
    hashes the options into its manifest: a new field would make every output stale.
    """
    from journeymap.compiler.load import compile_file
    from journeymap.emit.errors import GraphvizError, RasterError

    result = compile_file(source, root=root)
    diagnostics = list(result.diagnostics)
    journey = result.journey
    if journey is None or result.has_errors:
        return None, tuple(diagnostics)
    theme = None
    ref = options.theme or journey.theme
    if ref is not None and options.fmt not in ("json", "mermaid", "markdown"):
        base = Path.cwd() if options.theme else source.resolve().parent
        theme, problems = _theme(ref, base)
        diagnostics.extend(problems)
        if theme is None:
            return None, tuple(diagnostics)
    try:
        drawn = draw(journey, options, theme, result.name, annotate=annotate)
    except RasterError as exc:
        return None, (*diagnostics, _error(result.name, "E702", str(exc)))
    except GraphvizError as exc:
        return None, (*diagnostics, _error(result.name, "E704", str(exc)))
    return drawn.encode("utf-8") if isinstance(drawn, str) else drawn, tuple(diagnostics)
