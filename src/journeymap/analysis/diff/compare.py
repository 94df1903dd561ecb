"""The semantic diff: two compiled journeys in, a list of typed `Change` records out.

Everything is keyed by ID (explicit or automatic, as the compiler assigned
them), so a renamed step is a rename, not a removal and an addition; lists
without IDs compare as multisets of text. Changes come out grouped: the
document (title, personas, channels, teams), then each stage in the new
journey's order (a removed stage where it used to be) with its steps, then
the flows.
"""

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from journeymap.analysis.diff import items
from journeymap.analysis.diff.changes import (
    Change,
    Kind,
    Place,
    Scope,
    out_of_order,
    pair_up,
    shown,
    text_multiset,
)
from journeymap.model import journey as model

_DOCUMENT_FIELDS = ("title", "description", "scenario", "theme")
_PERSONA_LINES = ("role", "goal", "need", "frustration", "quote", "notes")


class _Funnel(NamedTuple):
    stage_rate: dict[str | None, float]
    step_rate: dict[str, float]


def _funnel(journey: model.Journey) -> _Funnel:
    """Conversion into each stage and step from the one before (LANGUAGE.md section 5)."""
    stage_rate: dict[str | None, float] = {}
    for before, now in pairwise(journey.stages):
        if before.count and now.count is not None:
            stage_rate[now.id] = now.count / before.count
    step_rate: dict[str, float] = {}
    steps = journey.steps()
    for before_step, now_step in pairwise(steps):
        if before_step.count and now_step.count is not None:
            step_rate[now_step.id] = now_step.count / before_step.count
    return _Funnel(stage_rate, step_rate)


def diff(old: model.Journey, new: model.Journey) -> list[Change]:
    """Every difference between `old` and `new`; empty when they mean the same."""
    changes = _document(old, new)
    changes += _stages(old, new)
    changes += _flows(old.flows, new.flows)
    return changes


# -- the document ------------------------------------------------------------------


def _document(old: model.Journey, new: model.Journey) -> list[Change]:
    top = Place()
    changes: list[Change] = []
    for name in _DOCUMENT_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            kind = Kind.CHANGED if before is not None and after is not None else Kind.ADDED
            kind = Kind.REMOVED if after is None else kind
            subject = "title" if name == "title" else name
            changes.append(top.change(kind, subject, old=before, new=after))
    changes += text_multiset(top, "expectation", old.expectations, new.expectations)
    changes += text_multiset(top, "note", old.notes, new.notes)
    changes += _personas(old.personas, new.personas)
    changes += _named("channel", old.channels, new.channels)
    changes += _named("team", old.teams, new.teams)
    return changes


def _field(a: model.Channel, b: model.Channel, subject: str, name: str) -> list[Change]:
    before, after = getattr(a, name), getattr(b, name)
    if before == after:
        return []
    return [Place().change(Kind.CHANGED, subject, a.id, field=name, old=before, new=after)]


def _named(
    subject: str,
    old: Sequence[model.Channel | model.Team],
    new: Sequence[model.Channel | model.Team],
) -> list[Change]:
    """Declarations with an ID and a name (channels, teams): added, removed, renamed."""
    top = Place()
    pairs, removed, added = pair_up(old, new, _declared_id)
    changes = [top.change(Kind.REMOVED, subject, d.id, old=d.name) for d in removed]
    changes += [top.change(Kind.ADDED, subject, d.id, new=d.name) for d in added]
    for a, b in pairs:
        if a.name != b.name:
            changes.append(top.change(Kind.RENAMED, subject, a.id, old=a.name, new=b.name))
        if isinstance(a, model.Channel) and isinstance(b, model.Channel):
            changes += _field(a, b, subject, "kind")
        changes += text_multiset(top, f"{subject} note", a.notes, b.notes, a.id)
    return changes


def _declared_id(declared: model.Channel | model.Team) -> str:
    return declared.id


def _personas(old: tuple[model.Persona, ...], new: tuple[model.Persona, ...]) -> list[Change]:
    top = Place()
    pairs, removed, added = pair_up(old, new, lambda p: p.id)
    changes = [top.change(Kind.REMOVED, "persona", p.id, old=p.name) for p in removed]
    changes += [top.change(Kind.ADDED, "persona", p.id, new=p.name) for p in added]
    for a, b in pairs:
        if a.name != b.name:
            changes.append(top.change(Kind.RENAMED, "persona", a.id, old=a.name, new=b.name))
        for line in _PERSONA_LINES:
            subject = f"persona {line.removesuffix('s')}"
            changes += text_multiset(top, subject, getattr(a, line), getattr(b, line), a.id)
    return changes


# -- stages and steps ----------------------------------------------------------------


def _stage_order(old: model.Journey, new: model.Journey) -> list[tuple[str | None, bool]]:
    """Stage IDs to report in: the new order, each removed stage after its old predecessor.

    The flag says whether the stage is in the new journey.
    """
    new_ids = [s.id for s in new.stages]
    order: list[tuple[str | None, bool]] = [(i, True) for i in new_ids]
    previous: str | None = None
    has_previous = False
    for stage in old.stages:
        if stage.id in new_ids:
            previous, has_previous = stage.id, True
            continue
        at = 0
        if has_previous:
            at = next(n for n, (i, _) in enumerate(order) if i == previous) + 1
        order.insert(at, (stage.id, False))
        previous, has_previous = stage.id, True
    return order


def _place(stage: model.Stage, step: str | None = None) -> Place:
    return Place(Scope.STAGE, stage.id, stage.name, step)


def _stages(old: model.Journey, new: model.Journey) -> list[Change]:
    old_stages = {s.id: s for s in old.stages}
    new_stages = {s.id: s for s in new.stages}
    old_funnel, new_funnel = _funnel(old), _funnel(new)
    moved_stages = out_of_order([s.id for s in old.stages], [s.id for s in new.stages])
    old_steps = {step.id: (stage, step) for stage in old.stages for step in stage.steps}
    new_steps = {step.id: (stage, step) for stage in new.stages for step in stage.steps}
    # A step moved when its stage changed, or its order among the steps that
    # stayed in the same stage did (not merely because its stage moved).
    moved_steps: set[str] = set()
    for stage in new.stages:
        before = old_stages.get(stage.id)
        if before is not None:
            stayed = {s.id for s in before.steps} & {s.id for s in stage.steps}
            moved_steps |= out_of_order(
                [s.id for s in before.steps if s.id in stayed],
                [s.id for s in stage.steps if s.id in stayed],
            )
    changes: list[Change] = []
    for stage_id, present in _stage_order(old, new):
        if not present:
            gone = old_stages[stage_id]
            here = _place(gone)
            changes.append(here.change(Kind.REMOVED, "stage", gone.id, old=gone.name))
            changes += [
                _place(gone, s.id).change(Kind.REMOVED, "step", s.id, old=s.name)
                for s in gone.steps
                if s.id not in new_steps
            ]
            continue
        stage = new_stages[stage_id]
        here = _place(stage)
        before = old_stages.get(stage_id)
        if before is None:
            changes.append(here.change(Kind.ADDED, "stage", stage.id, new=stage.name))
        else:
            changes += _stage_header(here, before, stage, stage_id in moved_stages)
            changes += items.count(
                here,
                before.count,
                stage.count,
                old_funnel.stage_rate.get(stage_id),
                new_funnel.stage_rate.get(stage_id),
            )
            changes += items.metrics(here, before.metrics, stage.metrics)
            changes += items.opportunities(here, before.opportunities, stage.opportunities)
            changes += text_multiset(here, "note", before.notes, stage.notes)
            # Steps that left this stage and exist nowhere now.
            changes += [
                _place(stage, s.id).change(Kind.REMOVED, "step", s.id, old=s.name)
                for s in before.steps
                if s.id not in new_steps
            ]
        for step in stage.steps:
            at = _place(stage, step.id)
            found = old_steps.get(step.id)
            if found is None:
                changes.append(at.change(Kind.ADDED, "step", step.id, new=step.name))
                continue
            old_stage, old_step = found
            changes += _step_header(at, old_stage, old_step, stage, step, moved_steps)
            changes += items.count(
                at,
                old_step.count,
                step.count,
                old_funnel.step_rate.get(step.id),
                new_funnel.step_rate.get(step.id),
            )
            changes += items.step_contents(at, old_step, step)
    return changes


def _stage_header(here: Place, old: model.Stage, new: model.Stage, moved: bool) -> list[Change]:
    changes: list[Change] = []
    if old.name != new.name:
        changes.append(here.change(Kind.RENAMED, "stage", new.id, old=old.name, new=new.name))
    if moved:
        changes.append(here.change(Kind.MOVED, "stage", new.id, field="position"))
    return changes


def _step_header(
    at: Place,
    old_stage: model.Stage,
    old: model.Step,
    new_stage: model.Stage,
    new: model.Step,
    moved: set[str],
) -> list[Change]:
    changes: list[Change] = []
    if old.name != new.name:
        changes.append(at.change(Kind.RENAMED, "step", new.id, old=old.name, new=new.name))
    if old_stage.id != new_stage.id:
        changes.append(
            at.change(
                Kind.MOVED,
                "step",
                new.id,
                field="stage",
                old=old_stage.name or shown(old_stage.id),
                new=new_stage.name or shown(new_stage.id),
            )
        )
    elif new.id in moved:
        changes.append(at.change(Kind.MOVED, "step", new.id, field="position"))
    return changes


# -- flows -------------------------------------------------------------------------------


def _flow_key(flow: model.Flow) -> str:
    return f"{flow.source} {'-->' if flow.is_async else '->'} {flow.target}"


def _flows(old: tuple[model.Flow, ...], new: tuple[model.Flow, ...]) -> list[Change]:
    """Flows match by their two ends; a flow that turned async is a change, not a swap."""
    top = Place()
    pairs, removed, added = pair_up(old, new, lambda f: (f.source, f.target))
    changes = [top.change(Kind.REMOVED, "flow", _flow_key(f), old=f.label) for f in removed]
    changes += [top.change(Kind.ADDED, "flow", _flow_key(f), new=f.label) for f in added]
    for a, b in pairs:
        key = _flow_key(b)
        if a.is_async != b.is_async:
            kinds = ("sync", "async")
            changes.append(
                top.change(
                    Kind.CHANGED,
                    "flow",
                    key,
                    field="async",
                    old=kinds[a.is_async],
                    new=kinds[b.is_async],
                )
            )
        if a.label != b.label:
            changes.append(
                top.change(Kind.CHANGED, "flow", key, field="label", old=a.label, new=b.label)
            )
    return changes
