"""The journey the diff picture lays out: the new one, with removed stages and steps put back.

A removed step returns as a ghost in its old place (after the step that
preceded it in the old journey, where that step still exists), so the
picture can show it struck through where it used to be. Ghosts lose what
could clash with the new journey: IDs of their touchpoints and lane items
(which may live on elsewhere), their emotions (the old curve shows those)
and personas the new journey no longer has.
"""

from typing import NamedTuple

from journeymap.model import journey as model


class Merged(NamedTuple):
    journey: model.Journey
    ghost_stages: frozenset[str | None]
    ghost_steps: frozenset[str]


def _ghost_step(step: model.Step, personas: tuple[str, ...]) -> model.Step:
    return step._replace(
        personas=tuple(p for p in step.personas if p in personas) or personas,
        touchpoints=tuple(t._replace(id=None) for t in step.touchpoints),
        emotions=(),
        lanes=model.Lanes(
            *(tuple(i._replace(id=None) for i in step.lanes.lane(n)) for n in model.LANES)
        ),
    )


def _insert_after(
    items: list[model.Step], previous: str | None, item: model.Step
) -> list[model.Step]:
    at = 0
    if previous is not None:
        at = next((n + 1 for n, s in enumerate(items) if s.id == previous), 0)
    return [*items[:at], item, *items[at:]]


def merge(old: model.Journey, new: model.Journey) -> Merged:
    """`new` plus the stages and steps only `old` has, each in its old place."""
    personas = tuple(p.id for p in new.personas)
    new_steps = {s.id for s in new.steps()}
    new_stage_ids = {s.id for s in new.stages}
    stages = list(new.stages)
    ghost_stages: set[str | None] = set()
    ghost_steps: set[str] = set()
    previous_stage: str | None = None
    has_previous = False
    for old_stage in old.stages:
        gone = [s for s in old_stage.steps if s.id not in new_steps]
        ghost_steps |= {s.id for s in gone}
        if old_stage.id not in new_stage_ids:
            if not gone:
                continue  # every step lives on elsewhere: nothing to draw in its place
            ghost = old_stage._replace(steps=tuple(_ghost_step(s, personas) for s in gone))
            at = 0
            if has_previous:
                at = next(n + 1 for n, s in enumerate(stages) if s.id == previous_stage)
            stages.insert(at, ghost)
            ghost_stages.add(old_stage.id)
        elif gone:
            index = next(n for n, s in enumerate(stages) if s.id == old_stage.id)
            steps = list(stages[index].steps)
            previous_step: str | None = None
            for step in old_stage.steps:
                if step.id in new_steps:
                    previous_step = step.id
                    continue
                steps = _insert_after(steps, previous_step, _ghost_step(step, personas))
                previous_step = step.id
            stages[index] = stages[index]._replace(steps=tuple(steps))
        previous_stage, has_previous = old_stage.id, True
    journey = new._replace(stages=tuple(stages))
    return Merged(journey, frozenset(ghost_stages), frozenset(ghost_steps))
