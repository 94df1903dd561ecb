"""The one render path: a journey, a view, a format, a theme and options in; bytes out.

`draw` is what every caller uses: the `render` and `diff` commands, watch and
serve, batch rendering, the docs-site integrations and the library's
`journeymap.render` (a thin wrapper that returns text for text formats). What
each format and view accepts is the table in `journeymap.emit.formats`.
"""

from typing import TYPE_CHECKING, NamedTuple

from journeymap.emit import formats
from journeymap.emit.formats import ENGINES, GRAPHVIZ
from journeymap.layout.themes import Theme, default_theme
from journeymap.model.journey import Journey

if TYPE_CHECKING:
    from journeymap.layout.scene import Scene

VIEWS = tuple(formats.VIEWS)
"""The views `render` can draw."""
FORMATS = tuple(formats.FORMATS)
"""The formats `render` can write (see `journeymap.emit.formats` for what each carries)."""
__all__ = ["ENGINES", "FORMATS", "VIEWS", "DrawOptions", "draw", "drawing", "render", "to_json"]


class DrawOptions(NamedTuple):
    """How to draw, beyond view, format and theme (`formats.OPTIONS`: where each applies)."""

    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    lanes: tuple[str, ...] | None = None
    """Narrows the blueprint (see `journeymap.model.journey.LANES`)."""
    scale: float = 1.0
    """PNG pixels per SVG px."""
    engine: str | None = None
    """Who lays out svg/png/pdf; None: the format's default (native; Graphviz for pdf)."""
    annotate: bool = False
    """Mark the report's hot spots on the map."""
    main_file: str | None = None
    """The journey's file as the JSON names it."""
    id_prefix: str = "jm"
    """Prefix of the SVG's element IDs, so several drawings can share a page."""
    diff_from: Journey | None = None
    """Draw the changes from this (older) journey on the picture: the diff picture."""


def to_json(journey: Journey, main_file: str | None = None) -> str:
    """The JSON form of LANGUAGE.md section 9."""
    from journeymap.compiler import jsonio  # and json with it: only the json format needs them

    return jsonio.dumps(journey, main_file)


def draw(
    journey: Journey,
    view: str = "map",
    format: str = "svg",
    theme: "Theme | None" = None,
    options: DrawOptions | None = None,
) -> bytes:
    """`view` of `journey` drawn as `format`, as the bytes of a file (UTF-8 for text).

    What every caller that writes or serves a file uses; see `drawing` for
    what it raises.
    """
    data = drawing(journey, view, format, theme, options)
    return data.encode("utf-8") if isinstance(data, str) else data


def drawing(
    journey: Journey,
    view: str = "map",
    format: str = "svg",
    theme: "Theme | None" = None,
    options: DrawOptions | None = None,
) -> str | bytes:
    """`view` of `journey` drawn as `format`: text for a text format, bytes for png and pdf.

    Theme None: the shipped default.

    No I/O: the theme comes in loaded (`journeymap.layout.themes.resolve_theme`),
    and the caller writes the result. Raises `ValueError` for a view, format,
    engine or option that cannot go together (the message says why),
    `journeymap.emit.errors.RasterError` when a PNG cannot be made, and
    `journeymap.emit.errors.GraphvizError` when the graphviz engine cannot run
    `dot` (running it is the one exception to "no I/O": it is a child process).
    """
    options = options or DrawOptions()
    engine = formats.engine_for(view, format, options.engine)
    if options.diff_from is not None and not formats.applies("diff", view, format):
        raise ValueError("the diff picture is drawn on the map or the blueprint, as svg or png")
    if format == "json":
        return to_json(journey, options.main_file)
    # Each format's writer is imported when that format is drawn, each view's
    # layout when that view is: a map loads neither the DOT writer nor the
    # blueprint's flow routing.
    if format == "mermaid":
        from journeymap.emit.mermaid import to_mermaid  # the Mermaid export only

        return to_mermaid(journey)
    if format == "markdown":
        from journeymap.emit.markdown import matrix_markdown  # the Markdown table only

        return matrix_markdown(journey, personas=options.personas, stages=options.stages)
    if format == "dot" or engine == GRAPHVIZ:
        from journeymap.emit.dot import journey_to_dot  # DOT, and what Graphviz draws

        dot = journey_to_dot(
            journey,
            view=view,
            theme=theme,
            personas=options.personas,
            stages=options.stages,
            lanes=options.lanes,
        )
        if format == "dot":
            return dot
        from journeymap.emit.graphviz import render_dot  # runs `dot`: the graphviz engine only

        drawn = render_dot(dot, format)
        return drawn if formats.FORMATS[format].binary else drawn.decode("utf-8")
    from journeymap.emit.svg import to_svg  # the native drawing: not for the text formats

    svg = to_svg(_scene(journey, view, theme, options))
    if format == "svg":
        return svg
    from journeymap.emit.png import svg_to_png  # the rasteriser: only PNG needs it

    return svg_to_png(svg, scale=options.scale)


def _scene(journey: Journey, view: str, theme: "Theme | None", options: DrawOptions) -> "Scene":
    """The laid-out picture of `view`, with the changes from `diff_from` marked when given."""
    chosen = theme or default_theme()
    old = options.diff_from
    if old is not None:
        return _diff_scene(old, journey, view, chosen, options.id_prefix)
    if view == "blueprint":
        # the blueprint's layout: only when a blueprint is drawn
        from journeymap.layout.blueprint import BlueprintOptions, layout_blueprint

        narrowed = BlueprintOptions(
            personas=options.personas,
            stages=options.stages,
            lanes=options.lanes,
            id_prefix=options.id_prefix,
        )
        return layout_blueprint(journey, chosen, narrowed)
    if view == "matrix":
        from journeymap.layout.matrix import MatrixOptions, layout_matrix  # the matrix only

        kept = MatrixOptions(
            personas=options.personas, stages=options.stages, id_prefix=options.id_prefix
        )
        return layout_matrix(journey, chosen, kept)
    from journeymap.layout.map import MapOptions, layout_map  # the map only

    wanted = MapOptions(
        personas=options.personas, stages=options.stages, id_prefix=options.id_prefix
    )
    scene = layout_map(journey, chosen, wanted)
    if options.annotate:
        # the report's analysis: only for --annotate
        from journeymap.analysis.annotate import annotate_map, hot_spots
        from journeymap.analysis.report import build_report

        scene = annotate_map(scene, hot_spots(journey, build_report(journey)), chosen)
    return scene


def _diff_scene(old: Journey, new: Journey, view: str, theme: "Theme", id_prefix: str) -> "Scene":
    """The diff picture: the new map or blueprint with the changes from `old` drawn on it."""
    from journeymap.analysis.diff.compare import diff  # the diff picture only

    changes = diff(old, new)
    if view == "blueprint":
        # the blueprint's diff picture: only when a blueprint's is drawn
        from journeymap.analysis.diff.blueprint import blueprint_diff_scene

        return blueprint_diff_scene(old, new, changes, theme, id_prefix=id_prefix)
    from journeymap.analysis.diff.picture import diff_scene  # the map's diff picture only

    return diff_scene(old, new, changes, theme, id_prefix=id_prefix)


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
    """Draw `view` of `journey` as `format`: text for svg, json, dot, mermaid and markdown,
    bytes for png and pdf.

    `drawing` with the options as keywords (see it for what it raises); the
    theme comes in loaded (`journeymap.layout.themes.load_theme`).
    """
    options = DrawOptions(personas, stages, lanes, scale, engine, annotate, main_file, id_prefix)
    return drawing(journey, view, format, theme, options)
