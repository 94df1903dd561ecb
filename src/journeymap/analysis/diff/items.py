"""Compare what one step (or stage) holds: touchpoints, lane items, emotions, counts, lists.

Items with an ID are matched by it; items without one are matched by their
text, and a matched pair whose other fields differ is one CHANGED record per
field rather than a removal and an addition.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.analysis.diff.changes import Change, Kind, Place, pair_up, shown, text_multiset
from journeymap.model import journey as model

_TOUCHPOINT_FIELDS = ("channel", "kind", "tier", "phase", "owner", "assumption")
_LANE_FIELDS = ("owner", "system", "duration", "wait", "fail_point", "assumption")
_OPPORTUNITY_FIELDS = ("owner", "priority", "assumption")


def _fields(
    place: Place,
    subject: str,
    key: str | None,
    old: object,
    new: object,
    names: Sequence[str],
) -> list[Change]:
    changes: list[Change] = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(
                place.change(
                    Kind.CHANGED,
                    subject,
                    key,
                    field=name.replace("_", "-"),
                    old=shown(before),
                    new=shown(after),
                )
            )
    return changes


def _free_attributes(
    place: Place, subject: str, key: str | None, old: model.Attributes, new: model.Attributes
) -> list[Change]:
    before, after = dict(old), dict(new)
    return [
        place.change(
            Kind.CHANGED,
            subject,
            key,
            field=name,
            old=shown(before.get(name)),
            new=shown(after.get(name)),
        )
        for name in [*before, *(k for k in after if k not in before)]
        if before.get(name) != after.get(name)
    ]


def touchpoints(
    place: Place, old: Sequence[model.Touchpoint], new: Sequence[model.Touchpoint]
) -> list[Change]:
    def key(t: model.Touchpoint) -> tuple[str, str]:
        return ("id", t.id) if t.id is not None else ("label", t.label)

    pairs, removed, added = pair_up(old, new, key)
    changes = [place.change(Kind.REMOVED, "touchpoint", t.id, old=t.label) for t in removed]
    changes += [place.change(Kind.ADDED, "touchpoint", t.id, new=t.label) for t in added]
    for a, b in pairs:
        if a.label != b.label:
            changes.append(place.change(Kind.RENAMED, "touchpoint", a.id, old=a.label, new=b.label))
        ref = a.id or a.label
        changes += _fields(place, "touchpoint", ref, a, b, _TOUCHPOINT_FIELDS)
        changes += _free_attributes(place, "touchpoint", ref, a.attributes, b.attributes)
    return changes


def lanes(place: Place, old: model.Lanes, new: model.Lanes) -> list[Change]:
    changes: list[Change] = []
    for lane in model.LANES:

        def key(item: model.LaneItem) -> tuple[str, str]:
            return ("id", item.id) if item.id is not None else ("text", item.text)

        pairs, removed, added = pair_up(old.lane(lane), new.lane(lane), key)
        changes += [place.change(Kind.REMOVED, lane, i.id, old=i.text) for i in removed]
        changes += [place.change(Kind.ADDED, lane, i.id, new=i.text) for i in added]
        for a, b in pairs:
            if a.text != b.text:
                changes.append(place.change(Kind.RENAMED, lane, a.id, old=a.text, new=b.text))
            ref = a.id or a.text
            changes += _fields(place, lane, ref, a, b, _LANE_FIELDS)
            changes += _free_attributes(place, lane, ref, a.attributes, b.attributes)
    return changes


def opportunities(
    place: Place, old: Sequence[model.Opportunity], new: Sequence[model.Opportunity]
) -> list[Change]:
    pairs, removed, added = pair_up(old, new, lambda o: o.text)
    changes = [place.change(Kind.REMOVED, "opportunity", old=o.text) for o in removed]
    changes += [place.change(Kind.ADDED, "opportunity", new=o.text) for o in added]
    for a, b in pairs:
        changes += _fields(place, "opportunity", a.text, a, b, _OPPORTUNITY_FIELDS)
    return changes


def emotion_key(emotion: model.Emotion) -> str:
    """`persona/variant`, with `all` for no persona: one curve per key."""
    persona = emotion.persona or "all"
    return f"{persona}/{emotion.variant}" if emotion.variant else persona


def emotion_text(emotion: model.Emotion) -> str:
    score = f"{emotion.score:+d}" if emotion.score else "0"
    return f"{score} {emotion.label}" if emotion.label else score


def emotions(
    place: Place, old: Sequence[model.Emotion], new: Sequence[model.Emotion]
) -> list[Change]:
    """One record per persona-and-variant curve point that appeared, vanished or moved."""
    pairs, removed, added = pair_up(old, new, emotion_key)
    changes = [
        place.change(Kind.REMOVED, "emotion", emotion_key(e), old=emotion_text(e)) for e in removed
    ]
    changes += [
        place.change(Kind.ADDED, "emotion", emotion_key(e), new=emotion_text(e)) for e in added
    ]
    for a, b in pairs:
        if (a.score, a.label) != (b.score, b.label):
            changes.append(
                place.change(
                    Kind.CHANGED,
                    "emotion",
                    emotion_key(a),
                    field="score" if a.score != b.score else "label",
                    old=emotion_text(a),
                    new=emotion_text(b),
                )
            )
    return changes


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def count(
    place: Place,
    old: int | None,
    new: int | None,
    old_rate: float | None,
    new_rate: float | None,
) -> list[Change]:
    """A changed count, with the conversion from the previous stage or step it implies."""
    if old == new:
        return []
    kind = Kind.CHANGED if old is not None and new is not None else Kind.ADDED
    if new is None:
        kind = Kind.REMOVED
    detail = None
    if old_rate != new_rate:
        detail = f"conversion {_percent(old_rate)} → {_percent(new_rate)}"
    return [place.change(kind, "count", old=shown(old), new=shown(new), detail=detail)]


def metrics(
    place: Place, old: tuple[tuple[str, str], ...], new: tuple[tuple[str, str], ...]
) -> list[Change]:
    before, after = dict(old), dict(new)
    changes: list[Change] = []
    for name in [*before, *(k for k in after if k not in before)]:
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        kind = Kind.CHANGED if a is not None and b is not None else Kind.ADDED
        if b is None:
            kind = Kind.REMOVED
        changes.append(place.change(kind, "metric", name, old=shown(a), new=shown(b)))
    return changes


def step_contents(place: Place, old: model.Step, new: model.Step) -> list[Change]:
    """Everything inside a step that exists in both journeys (not its name or place)."""
    changes: list[Change] = []
    if old.personas != new.personas:
        changes.append(
            place.change(
                Kind.CHANGED,
                "step",
                new.id,
                field="personas",
                old=", ".join(old.personas) or None,
                new=", ".join(new.personas) or None,
            )
        )
    changes += _fields(place, "step", new.id, old, new, ("moment_of_truth", "fail_point"))
    changes += _fields(place, "step", new.id, old, new, ("assumption",))
    changes += touchpoints(place, old.touchpoints, new.touchpoints)
    changes += text_multiset(place, "thought", old.thoughts, new.thoughts)
    changes += emotions(place, old.emotions, new.emotions)
    changes += text_multiset(place, "pain", old.pains, new.pains)
    changes += text_multiset(place, "delight", old.delights, new.delights)
    changes += opportunities(place, old.opportunities, new.opportunities)
    changes += lanes(place, old.lanes, new.lanes)
    changes += metrics(place, old.metrics, new.metrics)
    changes += text_multiset(place, "note", old.notes, new.notes)
    return changes
