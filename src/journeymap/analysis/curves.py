"""Emotion curves as the map draws them: one per persona and variant, points in step order.

LANGUAGE.md section 5: an emotion without `persona=` is one entry meaning
all of the step's personas, so it feeds each of their curves; `variant=`
splits a persona's curve (as-is, to-be). An emotion with `persona=`
overrides the persona-less one for that persona. Undeclared personas named on an
emotion still get a curve, after the declared ones.
"""

from typing import NamedTuple

from journeymap.model.journey import Journey

CurveKey = tuple[str | None, str | None]
"""(persona id, or None when the journey has no personas; variant or None)."""


class Point(NamedTuple):
    curve: str
    """The curve's name: the persona's name (or `Customer`), then ` · variant`."""
    persona: str | None
    variant: str | None
    step: str
    step_name: str
    stage: str | None
    score: int
    label: str | None


def curve_name(journey: Journey, key: CurveKey) -> str:
    names = {p.id: p.name for p in journey.personas}
    persona, variant = key
    name = names.get(persona, persona) if persona else "Customer"
    return f"{name} · {variant}" if variant else name


def curve_points(journey: Journey) -> dict[CurveKey, list[Point]]:
    """Curve -> its points in step order; curves by persona order, then first variant seen."""
    everyone = tuple(p.id for p in journey.personas)
    found: dict[CurveKey, list[Point]] = {}
    for stage in journey.stages:
        for step in stage.steps:
            # An emotion with `persona=` overrides the persona-less one for
            # that persona and variant, whichever comes first (LANGUAGE.md section 5).
            named = {(e.persona, e.variant) for e in step.emotions if e.persona is not None}
            for emotion in step.emotions:
                targets: tuple[str | None, ...]
                if emotion.persona is not None:
                    targets = (emotion.persona,)
                else:
                    targets = step.personas or everyone or (None,)
                for persona in targets:
                    key = (persona, emotion.variant)
                    if emotion.persona is None and key in named:
                        continue
                    points = found.setdefault(key, [])
                    if points and points[-1].step == step.id:
                        continue  # one point per step and curve, the first given
                    points.append(
                        Point(
                            curve_name(journey, key),
                            persona,
                            emotion.variant,
                            step.id,
                            step.name,
                            stage.id,
                            emotion.score,
                            emotion.label,
                        )
                    )
    persona_order = list(everyone) + [k[0] for k in found if k[0] not in everyone]
    variants: list[str | None] = []
    for _, variant in found:
        if variant not in variants:
            variants.append(variant)

    def order(key: CurveKey) -> tuple[int, int]:
        return (persona_order.index(key[0]), variants.index(key[1]))

    return {key: found[key] for key in sorted(found, key=order)}
