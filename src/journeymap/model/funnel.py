"""Funnel maths over `count`s: conversion between neighbours, the biggest drop, rises.

LANGUAGE.md section 5: `count` on consecutive stages (or steps) gives the
conversion `count[i] / count[i-1]`; the largest relative drop is the
journey's biggest drop-off; a count that rises is allowed (re-entry). Only
direct neighbours are compared: a stage without a count breaks the chain, so
no figure spans a gap the file does not measure. Shared by the map view, the
linter and the report, so all three show the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence


def conversions(counts: Sequence[int | None]) -> dict[int, float]:
    """Index -> `counts[i] / counts[i-1]`, where both are known and the earlier is not 0.

    >>> conversions([1000, 400, None, 300, 600])
    {1: 0.4, 4: 2.0}
    """
    rates: dict[int, float] = {}
    for i in range(1, len(counts)):
        before, now = counts[i - 1], counts[i]
        if before and now is not None:
            rates[i] = now / before
    return rates


def biggest_drop(rates: dict[int, float]) -> int | None:
    """The index with the smallest conversion below 1 (the earliest on a tie), or None.

    >>> biggest_drop({1: 0.4, 2: 0.4, 3: 1.5})
    1
    """
    drops = {i: r for i, r in rates.items() if r < 1}
    return min(drops, key=lambda i: (drops[i], i)) if drops else None


def rises(counts: Sequence[int | None]) -> list[int]:
    """Indexes whose count is higher than their direct neighbour's before them.

    >>> rises([100, 120, None, 90, 95])
    [1, 4]
    """
    out: list[int] = []
    for i in range(1, len(counts)):
        before, now = counts[i - 1], counts[i]
        if before is not None and now is not None and now > before:
            out.append(i)
    return out


def gaps(counts: Sequence[int | None]) -> list[int]:
    """Indexes without a count that stand between two indexes with counts.

    >>> gaps([100, None, None, 50, None])
    [1, 2]
    """
    known = [i for i, c in enumerate(counts) if c is not None]
    if len(known) < 2:
        return []
    return [i for i in range(known[0] + 1, known[-1]) if counts[i] is None]


def percent(rate: float) -> str:
    """A conversion as a whole percentage, the way the map writes it.

    >>> percent(0.2583)
    '26%'
    """
    return f"{round(rate * 100)}%"
