"""The typed change records a semantic diff produces, and the helpers that compare lists.

A `Change` says what happened (`kind`) to what (`subject`, `key`, `field`),
with the old and new values as text and the stage and step it belongs to, so
the text, Markdown and JSON renderings and the diff picture all read the same
records.
"""

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"  # same ID, new name
    MOVED = "moved"  # another stage, or another place among the same neighbours
    CHANGED = "changed"


class Scope(StrEnum):
    DOCUMENT = "document"  # title, personas, channels, teams, flows…
    STAGE = "stage"  # a stage, its steps and everything in them


class Change(NamedTuple):
    kind: Kind
    subject: str
    """What it is: `stage`, `step`, `touchpoint`, `pain`, `emotion`, `count`, `flow`…"""
    key: str | None = None
    """Its ID, metric name, emotion's persona/variant, or lane."""
    field: str | None = None
    """For CHANGED and MOVED: which property changed (`channel`, `stage`, `position`…)."""
    old: str | None = None
    new: str | None = None
    scope: Scope = Scope.DOCUMENT
    stage: str | None = None
    """The stage's ID (None for the unnamed stage, or document scope)."""
    stage_name: str | None = None
    step: str | None = None
    """The step's ID, when the change is in or to a step."""
    detail: str | None = None
    """More to say, such as the conversion a count change implies."""


class Place(NamedTuple):
    """Where changes happen: the scope, stage and step they are recorded against."""

    scope: Scope = Scope.DOCUMENT
    stage: str | None = None
    stage_name: str | None = None
    step: str | None = None

    def change(
        self,
        kind: Kind,
        subject: str,
        key: str | None = None,
        *,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
        detail: str | None = None,
    ) -> Change:
        return Change(
            kind,
            subject,
            key,
            field,
            old,
            new,
            self.scope,
            self.stage,
            self.stage_name,
            self.step,
            detail,
        )


def text_multiset(
    place: Place, subject: str, old: Iterable[str], new: Iterable[str], key: str | None = None
) -> list[Change]:
    """Lists without IDs compare as multisets of text: what was added, what removed."""
    before, after = Counter(old), Counter(new)
    changes = [
        place.change(Kind.REMOVED, subject, key, old=text)
        for text in _in_order(old, before - after)
    ]
    changes += [
        place.change(Kind.ADDED, subject, key, new=text) for text in _in_order(new, after - before)
    ]
    return changes


def _in_order(items: Iterable[str], wanted: Counter[str]) -> list[str]:
    """The texts counted in `wanted`, in the order they appear in `items`."""
    left = Counter(wanted)
    out: list[str] = []
    for item in items:
        if left[item] > 0:
            left[item] -= 1
            out.append(item)
    return out


def pair_up(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Match items by key, in order (the n-th old with the n-th new of a key).

    Returns the matched pairs, the old items left over (removed) and the new
    ones left over (added).
    """
    waiting: dict[Hashable, list[T]] = {}
    for item in new:
        waiting.setdefault(key(item), []).append(item)
    pairs: list[tuple[T, T]] = []
    removed: list[T] = []
    for item in old:
        candidates = waiting.get(key(item))
        if candidates:
            pairs.append((item, candidates.pop(0)))
        else:
            removed.append(item)
    matched = {id(b) for _, b in pairs}
    added = [item for item in new if id(item) not in matched]
    return pairs, removed, added


def out_of_order(old: Sequence[K], new: Sequence[K]) -> set[K]:
    """Keys present in both whose relative order changed (not on a longest common run).

    A longest common subsequence keeps the most items in place; whatever is
    left over is what moved.
    """
    common = set(old) & set(new)
    a = [k for k in old if k in common]
    b = [k for k in new if k in common]
    # Classic LCS table; journeys have at most a few hundred steps.
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            rows[i][j] = (
                rows[i + 1][j + 1] + 1 if a[i] == b[j] else max(rows[i + 1][j], rows[i][j + 1])
            )
    kept: set[K] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1
    return common - kept


def flag(value: bool) -> str:
    return "yes" if value else "no"


def shown(value: object) -> str | None:
    """A model value as change text: None stays None, flags are yes/no."""
    if value is None:
        return None
    if isinstance(value, bool):
        return flag(value)
    return str(value)
