"""The library API: load journeys from files or text, and render them.

The CLI, editor plugins and docs-site plugins all come through here. Nothing
in this module prints or exits: problems come back as `Diagnostic`s, and
`load`/`loads` raise `JourneyError` carrying them.
"""

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from journeymap.cli.gcpause import collector_paused
from journeymap.compiler import compile_path, compile_text
from journeymap.compiler.files import read_path
from journeymap.language.source import decode
from journeymap.model.diagnostics import Collector, Diagnostic, JourneyError
from journeymap.model.journey import Journey

if TYPE_CHECKING:
    from journeymap.layout.themes import Theme


class Compiled(NamedTuple):
    """What compiling one input gave: the journey (None on errors) and every diagnostic."""

    name: str
    journey: Journey | None
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def _looks_like_json(text: str) -> bool:
    return text.lstrip().startswith("{")


@collector_paused()
def compile_file(path: str | Path, *, root: str | Path | None = None) -> Compiled:
    """Compile a `.journey` file, or read a `.json` model; never raises on bad input."""
    diagnostics = Collector()
    shown = str(path)
    root_path = Path(root) if root is not None else None
    if shown.endswith(".json"):
        from journeymap.compiler import jsonio  # only for JSON: a `.journey` file does not load it

        source = read_path(Path(path), shown, diagnostics)
        journey = jsonio.loads(source.text, shown, diagnostics) if source else None
    else:
        journey = compile_path(Path(path), diagnostics, display=shown, root=root_path)
    return Compiled(shown, journey, diagnostics.sorted())


@collector_paused()
def compile_bytes(
    data: bytes, *, name: str = "<stdin>", root: str | Path | None = None
) -> Compiled:
    """Compile source given as bytes (standard input); JSON when it starts with `{`."""
    diagnostics = Collector()
    text = decode(data, name, diagnostics)
    if text is None:
        return Compiled(name, None, diagnostics.sorted())
    return _compile_string(text, name, root, diagnostics)


@collector_paused()
def compile_string(
    text: str, *, name: str = "<string>", root: str | Path | None = None
) -> Compiled:
    """Compile source text; a JSON model when its first non-blank character is `{`."""
    diagnostics = Collector()
    checked = decode(text.encode("utf-8", "surrogatepass"), name, diagnostics)
    if checked is None:
        return Compiled(name, None, diagnostics.sorted())
    return _compile_string(checked, name, root, diagnostics)


def _compile_string(
    text: str, name: str, root: str | Path | None, diagnostics: Collector
) -> Compiled:
    if _looks_like_json(text):
        from journeymap.compiler import jsonio

        journey = jsonio.loads(text, name, diagnostics)
    else:
        journey = compile_text(
            text, name, diagnostics, root=Path(root) if root is not None else Path.cwd()
        )
    return Compiled(name, journey, diagnostics.sorted())


def _unwrap(result: Compiled) -> Journey:
    if result.journey is None or result.has_errors:
        raise JourneyError(result.diagnostics)
    return result.journey


def load(path: str | Path, *, root: str | Path | None = None) -> Journey:
    """The journey in the file at `path`; raises `JourneyError` on bad input."""
    return _unwrap(compile_file(path, root=root))


def loads(text: str, *, name: str = "<string>", root: str | Path | None = None) -> Journey:
    """The journey in `text` (`.journey` source or JSON); raises `JourneyError`."""
    return _unwrap(compile_string(text, name=name, root=root))


def to_json(journey: Journey, main_file: str | None = None) -> str:
    """The JSON form of LANGUAGE.md section 9."""
    from journeymap.compiler import jsonio

    return jsonio.dumps(journey, main_file)


VIEWS = ("map", "blueprint", "matrix")
"""The views `render` can draw."""
FORMATS = ("svg", "png", "json", "dot", "pdf", "mermaid", "markdown")
"""The formats `render` can write (pdf only through Graphviz, markdown only for the matrix)."""
ENGINES = ("native", "graphviz")
"""Who lays out svg/png/pdf: journeymap's own grid layout, or Graphviz's `dot` on our DOT."""


@collector_paused()
def render(
    journey: Journey,
    *,
    view: str = "map",
    format: str = "svg",
    theme: "Theme | None" = None,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    lanes: tuple[str, ...] | None = None,
    scale: float = 1.0,
    engine: str = "native",
    annotate: bool = False,
    main_file: str | None = None,
    id_prefix: str = "jm",
) -> str | bytes:
    """Draw `view` of `journey` as `format`: text for svg, json and dot, bytes for png and pdf.

    No I/O: the theme comes in loaded (`journeymap.layout.themes.load_theme`), and the
    caller writes the result. `annotate` marks the report's hot spots on the
    map. `lanes` narrows the blueprint (see
    `journeymap.model.journey.LANES`). Raises `ValueError` for a view or format it does
    not know, `journeymap.emit.png.RasterError` when a PNG cannot be made, and
    `journeymap.emit.graphviz.GraphvizError` when the graphviz engine cannot run `dot`
    (running it is the one exception to "no I/O": it is a child process).
    """
    if format == "json":
        return to_json(journey, main_file)
    if format == "mermaid":
        from journeymap.emit.mermaid import to_mermaid

        return to_mermaid(journey)
    if view not in VIEWS:
        raise ValueError(f"unknown view `{view}`; the views are {', '.join(VIEWS)}")
    if format not in FORMATS:
        raise ValueError(f"unknown format `{format}`; the formats are {', '.join(FORMATS)}")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine `{engine}`; the engines are {', '.join(ENGINES)}")
    if view == "matrix" or format == "markdown":
        return _render_matrix(journey, format, engine, theme, personas, stages, scale, id_prefix)
    if format == "dot" or engine == "graphviz":
        from journeymap.emit.dot import journey_to_dot

        dot = journey_to_dot(
            journey, view=view, theme=theme, personas=personas, stages=stages, lanes=lanes
        )
        if format == "dot":
            return dot
        from journeymap.emit.graphviz import render_dot

        drawn = render_dot(dot, format)
        return drawn.decode("utf-8") if format == "svg" else drawn
    if format == "pdf":
        raise ValueError("pdf is drawn by Graphviz: add engine='graphviz' (--engine graphviz)")
    from journeymap.emit import views

    if view == "blueprint":
        svg = views.render_blueprint_svg(
            journey, theme, personas=personas, stages=stages, lanes=lanes, id_prefix=id_prefix
        )
    else:
        svg = views.render_map_svg(
            journey,
            theme,
            personas=personas,
            stages=stages,
            id_prefix=id_prefix,
            annotate=annotate,
        )
    if format == "svg":
        return svg
    from journeymap.emit.png import svg_to_png

    return svg_to_png(svg, scale=scale)


def _render_matrix(
    journey: Journey,
    format: str,
    engine: str,
    theme: "Theme | None",
    personas: tuple[str, ...] | None,
    stages: tuple[str, ...] | None,
    scale: float,
    id_prefix: str,
) -> str | bytes:
    """The touchpoint matrix: its Markdown table, or SVG/PNG drawn by journeymap itself."""
    if format == "markdown":
        from journeymap.emit.markdown import matrix_markdown

        return matrix_markdown(journey, personas=personas, stages=stages)
    if format not in ("svg", "png") or engine != "native":
        raise ValueError(
            "the touchpoint matrix is drawn by journeymap itself: use svg, png or markdown "
            "with the native engine"
        )
    from journeymap.emit.views import render_matrix_svg

    svg = render_matrix_svg(journey, theme, personas=personas, stages=stages, id_prefix=id_prefix)
    if format == "svg":
        return svg
    from journeymap.emit.png import svg_to_png

    return svg_to_png(svg, scale=scale)
