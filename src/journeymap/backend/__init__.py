"""Running external programs: the one place that starts Graphviz's `dot`."""

from journeymap.backend.graphviz_run import (
    DOT_FORMATS,
    DotResult,
    GraphvizError,
    GraphvizFailed,
    GraphvizNotFound,
    render_dot,
    run_dot,
)

__all__ = [
    "DOT_FORMATS",
    "DotResult",
    "GraphvizError",
    "GraphvizFailed",
    "GraphvizNotFound",
    "render_dot",
    "run_dot",
]
