"""A compiled journey as a flat, ID-keyed listing: the text git diffs when used as textconv.

One fact per line, each prefixed with the IDs it hangs from, so that `git
diff` and `git log -p` show meaning (a step's emotion changed) instead of
formatting (indentation, quoting, comments, attribute order).
"""

from __future__ import annotations

from journeymap.analysis.diff.items import emotion_key, emotion_text
from journeymap.model import journey as model


def _attrs(pairs: list[tuple[str, object]]) -> str:
    shown = [k if v is True else f"{k}={v}" for k, v in pairs if v not in (None, False)]
    return f" [{', '.join(shown)}]" if shown else ""


def _touchpoint(t: model.Touchpoint) -> str:
    fields: list[tuple[str, object]] = [
        ("channel", t.channel),
        ("kind", t.kind),
        ("tier", t.tier),
        ("phase", t.phase),
        ("owner", t.owner),
        ("assumption", t.assumption),
        *t.attributes,
    ]
    return f"{t.label}{_attrs(fields)}"


def _lane_item(item: model.LaneItem) -> str:
    fields: list[tuple[str, object]] = [
        ("owner", item.owner),
        ("system", item.system),
        ("duration", item.duration),
        ("wait", item.wait),
        ("fail-point", item.fail_point),
        ("assumption", item.assumption),
        *item.attributes,
    ]
    return f"{item.text}{_attrs(fields)}"


def _opportunity(o: model.Opportunity) -> str:
    fields: list[tuple[str, object]] = [
        ("owner", o.owner),
        ("priority", o.priority),
        ("assumption", o.assumption),
    ]
    return f"{o.text}{_attrs(fields)}"


def _measured(prefix: str, item: model.Stage | model.Step) -> list[str]:
    out = [f"{prefix} count: {item.count}"] if item.count is not None else []
    out += [f"{prefix} metric {name}: {value}" for name, value in item.metrics]
    out += [f"{prefix} opportunity: {_opportunity(o)}" for o in item.opportunities]
    return out


def _step(step: model.Step) -> list[str]:
    p = f"step {step.id}"
    flags: list[tuple[str, object]] = [
        ("persona", ", ".join(step.personas) or None),
        ("moment-of-truth", step.moment_of_truth),
        ("fail-point", step.fail_point),
        ("assumption", step.assumption),
    ]
    out = [f"{p}: {step.name}{_attrs(flags)}"]
    out += [f"{p} touchpoint {t.id or '-'}: {_touchpoint(t)}" for t in step.touchpoints]
    out += [f"{p} think: {text}" for text in step.thoughts]
    out += [f"{p} emotion {emotion_key(e)}: {emotion_text(e)}" for e in step.emotions]
    out += [f"{p} pain: {text}" for text in step.pains]
    out += [f"{p} delight: {text}" for text in step.delights]
    out += _measured(p, step)
    for lane in model.LANES:
        out += [f"{p} {lane} {i.id or '-'}: {_lane_item(i)}" for i in step.lanes.lane(lane)]
    out += [f"{p} note: {text}" for text in step.notes]
    return out


def listing(journey: model.Journey) -> str:
    """The listing text: document, declarations, stages with their steps, flows."""
    out: list[str] = []
    for name in ("title", "description", "scenario", "theme"):
        value = getattr(journey, name)
        if value is not None:
            out.append(f"{name}: {value}")
    out += [f"expectation: {text}" for text in journey.expectations]
    out += [f"note: {text}" for text in journey.notes]
    for persona in journey.personas:
        out.append(f"persona {persona.id}: {persona.name}")
        for line in ("role", "goal", "need", "frustration", "quote", "notes"):
            key = line.removesuffix("s")
            out += [f"persona {persona.id} {key}: {text}" for text in getattr(persona, line)]
    for channel in journey.channels:
        out.append(f"channel {channel.id}: {channel.name}{_attrs([('kind', channel.kind)])}")
        out += [f"channel {channel.id} note: {text}" for text in channel.notes]
    for team in journey.teams:
        out.append(f"team {team.id}: {team.name}")
        out += [f"team {team.id} note: {text}" for text in team.notes]
    for stage in journey.stages:
        p = f"stage {stage.id or '-'}"
        out += ["", f"{p}: {stage.name or '(steps before any stage)'}"]
        out += _measured(p, stage)
        out += [f"{p} note: {text}" for text in stage.notes]
        for step in stage.steps:
            out += _step(step)
    if journey.flows:
        out.append("")
    for flow in journey.flows:
        arrow = "-->" if flow.is_async else "->"
        label = f": {flow.label}" if flow.label is not None else ""
        out.append(f"flow {flow.source} {arrow} {flow.target}{label}")
    return "\n".join(out) + "\n"
