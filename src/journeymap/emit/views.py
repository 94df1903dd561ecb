"""Public entry points that turn a Journey into a rendered view."""

from __future__ import annotations

from journeymap.emit.svg import to_svg
from journeymap.layout.themes import Theme, default_theme
from journeymap.model.journey import Journey

# Each view imports its own layout when drawn: a cold `journeymap render` of a
# map then loads neither the blueprint's flow routing nor the matrix.


def render_map_svg(
    journey: Journey,
    theme: Theme | None = None,
    *,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    id_prefix: str = "jm",
    annotate: bool = False,
) -> str:
    """The journey map of `journey` as SVG text (theme None = the shipped default).

    `annotate` marks the report's hot spots (docs/report.md): the lowest emotion
    points and the steps with pains but no opportunity.
    """
    from journeymap.layout.map import MapOptions, layout_map

    options = MapOptions(personas=personas, stages=stages, id_prefix=id_prefix)
    chosen = theme or default_theme()
    scene = layout_map(journey, chosen, options)
    if annotate:
        from journeymap.analysis.annotate import annotate_map, hot_spots
        from journeymap.analysis.report import build_report

        scene = annotate_map(scene, hot_spots(journey, build_report(journey)), chosen)
    return to_svg(scene)


def render_blueprint_svg(
    journey: Journey,
    theme: Theme | None = None,
    *,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    lanes: tuple[str, ...] | None = None,
    id_prefix: str = "jm",
) -> str:
    """The service blueprint of `journey` as SVG text (theme None = the shipped default).

    `lanes` narrows to some of `journeymap.model.journey.LANES` (evidence, customer,
    frontstage, backstage, support, policy).
    """
    from journeymap.layout.blueprint import BlueprintOptions, layout_blueprint

    options = BlueprintOptions(personas=personas, stages=stages, lanes=lanes, id_prefix=id_prefix)
    return to_svg(layout_blueprint(journey, theme or default_theme(), options))


def render_matrix_svg(
    journey: Journey,
    theme: Theme | None = None,
    *,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    id_prefix: str = "jm",
) -> str:
    """The touchpoint matrix of `journey` as SVG text (theme None = the shipped default).

    Steps across the top under their stages, touchpoints down the side grouped
    by channel, a mark per use by tier, and coverage counts per row and column.
    """
    from journeymap.layout.matrix import MatrixOptions, layout_matrix

    options = MatrixOptions(personas=personas, stages=stages, id_prefix=id_prefix)
    return to_svg(layout_matrix(journey, theme or default_theme(), options))
