"""What the touchpoint matrix shows, before any geometry: rows, channel groups, coverage.

Shared by the SVG layout (`matrix.py`) and the Markdown table
(`journeymap.emit.markdown`), so the picture and the table always count alike.
A row is one distinct touchpoint of the journey: its explicit ID, else its
channel, label and attributes (kind, owner, phase and free attributes; the tier
and the assumption flag belong to each use and show in its cell), so "Booking
line" used alike in two steps is one row with two marks, and two different
touchpoints that share a label stay two rows. Rows are grouped by channel:
declared channels in declaration order (kept even when no step uses them, as
that gap is what an audit looks for), then undeclared channels in order of
first use, then touchpoints with no channel.
"""

from typing import NamedTuple

from journeymap.layout.map_model import Visible, narrow
from journeymap.model.journey import TIERS, Journey, Step, Touchpoint

NO_CHANNEL = "No channel"

RowKey = tuple[str, ...]


class Use(NamedTuple):
    """How one step uses one touchpoint: the strongest tier it gives it, and whether
    every use is an assumption (one researched use makes the cell researched)."""

    tier: str | None
    assumption: bool


class TouchpointRow(NamedTuple):
    """One distinct touchpoint: the steps that use it, and how.

    Sparse: a big journey's matrix is nearly all empty cells, and a full
    row of cells per touchpoint made 10,000 steps with a touchpoint each
    hold 100 million of them (1.6 GB). `uses` spells a row out when asked.
    """

    id: str
    """The touchpoint's ID, or a generated one (with a `.`, never in a user ID)."""
    label: str
    used: tuple[int, ...]
    """The indexes of the visible steps that use it, in order."""
    marks: tuple[Use, ...]
    """How each of those steps uses it, in the same order."""
    steps: int
    """How many steps are visible: the length of `uses`."""

    @property
    def uses(self) -> tuple[Use | None, ...]:
        """Per visible step, left to right: its use, or None."""
        cells: list[Use | None] = [None] * self.steps
        for index, use in zip(self.used, self.marks, strict=True):
            cells[index] = use
        return tuple(cells)

    @property
    def coverage(self) -> int:
        """How many of the visible steps use this touchpoint."""
        return len(self.used)


class ChannelGroup(NamedTuple):
    id: str | None
    """The channel's ID; None for touchpoints without one."""
    name: str
    kind: str | None
    declared: bool
    rows: tuple[TouchpointRow, ...]
    present_at: tuple[int, ...]
    """The indexes of the visible steps that use any touchpoint of this channel, in order."""
    steps: int
    """How many steps are visible: the length of `present`."""

    @property
    def present(self) -> tuple[bool, ...]:
        """Per visible step: does the step use any touchpoint of this channel?"""
        flags = [False] * self.steps
        for index in self.present_at:
            flags[index] = True
        return tuple(flags)

    @property
    def coverage(self) -> int:
        """How many of the visible steps use this channel."""
        return len(self.present_at)


class Matrix(NamedTuple):
    visible: Visible
    steps: tuple[Step, ...]
    groups: tuple[ChannelGroup, ...]

    def touchpoints_per_step(self) -> tuple[int, ...]:
        """How many distinct touchpoints each visible step uses."""
        counts = [0] * len(self.steps)
        for group in self.groups:
            for row in group.rows:
                for index in row.used:
                    counts[index] += 1
        return tuple(counts)

    def channels_per_step(self) -> tuple[int, ...]:
        """How many channels each visible step uses (touchpoints without one not counted)."""
        counts = [0] * len(self.steps)
        for group in self.groups:
            if group.id is not None:
                for index in group.present_at:
                    counts[index] += 1
        return tuple(counts)

    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def _key(tp: Touchpoint) -> RowKey:
    if tp.id:
        return ("id", tp.id)
    free = tuple(f"{k}={v}" for k, v in sorted(tp.attributes, key=lambda kv: kv[0]))
    return (
        "label",
        tp.channel or "",
        tp.label,
        tp.kind or "",
        tp.owner or "",
        tp.phase or "",
        *free,
    )


def _merge(old: Use | None, tp: Touchpoint) -> Use:
    """The cell of a step that names one touchpoint twice: the strongest tier wins."""
    if old is None:
        return Use(tp.tier, tp.assumption)
    ranks = {tier: n for n, tier in enumerate(TIERS)}
    tiers = [t for t in (old.tier, tp.tier) if t is not None]
    tier = min(tiers, key=lambda t: ranks.get(t, len(TIERS))) if tiers else None
    return Use(tier, old.assumption and tp.assumption)


def build_matrix(
    journey: Journey,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
) -> Matrix:
    """The matrix of `journey`, narrowed to some personas and stages like the other views."""
    visible = narrow(journey, personas, stages)
    steps = visible.steps()
    labels: dict[RowKey, tuple[str, str | None, str | None]] = {}
    """Row key -> (label, channel, the kind its first touchpoint gives)."""
    cells: dict[RowKey, dict[int, Use]] = {}
    """Row key -> step index -> its use; steps come in order, so each stays sorted."""
    for index, step in enumerate(steps):
        for tp in step.touchpoints:
            key = _key(tp)
            row = cells.get(key)
            if row is None:
                labels[key] = (tp.label, tp.channel, tp.kind)
                row = cells[key] = {}
            row[index] = _merge(row.get(index), tp)
    by_channel: dict[str | None, list[TouchpointRow]] = {}
    kinds: dict[str | None, str | None] = {}
    for n, (key, row) in enumerate(cells.items()):
        label, channel_id, kind = labels[key]
        row_id = key[1] if key[0] == "id" else f"row.{n + 1}"
        by_channel.setdefault(channel_id, []).append(
            TouchpointRow(row_id, label, tuple(row), tuple(row.values()), len(steps))
        )
        kinds.setdefault(channel_id, kind)

    def group(id_: str | None, name: str, kind: str | None, known: bool) -> ChannelGroup:
        rows = tuple(by_channel.get(id_, ()))
        present = sorted({index for row in rows for index in row.used})
        return ChannelGroup(id_, name, kind, known, rows, tuple(present), len(steps))

    groups: list[ChannelGroup] = []
    declared = {c.id for c in journey.channels}
    for declared_channel in journey.channels:
        c = declared_channel
        groups.append(group(c.id, c.name, c.kind, True))
    for channel_id in by_channel:
        if channel_id is not None and channel_id not in declared:
            groups.append(group(channel_id, channel_id, kinds[channel_id], False))
    if None in by_channel:
        groups.append(group(None, NO_CHANNEL, None, False))
    return Matrix(visible, steps, tuple(groups))
