"""The journey report: ranked sections that read the map's data back to the team.

`build_report` turns a `Journey` into records (NamedTuples); `report_render`
writes them as text, Markdown or JSON. Rankings are stable: ties keep source
order (the order of steps in the file, then of items within a step), so the
same file always gives the same report.
"""

import itertools
import re
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

from journeymap.analysis.baseline import Baseline
from journeymap.analysis.curves import Point, curve_points
from journeymap.model.funnel import biggest_drop, conversions
from journeymap.model.journey import LANES, Journey, Opportunity, Step
from journeymap.model.targets import judge

LOWEST_PER_CURVE = 3
TOP = 5
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}
NO_CHANNEL = "(no channel)"
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?")
T = TypeVar("T")


class Fall(NamedTuple):
    curve: str
    persona: str | None
    variant: str | None
    from_step: str
    to_step: str
    from_score: int
    to_score: int
    drop: int


class FunnelStage(NamedTuple):
    stage: str | None
    name: str | None
    count: int | None  # type: ignore[assignment]  # replaces tuple.count, as meant
    conversion: float | None
    """count / previous stage's count (None when either is unknown)."""


class FunnelReport(NamedTuple):
    stages: tuple[FunnelStage, ...]
    biggest_drop: str | None
    """The stage after the largest relative drop."""
    overall: float | None
    """Last counted stage / first counted stage."""


class Tally(NamedTuple):
    key: str
    name: str
    pains: int


class TouchpointRank(NamedTuple):
    label: str
    id: str | None
    step: str
    channel: str | None
    pains: int
    score: str | None


class Coverage(NamedTuple):
    stage: str | None
    name: str | None
    channels: tuple[str, ...]
    missing: tuple[str, ...]
    """Declared channels no touchpoint of the stage uses."""


class Switch(NamedTuple):
    from_step: str
    to_step: str
    from_channel: str
    to_channel: str
    persona: str | None = None
    """Whose steps these are; None when the journey has one persona or none."""


class OpportunityRank(NamedTuple):
    text: str
    priority: str | None
    owner: str | None
    where: str | None
    """The step's id, or the stage's for a stage-wide opportunity."""
    assumption: bool


class TeamLoad(NamedTuple):
    team: str
    name: str
    touchpoints: tuple[str, ...]
    lane_items: tuple[str, ...]
    opportunities: tuple[str, ...]
    pains: tuple[str, ...]
    """Pains of the steps where the team owns a touchpoint or a lane item."""


class Moment(NamedTuple):
    step: str
    name: str
    emotions: tuple[Point, ...]


class FailPoint(NamedTuple):
    kind: str
    """`step`, or the lane of a lane item."""
    step: str
    text: str
    owners: tuple[str, ...]


class TargetRow(NamedTuple):
    where: str
    """`journey`, or the stage or step ID."""
    name: str
    op: str
    value: float
    actual: float | None
    state: str
    """`met`, `missed` or `no data`."""


class Report(NamedTuple):
    title: str | None
    lowest: tuple[Point, ...]
    falls: tuple[Fall, ...]
    funnel: FunnelReport
    pains_by_stage: tuple[Tally, ...]
    pains_by_channel: tuple[Tally, ...]
    touchpoints_by_pains: tuple[TouchpointRank, ...]
    touchpoints_by_score: tuple[TouchpointRank, ...]
    coverage: tuple[Coverage, ...]
    switches: tuple[Switch, ...]
    opportunities: tuple[OpportunityRank, ...]
    teams: tuple[TeamLoad, ...]
    moments: tuple[Moment, ...]
    fail_points: tuple[FailPoint, ...]
    touchpoints: int = 0
    """How many touchpoints the journey has."""
    channels_used: tuple[str, ...] = ()
    """The channels its touchpoints name, in order of first use."""
    targets: tuple[TargetRow, ...] = ()
    """Every target, judged (LANGUAGE.md section 5); the section is left out when none."""
    baseline: Baseline | None = None
    """The change since `report --baseline`; the section is left out without one."""


def _ranked(items: Iterable[tuple[tuple[float, ...], T]]) -> tuple[T, ...]:
    """Items sorted by their keys; `sorted` is stable, so ties keep the order given."""
    return tuple(item for _, item in sorted(items, key=lambda pair: pair[0]))


def _lowest(journey: Journey) -> tuple[Point, ...]:
    """Per curve, the points at its lowest score (the first few, on a tie)."""
    out: list[Point] = []
    for points in curve_points(journey).values():
        bottom = min(p.score for p in points)
        out.extend([p for p in points if p.score == bottom][:LOWEST_PER_CURVE])
    return tuple(out)


def _falls(journey: Journey) -> tuple[Fall, ...]:
    index = {step.id: i for i, step in enumerate(journey.steps())}
    found: list[tuple[tuple[int, ...], Fall]] = []
    for order, points in enumerate(curve_points(journey).values()):
        for before, after in itertools.pairwise(points):
            # Only neighbours on the map: a step without a point is a gap in the curve.
            if index[after.step] != index[before.step] + 1 or after.score >= before.score:
                continue
            fall = Fall(
                after.curve,
                after.persona,
                after.variant,
                before.step,
                after.step,
                before.score,
                after.score,
                before.score - after.score,
            )
            found.append(((-fall.drop, index[after.step], order), fall))
    return _ranked(found)[:TOP]


def _funnel(journey: Journey) -> FunnelReport:
    counts = [stage.count for stage in journey.stages]
    rates = conversions(counts)
    stages = tuple(
        FunnelStage(stage.id, stage.name, stage.count, rates.get(i))
        for i, stage in enumerate(journey.stages)
    )
    drop = biggest_drop(rates)
    known = [c for c in counts if c is not None]
    overall = known[-1] / known[0] if len(known) > 1 and known[0] else None
    return FunnelReport(stages, journey.stages[drop].id if drop is not None else None, overall)


def step_channels(step: Step) -> tuple[str, ...]:
    """The channels of a step's touchpoints, in order, without repeats."""
    out: list[str] = []
    for tp in step.touchpoints:
        if tp.channel and tp.channel not in out:
            out.append(tp.channel)
    return tuple(out)


def _channel_names(journey: Journey) -> dict[str, str]:
    return {c.id: c.name for c in journey.channels}


def _pains(journey: Journey) -> tuple[tuple[Tally, ...], tuple[Tally, ...]]:
    stages = _ranked(
        ((-n,), Tally(stage.id or "", stage.name or "", n))
        for stage in journey.stages
        if (n := sum(len(step.pains) for step in stage.steps))
    )
    counts: dict[str, int] = {}
    for step in journey.steps():
        if step.pains:
            for channel in step_channels(step) or (NO_CHANNEL,):
                counts[channel] = counts.get(channel, 0) + len(step.pains)
    names = _channel_names(journey)
    channels = _ranked(((-n,), Tally(key, names.get(key, key), n)) for key, n in counts.items())
    return stages, channels


def _score(value: str | bool | None) -> float | None:
    match = _NUMBER.match(value) if isinstance(value, str) else None
    return float(match.group(0)) if match else None


def _touchpoints(journey: Journey) -> tuple[tuple[TouchpointRank, ...], tuple[TouchpointRank, ...]]:
    ranks: list[TouchpointRank] = []
    for step in journey.steps():
        for tp in step.touchpoints:
            score = dict(tp.attributes).get("score")
            shown = score if isinstance(score, str) else None
            ranks.append(
                TouchpointRank(tp.label, tp.id, step.id, tp.channel, len(step.pains), shown)
            )
    by_pains = _ranked(((-r.pains,), r) for r in ranks if r.pains)[:TOP]
    scored = [(s, r) for r in ranks if (s := _score(r.score)) is not None]
    by_score = _ranked(((s,), r) for s, r in scored)[:TOP]
    return by_pains, by_score


def _coverage(journey: Journey) -> tuple[Coverage, ...]:
    declared = [c.id for c in journey.channels]
    out = []
    for stage in journey.stages:
        used: list[str] = []
        for step in stage.steps:
            used.extend(c for c in step_channels(step) if c not in used)
        ordered = tuple(
            sorted(used, key=lambda c: declared.index(c) if c in declared else len(declared))
        )
        missing = tuple(c for c in declared if c not in used)
        out.append(Coverage(stage.id, stage.name, ordered, missing))
    return tuple(out)


def main_channel(step: Step) -> str | None:
    """The channel of the step's primary touchpoint, else of its first with a channel."""
    for tp in step.touchpoints:
        if tp.tier == "primary" and tp.channel:
            return tp.channel
    channels = step_channels(step)
    return channels[0] if channels else None


def _switches(journey: Journey) -> tuple[Switch, ...]:
    """Each persona's channel switches, along that persona's own steps (personas in order)."""
    everyone = tuple(p.id for p in journey.personas)
    steps = journey.steps()
    out: list[Switch] = []
    for persona in everyone or (None,):
        last: tuple[str, str] | None = None
        for step in steps:
            if persona is not None and persona not in (step.personas or everyone):
                continue  # another persona's step
            channel = main_channel(step)
            if channel is None:
                continue  # a step without a channel does not move the customer
            if last is not None and last[1] != channel:
                whose = persona if len(everyone) > 1 else None
                out.append(Switch(last[0], step.id, last[1], channel, whose))
            last = (step.id, channel)
    return tuple(out)


def _channels_used(journey: Journey) -> tuple[str, ...]:
    used: list[str] = []
    for step in journey.steps():
        used.extend(c for c in step_channels(step) if c not in used)
    return tuple(used)


def _opportunities(journey: Journey) -> tuple[OpportunityRank, ...]:
    found: list[tuple[str | None, Opportunity]] = []
    for stage in journey.stages:
        found.extend((stage.id, opp) for opp in stage.opportunities)
        for step in stage.steps:
            found.extend((step.id, opp) for opp in step.opportunities)
    return _ranked(
        (
            (PRIORITY_RANK.get(opp.priority or "", len(PRIORITY_RANK)),),
            OpportunityRank(opp.text, opp.priority, opp.owner, where, opp.assumption),
        )
        for where, opp in found
    )


def _teams(journey: Journey) -> tuple[TeamLoad, ...]:
    teams = {t.id: t.name for t in journey.teams}
    loads: dict[str, dict[str, list[str]]] = {}

    def add(team: str | None, part: str, text: str) -> None:
        if team is None:
            return
        slot = loads.setdefault(team, {"tp": [], "lane": [], "opp": [], "pain": []})[part]
        if text not in slot:
            slot.append(text)

    for stage in journey.stages:
        for opp in stage.opportunities:
            add(opp.owner, "opp", f"{stage.id}: {opp.text}")
        for step in stage.steps:
            owners: list[str] = []
            for tp in step.touchpoints:
                add(tp.owner, "tp", f"{step.id}: {tp.label}")
                owners.append(tp.owner or "")
            for lane in LANES:
                for item in step.lanes.lane(lane):
                    add(item.owner, "lane", f"{step.id} ({lane}): {item.text}")
                    owners.append(item.owner or "")
            for opp in step.opportunities:
                add(opp.owner, "opp", f"{step.id}: {opp.text}")
            for owner in dict.fromkeys(o for o in owners if o):
                for pain in step.pains:
                    add(owner, "pain", f"{step.id}: {pain}")
    order = [*teams, *(t for t in loads if t not in teams)]
    return tuple(
        TeamLoad(
            team,
            teams.get(team, team),
            *(tuple(loads.get(team, {}).get(part, [])) for part in ("tp", "lane", "opp", "pain")),
        )
        for team in order
    )


def _moments(journey: Journey) -> tuple[Moment, ...]:
    points = [p for curve in curve_points(journey).values() for p in curve]
    return tuple(
        Moment(step.id, step.name, tuple(p for p in points if p.step == step.id))
        for step in journey.steps()
        if step.moment_of_truth
    )


def step_owners(step: Step) -> tuple[str, ...]:
    """Teams owning the step's touchpoints or lane items, in order, without repeats."""
    owners = [tp.owner for tp in step.touchpoints]
    owners += [item.owner for lane in LANES for item in step.lanes.lane(lane)]
    return tuple(dict.fromkeys(o for o in owners if o))


def _fail_points(journey: Journey) -> tuple[FailPoint, ...]:
    out: list[FailPoint] = []
    for step in journey.steps():
        if step.fail_point:
            out.append(FailPoint("step", step.id, step.name, step_owners(step)))
        for lane in LANES:
            for item in step.lanes.lane(lane):
                if item.fail_point:
                    owners = (item.owner,) if item.owner else step_owners(step)
                    out.append(FailPoint(lane, step.id, item.text, owners))
    return tuple(out)


def build_report(journey: Journey) -> Report:
    """Every section of the report for `journey`."""
    pains_by_stage, pains_by_channel = _pains(journey)
    by_pains, by_score = _touchpoints(journey)
    return Report(
        title=journey.title,
        lowest=_lowest(journey),
        falls=_falls(journey),
        funnel=_funnel(journey),
        pains_by_stage=pains_by_stage,
        pains_by_channel=pains_by_channel,
        touchpoints_by_pains=by_pains,
        touchpoints_by_score=by_score,
        coverage=_coverage(journey),
        switches=_switches(journey),
        touchpoints=sum(len(step.touchpoints) for step in journey.steps()),
        channels_used=_channels_used(journey),
        opportunities=_opportunities(journey),
        teams=_teams(journey),
        moments=_moments(journey),
        fail_points=_fail_points(journey),
        targets=tuple(
            TargetRow(
                j.scope or "journey",
                j.target.name,
                j.target.op,
                j.target.value,
                j.actual,
                j.state,
            )
            for j in judge(journey)
        ),
    )
