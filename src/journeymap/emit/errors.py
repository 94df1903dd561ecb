"""The errors drawing a compiled journey can raise, in a module cheap to import.

The CLI and batch rendering catch them around every draw; defining them here
rather than beside the PNG rasteriser and the Graphviz runner means catching
them does not load those modules (and `subprocess`) on the common SVG path.
"""

from __future__ import annotations


class RasterError(Exception):
    """The SVG could not be turned into a PNG (too large, or the rasteriser failed)."""


class GraphvizError(Exception):
    """A problem running `dot`; `str()` is one line for the user."""
