"""Each view as SVG text, for callers that want one view by name (tests, tools).

Thin wrappers over `journeymap.emit.pipeline.drawing`, the one render path.
"""

from __future__ import annotations

from journeymap.emit.pipeline import DrawOptions, drawing
from journeymap.layout.themes import Theme
from journeymap.model.journey import Journey


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
    options = DrawOptions(personas, stages, id_prefix=id_prefix, annotate=annotate)
    return _svg(drawing(journey, "map", "svg", theme, options))


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
    options = DrawOptions(personas, stages, lanes, id_prefix=id_prefix)
    return _svg(drawing(journey, "blueprint", "svg", theme, options))


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
    options = DrawOptions(personas, stages, id_prefix=id_prefix)
    return _svg(drawing(journey, "matrix", "svg", theme, options))


def _svg(drawn: str | bytes) -> str:
    """SVG as text (`drawing` gives text for svg; bytes only from a binary format)."""
    return drawn if isinstance(drawn, str) else drawn.decode("utf-8")
