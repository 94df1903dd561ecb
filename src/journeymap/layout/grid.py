"""The step grid shared by the map and blueprint: columns, stage bands, label column.

Columns come from source order; each is as wide as its widest content needs
(measured text), clamped to the theme's min and max, so adding a step only
moves what is to its right.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from journeymap.layout.text import text_width
from journeymap.layout.themes import Theme
from journeymap.model.journey import Stage, Step


class Column(NamedTuple):
    """One step's column."""

    step: Step
    band: int
    """Index of the column's band in the laid-out bands."""
    x: float
    width: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def center(self) -> float:
        return self.x + self.width / 2


class Band(NamedTuple):
    """One stage spanning its steps' columns."""

    stage: Stage
    position: int
    """The stage's place in the whole journey: tints stay put when views are narrowed."""
    x: float
    width: float
    first: int
    last: int

    @property
    def right(self) -> float:
        return self.x + self.width


class StagePlan(NamedTuple):
    """A stage to lay out: its journey position, steps and width needs."""

    stage: Stage
    position: int
    steps: tuple[Step, ...]
    step_needs: tuple[float, ...]
    """Per step, the widest content it must fit on one line (card padding included)."""
    band_need: float
    """The narrowest the band may be (its longest word plus padding)."""


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def label_column_width(labels: Iterable[str], size: float, theme: Theme) -> float:
    """Width of the row-label column: the theme's width, or the widest label."""
    widest = max((text_width(label, size, bold=True) for label in labels), default=0.0)
    return max(theme.spacing.label_column, widest)


BREAK_GUTTERS = 2.0
"""A break between stages that are not adjacent is this many gutters wider than a gutter."""


def break_width(theme: Theme, gutter: float | None = None) -> float:
    """The extra room a stage break takes beyond the ordinary gutter."""
    return BREAK_GUTTERS * (theme.spacing.gutter if gutter is None else gutter)


def place_columns(
    plans: Sequence[StagePlan],
    x0: float,
    theme: Theme,
    gutter: float | None = None,
    breaks: tuple[int, ...] = (),
) -> tuple[list[Column], list[Band]]:
    """Columns left to right from `x0`, gutters between them, bands over their stages.

    `gutter` defaults to the theme's; the blueprint passes a wider one for its flows.
    Before each plan index in `breaks` (a stage left out) the gap is wider.
    """
    spacing = theme.spacing
    gutter = spacing.gutter if gutter is None else gutter
    low, high = spacing.min_column, spacing.max_column
    columns: list[Column] = []
    bands: list[Band] = []
    x = x0
    extra = break_width(theme, gutter)
    for index, plan in enumerate(plans):
        if index in breaks:
            x += extra
        # Each column as wide as its step needs, clamped to the theme's range.
        # clamp() written out: a big journey has a thousand columns.
        widths = [max(low, min(high, need)) for need in plan.step_needs]
        span = sum(widths) + gutter * (len(widths) - 1)
        if widths and span < plan.band_need:
            # Widen every column of a narrow stage evenly so its band text fits.
            extra = (plan.band_need - span) / len(widths)
            widths = [w + extra for w in widths]
        first = len(columns)
        start = x
        for step, width in zip(plan.steps, widths, strict=True):
            columns.append(Column(step, len(bands), x, width))
            x += width + gutter
        bands.append(
            Band(plan.stage, plan.position, start, x - gutter - start, first, len(columns) - 1)
        )
    return columns, bands
