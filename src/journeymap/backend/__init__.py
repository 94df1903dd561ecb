"""Running external programs: the one place that starts Graphviz's `dot`."""

from journeymap.backend.graphviz_run import (
    DOT_FORMATS,
    DotResult,
    GraphvizFailed,
    GraphvizNotFound,
    render_dot,
    run_dot,
)
from journeymap.draw_errors import GraphvizError

__all__ = [
    "DOT_FORMATS",
    "DotResult",
    "GraphvizError",
    "GraphvizFailed",
    "GraphvizNotFound",
    "render_dot",
    "run_dot",
]
