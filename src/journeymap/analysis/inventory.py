"""The touchpoint inventory: every touchpoint across many journeys, per channel and per owner.

`report DIR` (or `report A B …`) reads a whole service's journeys; this module
turns them into records that `journeymap.emit.inventory` writes as text,
Markdown, JSON or a heat map. Touchpoints merge by ID, or by channel and
label when they have none. Orders are stable: journeys by file path,
touchpoints, channels and owners by their keys, rankings with ties in that
order, so the same folder always gives the same inventory.

`conflicts` finds the same persona, channel or team declared differently in
two files (warning W301, naming both files and lines); a declaration shared
through an include is one declaration, not a conflict.
"""

from collections.abc import Iterable
from typing import NamedTuple

from journeymap.model.diagnostics import Diagnostic, Location, Severity
from journeymap.model.funnel import biggest_drop, conversions
from journeymap.model.journey import Channel, Journey, Origin, Persona, Step, Team

NO_CHANNEL = "(no channel)"
NO_OWNER = "(no owner)"
TOP = 10


class Source(NamedTuple):
    """One journey of the inventory: its file (as given or relative to the folder), title."""

    file: str
    title: str


class Use(NamedTuple):
    """Where a touchpoint is used: the journey's file and the step."""

    journey: str
    step: str
    step_name: str


class Entry(NamedTuple):
    """One touchpoint of the service, merged over the journeys that use it."""

    key: str
    """Its ID, or `channel/label` when it has none."""
    id: str | None
    label: str
    channel: str | None
    kind: str | None
    owner: str | None
    uses: tuple[Use, ...]
    journeys: tuple[str, ...]
    figures: tuple[tuple[str, str], ...]
    """Its attributes (frequency, duration, score, imported data, …): key and values seen."""
    pains: tuple[str, ...]
    """Pains at the steps that use it."""
    opportunities: tuple[str, ...]
    """Opportunities at those steps, `text (priority)`."""


class Group(NamedTuple):
    """A channel or an owner across the journeys."""

    key: str
    name: str
    journeys: int
    touchpoints: int
    average_emotion: float | None
    """The mean feeling at the steps its touchpoints are used (None without emotions)."""
    pains: int
    open_high: int
    """High-priority opportunities: for a channel, those at its steps; for an owner, those
    it owns (`owner=`). Every opportunity in a file is open."""


class DropOff(NamedTuple):
    """A journey's biggest drop-off, for the side-by-side table."""

    journey: str
    title: str
    stage: str | None
    stage_name: str | None
    conversion: float | None


class Cell(NamedTuple):
    """One cell of the heat map: touchpoints of a channel in a journey, and the feeling there."""

    journey: str
    channel: str
    touchpoints: int
    average_emotion: float | None


class Conflict(NamedTuple):
    kind: str
    id: str
    first: Origin
    second: Origin
    difference: str


class Inventory(NamedTuple):
    journeys: tuple[Source, ...]
    touchpoints: tuple[Entry, ...]
    channels: tuple[Group, ...]
    owners: tuple[Group, ...]
    drop_offs: tuple[DropOff, ...]
    busiest_owners: tuple[Group, ...]
    """Owners with the most open high-priority opportunities, most first (at most TOP)."""
    heat: tuple[Cell, ...]
    """Journeys x channels, journeys in file order, channels by key; empty cells left out."""
    channel_names: tuple[tuple[str, str], ...]
    conflicts: tuple[Conflict, ...]


def step_emotion(step: Step) -> float | None:
    """The mean of a step's emotion scores (every persona's), None without any."""
    if not step.emotions:
        return None
    return sum(e.score for e in step.emotions) / len(step.emotions)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def _high(step: Step) -> int:
    return sum(o.priority == "high" for o in step.opportunities)


class _Tally:
    """What a channel or owner gathers while the journeys are read."""

    __slots__ = ("journeys", "name", "pains", "steps", "touchpoints")

    def __init__(self) -> None:
        self.name = ""
        self.journeys: set[str] = set()
        self.touchpoints: set[str] = set()
        self.steps: dict[tuple[str, str], Step] = {}
        self.pains = 0

    def group(self, key: str, owned_high: int | None = None) -> Group:
        steps = list(self.steps.values())
        high = sum(_high(s) for s in steps) if owned_high is None else owned_high
        return Group(
            key,
            self.name or key,
            len(self.journeys),
            len(self.touchpoints),
            _mean(step_emotion(s) for s in steps),
            sum(len(s.pains) for s in steps),
            high,
        )


class _Merged:
    __slots__ = ("figures", "first", "journeys", "opportunities", "pains", "uses")

    def __init__(self, first: tuple[str | None, str, str | None, str | None, str | None]) -> None:
        self.first = first
        self.uses: list[Use] = []
        # Dicts as ordered sets: first-seen order, and a constant-time "seen already?".
        self.journeys: dict[str, None] = {}
        self.figures: dict[str, dict[str, None]] = {}
        self.pains: dict[str, None] = {}
        self.opportunities: dict[str, None] = {}


def _add(items: dict[str, None], new: Iterable[str]) -> None:
    for item in new:
        items.setdefault(item, None)


def build_inventory(
    journeys: list[tuple[str, Journey]], fragments: list[tuple[str, Journey]] | None = None
) -> Inventory:
    """The inventory of `journeys`, given as (file, journey) in file order; `fragments`
    (files that only declare) count for conflicting declarations only."""
    merged: dict[str, _Merged] = {}
    channels: dict[str, _Tally] = {}
    owners: dict[str, _Tally] = {}
    cells: dict[tuple[str, str], list[float | None]] = {}
    cell_counts: dict[tuple[str, str], int] = {}
    names: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    team_names: dict[str, str] = {}
    drops: list[DropOff] = []
    owned_high: dict[str, int] = {}
    sources: list[Source] = []
    for file, journey in journeys:
        sources.append(Source(file, journey.title or file))
        for declared in journey.channels:
            names.setdefault(declared.id, declared.name)
            kinds.setdefault(declared.id, declared.kind)
        for team in journey.teams:
            team_names.setdefault(team.id, team.name)
        drops.append(_drop(file, journey))
        for stage in journey.stages:
            for o in (*stage.opportunities, *(x for st in stage.steps for x in st.opportunities)):
                if o.priority == "high" and o.owner:
                    owned_high[o.owner] = owned_high.get(o.owner, 0) + 1
                    owners.setdefault(o.owner, _Tally())
        for step in journey.steps():
            feeling = step_emotion(step)
            opportunities = [
                f"{o.text} ({o.priority})" if o.priority else o.text for o in step.opportunities
            ]
            for tp in step.touchpoints:
                channel = tp.channel or NO_CHANNEL
                owner = tp.owner or NO_OWNER
                key = tp.id or f"{channel}/{tp.label}"
                entry = merged.get(key)
                if entry is None:
                    kind = tp.kind or kinds.get(channel)  # else the channel's kind
                    entry = merged[key] = _Merged((tp.id, tp.label, tp.channel, kind, tp.owner))
                entry.uses.append(Use(file, step.id, step.name))
                _add(entry.journeys, [file])
                for name, value in tp.attributes:
                    _add(entry.figures.setdefault(name, {}), [str(value)])
                _add(entry.pains, step.pains)
                _add(entry.opportunities, opportunities)
                for tallies, which in ((channels, channel), (owners, owner)):
                    tally = tallies.get(which)
                    if tally is None:
                        tally = tallies[which] = _Tally()
                    tally.journeys.add(file)
                    tally.touchpoints.add(key)
                    tally.steps[(file, step.id)] = step
                cell = (file, channel)
                cell_counts[cell] = cell_counts.get(cell, 0) + 1
                cells.setdefault(cell, []).append(feeling)
    for key, tally in channels.items():
        tally.name = names.get(key, key)
    for key, tally in owners.items():
        tally.name = team_names.get(key, key)
    entries = tuple(_entry(key, merged[key]) for key in sorted(merged))
    owner_groups = tuple(owners[k].group(k, owned_high.get(k, 0)) for k in sorted(owners))
    busiest = sorted((g for g in owner_groups if g.open_high), key=lambda g: -g.open_high)
    order = {s.file: i for i, s in enumerate(sources)}
    heat = tuple(
        Cell(file, channel, cell_counts[(file, channel)], _mean(cells[(file, channel)]))
        for file, channel in sorted(cells, key=lambda c: (order[c[0]], c[1]))
    )
    return Inventory(
        tuple(sources),
        entries,
        tuple(channels[k].group(k) for k in sorted(channels)),
        owner_groups,
        tuple(drops),
        tuple(busiest[:TOP]),
        heat,
        tuple(sorted((k, names.get(k, k)) for k in channels)),
        conflicts([*journeys, *(fragments or [])]),
    )


def _entry(key: str, m: _Merged) -> Entry:
    tp_id, label, channel, kind, owner = m.first
    figures = tuple((name, " / ".join(values)) for name, values in sorted(m.figures.items()))
    return Entry(
        key,
        tp_id,
        label,
        channel,
        kind,
        owner,
        tuple(m.uses),
        tuple(m.journeys),
        figures,
        tuple(m.pains),
        tuple(m.opportunities),
    )


def _drop(file: str, journey: Journey) -> DropOff:
    title = journey.title or file
    rates = conversions([stage.count for stage in journey.stages])
    at = biggest_drop(rates)
    if at is None:
        return DropOff(file, title, None, None, None)
    stage = journey.stages[at]
    return DropOff(file, title, stage.id, stage.name, round(rates[at], 4))


# -- conflicting declarations ----------------------------------------------------------

Declared = Persona | Channel | Team


def _shape(kind: str, item: Declared) -> tuple[str, ...]:
    """What two declarations of one ID must agree on."""
    if isinstance(item, Channel):
        return (item.name, item.kind or "")
    return (item.name,)


def _describe(kind: str, a: Declared, b: Declared) -> str:
    if a.name != b.name:
        return f"named `{a.name}` and `{b.name}`"
    assert isinstance(a, Channel) and isinstance(b, Channel)
    return f"of kind `{a.kind or 'none'}` and `{b.kind or 'none'}`"


def conflicts(journeys: list[tuple[str, Journey]]) -> tuple[Conflict, ...]:
    """Each persona, channel or team ID declared differently in two places, in the order
    first met: every declaration against the first one of each other form."""
    # (kind, ID) -> form -> its first declaration; linear in the declarations, as each
    # new one is compared with one declaration per form, not with every earlier one.
    forms: dict[tuple[str, str], dict[tuple[str, ...], Declared]] = {}
    met: set[tuple[str, str, Origin]] = set()
    found: list[Conflict] = []
    for _, journey in journeys:
        declared: list[tuple[str, tuple[Declared, ...]]] = [
            ("persona", journey.personas),
            ("channel", journey.channels),
            ("team", journey.teams),
        ]
        for kind, items in declared:
            for item in items:
                if item.origin is None or (kind, item.id, item.origin) in met:
                    continue  # the same declaration, reached again through an include
                met.add((kind, item.id, item.origin))
                known = forms.setdefault((kind, item.id), {})
                shape = _shape(kind, item)
                for other_shape, other in known.items():
                    if other_shape != shape:
                        assert other.origin is not None
                        found.append(
                            Conflict(
                                kind,
                                item.id,
                                other.origin,
                                item.origin,
                                _describe(kind, other, item),
                            )
                        )
                known.setdefault(shape, item)
    return tuple(found)


def conflict_diagnostics(found: tuple[Conflict, ...]) -> list[Diagnostic]:
    """Warning W301 for each conflict, at the second declaration, naming the first."""
    return [
        Diagnostic(
            Severity.WARNING,
            "W301",
            f"{c.kind} `{c.id}` is declared differently in two files: {c.difference} "
            f"({c.first.file}:{c.first.line} and {c.second.file}:{c.second.line})",
            Location(c.second.file, c.second.line),
            "declare it once in a shared file and include that file",
        )
        for c in found
    ]
