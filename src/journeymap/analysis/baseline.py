"""What changed since a baseline: each figure and target of a journey beside an older one.

`compare_baseline(old, new, label)` pairs the figures of two journeys by
where they sit (the journey, a stage, a step or a touchpoint, by ID) and
their name: counts, conversions between counted stages, numeric metrics and
touchpoint figures, then the targets with their actuals and states. A figure
on one side only is kept, with the other side `None`, so a stage added or
a column dropped since last month shows as such. Order: the new journey's,
then what only the old one has, so the same files always give the same list.
"""

from collections.abc import Iterator
from typing import NamedTuple

from journeymap.model.funnel import conversions
from journeymap.model.journey import Journey, Stage, Step
from journeymap.model.targets import judge, numeric_value

TOUCHPOINT_FIGURES = ("count", "frequency", "duration", "score")
"""Touchpoint attributes compared when numeric; `time` and `location` are words, not figures."""


class FigureChange(NamedTuple):
    kind: str
    """`stage`, `step` or `touchpoint`."""
    where: str
    """The stage, step or touchpoint ID (`step/label` for a touchpoint without one)."""
    figure: str
    """`count`, `conversion` (a ratio), a metric or a touchpoint figure."""
    before: float | None
    after: float | None
    change: float | None
    """`after - before`; None when either side has no value."""


class TargetChange(NamedTuple):
    where: str
    """`journey`, or the stage or step ID."""
    name: str
    op: str
    value: float
    before: float | None
    after: float | None
    before_state: str | None
    """`met`, `missed`, `no data`, or None when the baseline has no such target."""
    after_state: str | None


class Baseline(NamedTuple):
    label: str
    """The baseline as given on the command line."""
    figures: tuple[FigureChange, ...]
    targets: tuple[TargetChange, ...]


Key = tuple[str, str, str]


def _block(kind: str, block: Stage | Step) -> Iterator[tuple[Key, float]]:
    where = block.id or ""
    if block.count is not None:
        yield (kind, where, "count"), float(block.count)
    for name, text in block.metrics:
        value = numeric_value(text)
        if value is not None:
            yield (kind, where, name), value


def figures(journey: Journey) -> dict[Key, float]:
    """Every numeric figure of `journey`, keyed by (kind, where, figure), in document order."""
    out: dict[Key, float] = {}
    rates = conversions([stage.count for stage in journey.stages])
    for i, stage in enumerate(journey.stages):
        out.update(_block("stage", stage))
        if i in rates:
            out["stage", stage.id or "", "conversion"] = rates[i]
        for step in stage.steps:
            out.update(_block("step", step))
            for tp in step.touchpoints:
                where = tp.id or f"{step.id}/{tp.label}"
                for name, raw in tp.attributes:
                    if name not in TOUCHPOINT_FIGURES and name not in dict(tp.sources):
                        continue  # a label-like attribute (url=, channel text), not a figure
                    value = numeric_value(raw) if isinstance(raw, str) else None
                    if value is not None:
                        out.setdefault(("touchpoint", where, name), value)
    return out


def _change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None:
        return None
    # Rounded: 0.3 - 0.1 is not to be shown as 0.19999999999999998.
    return round(after - before, 9)


def compare_baseline(old: Journey, new: Journey, label: str) -> Baseline:
    """The change of every figure and target from `old` (the baseline) to `new`."""
    before, after = figures(old), figures(new)
    keys = [*after, *(k for k in before if k not in after)]
    changes = tuple(
        FigureChange(
            *key, before.get(key), after.get(key), _change(before.get(key), after.get(key))
        )
        for key in keys
    )
    old_targets = {
        (j.scope or "journey", j.target.name, j.target.op, j.target.value): j for j in judge(old)
    }
    new_targets = {
        (j.scope or "journey", j.target.name, j.target.op, j.target.value): j for j in judge(new)
    }
    targets = []
    for key in [*new_targets, *(k for k in old_targets if k not in new_targets)]:
        was, now = old_targets.get(key), new_targets.get(key)
        targets.append(
            TargetChange(
                *key,
                was.actual if was else None,
                now.actual if now else None,
                was.state if was else None,
                now.state if now else None,
            )
        )
    return Baseline(label, changes, tuple(targets))
