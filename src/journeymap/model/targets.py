"""Targets judged against the journey's figures: met, missed or without data (LANGUAGE.md §5)."""

import re
from typing import NamedTuple

from journeymap.model.journey import Journey, Stage, Step, Target

MET, MISSED, NO_DATA = "met", "missed", "no data"

_LEADING_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")


class Judged(NamedTuple):
    """One target with what it was compared with and the verdict."""

    target: Target
    scope: str | None  # the stage or step ID; None for the document
    actual: float | None
    state: str  # MET, MISSED or NO_DATA


def numeric_value(text: str) -> float | None:
    """A metric's numeric value: the number it starts with (`3.1/5` is 3.1, `71%` is 71)."""
    match = _LEADING_NUMBER.match(text.strip())
    if match is None:
        return None
    return float(match.group().replace(",", "."))


def compare(op: str, actual: float, value: float) -> bool:
    """True when `actual OP value` holds."""
    if op == ">=":
        return actual >= value
    if op == "<=":
        return actual <= value
    if op == ">":
        return actual > value
    return actual < value


def figure(block: Stage | Step, name: str) -> float | None:
    """The numeric value of `count` or metric `name` on a stage or step, if it has one."""
    if name == "count":
        return None if block.count is None else float(block.count)
    for key, text in block.metrics:
        if key == name:
            return numeric_value(text)
    return None


def document_figure(journey: Journey, name: str) -> float | None:
    """On the document, `count` is the last stage's that has one (the journey's completions)."""
    if name == "count":
        counted = [stage.count for stage in journey.stages if stage.count is not None]
        return float(counted[-1]) if counted else None
    return None


def _judge(target: Target, scope: str | None, actual: float | None) -> Judged:
    if actual is None:
        return Judged(target, scope, None, NO_DATA)
    return Judged(
        target, scope, actual, MET if compare(target.op, actual, target.value) else MISSED
    )


def judge(journey: Journey) -> tuple[Judged, ...]:
    """Every target in document order: the document's, then each stage's and step's."""
    out = [_judge(t, None, document_figure(journey, t.name)) for t in journey.targets]
    for stage in journey.stages:
        out += [_judge(t, stage.id, figure(stage, t.name)) for t in stage.targets]
        for step in stage.steps:
            out += [_judge(t, step.id, figure(step, t.name)) for t in step.targets]
    return tuple(out)


def format_number(value: float) -> str:
    """A target's number as written: `500`, not `500.0`."""
    return str(int(value)) if value == int(value) else repr(value)
