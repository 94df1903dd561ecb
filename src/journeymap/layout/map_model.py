"""What the journey map shows, before any geometry: narrowing, curves, funnel.

Kept apart from drawing so the rules (which steps remain, which emotion
belongs to which curve, where the biggest drop-off is) read in one place.
"""

from typing import NamedTuple

from journeymap.layout.themes import Theme
from journeymap.model.funnel import biggest_drop, conversions
from journeymap.model.journey import Emotion, Journey, Stage, Step

CurveKey = tuple[str | None, str | None]
"""(persona id or None for everyone, variant or None)."""


class CurveStyle(NamedTuple):
    key: CurveKey
    name: str
    colour: str
    dash: tuple[float, ...]
    marker: str
    filled: bool
    """First variant filled, later variants hollow: a second cue besides the dash."""


class Visible(NamedTuple):
    """The part of a journey a narrowed view draws."""

    stages: tuple[tuple[int, Stage, tuple[Step, ...]], ...]
    """(position in the journey, stage, its remaining steps)."""
    personas: tuple[str, ...]
    """Ids of the personas drawn (all of the journey's when not narrowed)."""
    narrowed: bool = False
    breaks: tuple[int, ...] = ()
    """Indexes into `stages` of the stages that follow a stage left out by `--stages`:
    the views draw a break before each, and no curve or arrow crosses it."""

    def steps(self) -> tuple[Step, ...]:
        return tuple(step for _, _, steps in self.stages for step in steps)


def narrow(
    journey: Journey, personas: tuple[str, ...] | None, stages: tuple[str, ...] | None
) -> Visible:
    """Keep the chosen stages and the steps of the chosen personas; drop what empties."""
    all_ids = tuple(p.id for p in journey.personas)
    shown = all_ids if personas is None else tuple(p for p in all_ids if p in personas)
    kept: list[tuple[int, Stage, tuple[Step, ...]]] = []
    breaks: list[int] = []
    skipped = False
    for position, stage in enumerate(journey.stages):
        if stages is not None and (stage.id or "") not in stages:
            # Left out between two drawn stages: the drawing must not join them.
            skipped = skipped or bool(kept)
            continue
        steps = tuple(
            step
            for step in stage.steps
            # A journey without personas has nothing to narrow by: every step stays.
            if personas is None or not all_ids or set(step_personas(step, journey)) & set(shown)
        )
        if steps:  # a stage without steps has no column to stand on
            if skipped:
                breaks.append(len(kept))
                skipped = False
            kept.append((position, stage, steps))
    return Visible(tuple(kept), shown, personas is not None, tuple(breaks))


def step_personas(step: Step, journey: Journey) -> tuple[str, ...]:
    """The step's personas: its own list, else everyone (LANGUAGE.md section 5)."""
    return step.personas or tuple(p.id for p in journey.personas)


def emotion_points(step: Step, journey: Journey, visible: Visible) -> dict[CurveKey, Emotion]:
    """The step's emotions by curve; an emotion for everyone feeds each persona's curve."""
    points: dict[CurveKey, Emotion] = {}
    explicit = [e for e in step.emotions if e.persona is not None]
    for emotion in (e for e in step.emotions if e.persona is None):
        targets: tuple[str | None, ...] = step_personas(step, journey) or (None,)
        for persona in targets:
            if persona is None or persona in visible.personas:
                points[(persona, emotion.variant)] = emotion
    for emotion in explicit:
        # An undeclared persona is a warning upstream; its curve is still drawn
        # under that name unless the view was narrowed to named personas.
        undeclared = emotion.persona not in {p.id for p in journey.personas}
        if emotion.persona in visible.personas or (undeclared and not visible.narrowed):
            points[(emotion.persona, emotion.variant)] = emotion
    return points


def curve_styles(journey: Journey, visible: Visible, theme: Theme) -> list[CurveStyle]:
    """One style per curve drawn; indexes come from the whole journey so narrowing keeps them."""
    persona_order = [p.id for p in journey.personas]
    for step in journey.steps():
        for emotion in step.emotions:
            if emotion.persona and emotion.persona not in persona_order:
                persona_order.append(emotion.persona)
    names = {p.id: p.name for p in journey.personas}
    variants: list[str | None] = []
    for step in journey.steps():
        for emotion in step.emotions:
            if emotion.variant not in variants:
                variants.append(emotion.variant)
    keys: set[CurveKey] = set()
    for step in visible.steps():
        keys.update(emotion_points(step, journey, visible))

    def order(key: CurveKey) -> tuple[int, int]:
        persona, variant = key
        p = persona_order.index(persona) if persona in persona_order else -1
        return (p, variants.index(variant))

    curves = theme.curves
    styles = []
    for key in sorted(keys, key=order):
        p, v = order(key)
        p = max(p, 0)
        persona, variant = key
        label = names.get(persona, persona) if persona else "Customer"
        if variant:
            label = f"{label} · {variant}"
        # Every curve its own dash as well as its own colour, so curves differ in
        # greyscale print and for colour-blind readers: numbered persona by
        # persona, variant by variant, over the whole journey (narrowing keeps it).
        dash_index = (p * len(variants) + v) % len(curves.dashes)
        styles.append(
            CurveStyle(
                key,
                label,
                curves.colours[p % len(curves.colours)],
                curves.dashes[dash_index],
                curves.markers[p % len(curves.markers)],
                v == 0,
            )
        )
    return styles


def persona_style(journey: Journey, persona: str, theme: Theme) -> tuple[str, str]:
    """(colour, marker) of a persona's curves, by its place in the whole journey."""
    ids = [p.id for p in journey.personas]
    index = ids.index(persona) if persona in ids else 0
    curves = theme.curves
    return curves.colours[index % len(curves.colours)], curves.markers[index % len(curves.markers)]


class Funnel(NamedTuple):
    """Conversion from the previous counted stage or step, and the biggest drop-off."""

    stage_rate: dict[int, float]
    """Stage position -> count / previous stage's count."""
    step_rate: dict[str, float]
    """Step id -> count / previous step's count."""
    biggest_drop: int | None
    """Position of the stage with the largest relative drop."""


def funnel(journey: Journey) -> Funnel:
    """Computed on the whole journey: narrowing a view does not change the figures."""
    stage_rate = conversions([stage.count for stage in journey.stages])
    steps = journey.steps()
    step_rate = {steps[i].id: r for i, r in conversions([s.count for s in steps]).items()}
    return Funnel(stage_rate, step_rate, biggest_drop(stage_rate))


def percent(rate: float) -> str:
    return f"{round(rate * 100)}%"
