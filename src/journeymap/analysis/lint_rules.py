"""The lint rules: what a good journey map says, checked over the compiled model.

Each rule is a function from the journey to `Finding`s; `RULES` lists them
in code order and `lint.py` turns findings into located warnings. The model
has lines but no columns, so a finding points at column 1 of its object's
line (or at the whole file for the assumption summary). docs/lint.md
explains every rule with an example and its fix.
"""

from collections.abc import Callable, Iterator
from typing import NamedTuple

from journeymap.model.funnel import gaps, rises
from journeymap.model.journey import Journey, Origin, Step

MAX_LISTED = 5
"""The assumption summary names this many cards, then says how many more."""


class Finding(NamedTuple):
    code: str
    message: str
    origin: Origin | None
    """None: the whole file."""
    hint: str | None = None


Rule = Callable[[Journey], Iterator[Finding]]


def _name(step: Step) -> str:
    return f"`{step.id}`"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def empty_stages(journey: Journey) -> Iterator[Finding]:
    """W201: a stage with no steps has no column on the map."""
    for stage in journey.stages:
        if not stage.steps:
            yield Finding(
                "W201",
                f"stage `{stage.id}` has no steps",
                stage.origin,
                "add the customer's steps in this stage (`step id: …`), or remove the stage",
            )


def steps_without_touchpoints(journey: Journey) -> Iterator[Finding]:
    """W202: a step with no touchpoint does not say where the customer meets the service."""
    for step in journey.steps():
        if not step.touchpoints:
            yield Finding(
                "W202",
                f"step {_name(step)} has no touchpoint",
                step.origin,
                "add where the customer meets the service: `touchpoint: … [channel=…]`",
            )


def touchpoints_without_channel(journey: Journey) -> Iterator[Finding]:
    """W203: a touchpoint with neither `channel=` nor `kind=` cannot be counted per channel."""
    for step in journey.steps():
        for tp in step.touchpoints:
            if tp.channel is None and tp.kind is None:
                yield Finding(
                    "W203",
                    f"touchpoint `{_short(tp.label)}` has no channel or kind",
                    tp.origin,
                    "add `channel=` (a declared channel) or `kind=digital`, `physical` or `human`",
                )


def pains_without_opportunity(journey: Journey) -> Iterator[Finding]:
    """W204: a step with pain points and no opportunity of its own; nobody has taken it up."""
    for step in journey.steps():
        if step.pains and not step.opportunities:
            count = len(step.pains)
            what = "a pain point" if count == 1 else f"{count} pain points"
            yield Finding(
                "W204",
                f"step {_name(step)} has {what} and no opportunity",
                step.origin,
                "add `opportunity: … [owner=…, priority=…]` to the step",
            )


def opportunities_without_owner(journey: Journey) -> Iterator[Finding]:
    """W205: an opportunity nobody owns is unlikely to happen."""
    for stage in journey.stages:
        found = list(stage.opportunities)
        for step in stage.steps:
            found.extend(step.opportunities)
        for opp in found:
            if opp.owner is None:
                yield Finding(
                    "W205",
                    f"opportunity `{_short(opp.text)}` has no owner",
                    opp.origin,
                    "add `owner=` naming a declared team",
                )


def missing_emotions(journey: Journey) -> Iterator[Finding]:
    """W206: with several personas, a step that gives an emotion for some of them only.

    Checked per variant: a step with emotions for variant `as-is` needs one
    for each of its personas in `as-is`. An emotion without `persona=` counts
    for all of the step's personas. A step with no emotion at all is a gap in
    every curve alike and is not reported.
    """
    everyone = tuple(p.id for p in journey.personas)
    if len(everyone) < 2:
        return
    for step in journey.steps():
        # An undeclared persona on the step is W101 already: not reported again here.
        personas = [p for p in step.personas or everyone if p in everyone]
        variants: list[str | None] = []
        for emotion in step.emotions:
            if emotion.variant not in variants:
                variants.append(emotion.variant)
        missing: list[str] = []
        for variant in variants:
            given = {e.persona for e in step.emotions if e.variant == variant}
            if None in given:
                continue
            for persona in personas:
                if persona not in given:
                    missing.append(f"`{persona}`" + (f" ({variant})" if variant else ""))
        if missing:
            yield Finding(
                "W206",
                f"step {_name(step)} has no emotion for {', '.join(missing)}",
                step.origin,
                "add `emotion: N label [persona=…]` for each of the step's personas, or narrow "
                "the step with `persona=`",
            )


def assumption_summary(journey: Journey) -> Iterator[Finding]:
    """W207: one file-wide count of the cards flagged `assumption` (unproven by research)."""
    cards: list[tuple[str, Origin | None]] = []
    assumed: list[tuple[str, Origin | None]] = []

    def card(what: str, flagged: bool, origin: Origin | None) -> None:
        cards.append((what, origin))
        if flagged:
            assumed.append((what, origin))

    for stage in journey.stages:
        for opp in stage.opportunities:
            card(f"opportunity `{_short(opp.text)}`", opp.assumption, opp.origin)
        for step in stage.steps:
            card(f"step {_name(step)}", step.assumption, step.origin)
            for tp in step.touchpoints:
                card(f"touchpoint `{_short(tp.label)}`", tp.assumption, tp.origin)
            for opp in step.opportunities:
                card(f"opportunity `{_short(opp.text)}`", opp.assumption, opp.origin)
            for lane in ("evidence", "customer", "frontstage", "backstage", "support", "policy"):
                for item in step.lanes.lane(lane):
                    card(f"{lane} `{_short(item.text)}`", item.assumption, item.origin)
    if not assumed:
        return
    listed = [
        what + (f" (line {origin.line})" if origin else "") for what, origin in assumed[:MAX_LISTED]
    ]
    more = len(assumed) - MAX_LISTED
    tail = f", and {more} more" if more > 0 else ""
    verb = "is an assumption" if len(assumed) == 1 else "are assumptions"
    yield Finding(
        "W207",
        f"{len(assumed)} of {len(cards)} cards {verb}: {', '.join(listed)}{tail}",
        None,
        "back them with research and drop the `assumption` flag, or keep them as a to-do list",
    )


def unexplained_rises(journey: Journey) -> Iterator[Finding]:
    """W208: a stage or step whose count is above its direct predecessor's, without a `note`."""
    stages = journey.stages
    for i in rises([s.count for s in stages]):
        if not stages[i].notes:
            yield Finding(
                "W208",
                f"stage `{stages[i].id}` has more customers ({stages[i].count:,}) than the stage "
                f"before it ({stages[i - 1].count or 0:,}) and no note saying why",
                stages[i].origin,
                "add `note:` explaining the re-entry (or fix the count)",
            )
    steps = journey.steps()
    for i in rises([s.count for s in steps]):
        if not steps[i].notes:
            yield Finding(
                "W208",
                f"step {_name(steps[i])} has more customers ({steps[i].count:,}) than the step "
                f"before it ({steps[i - 1].count or 0:,}) and no note saying why",
                steps[i].origin,
                "add `note:` explaining the re-entry (or fix the count)",
            )


def funnel_gaps(journey: Journey) -> Iterator[Finding]:
    """W209: a stage without a count between stages with counts breaks the funnel."""
    stages = journey.stages
    for i in gaps([s.count for s in stages]):
        yield Finding(
            "W209",
            f"stage `{stages[i].id}` has no count, but stages before and after it do",
            stages[i].origin,
            "add `count: N` so that the funnel has no hole",
        )


def frontstage_without_customer(journey: Journey) -> Iterator[Finding]:
    """W210: a step with frontstage items but no `customer:` line.

    The blueprint falls back to the step's name for the customer lane, but a
    frontstage action answers a customer action, which the map should state.
    """
    for step in journey.steps():
        if step.lanes.frontstage and not step.lanes.customer:
            yield Finding(
                "W210",
                f"step {_name(step)} has frontstage items but no customer action",
                step.lanes.frontstage[0].origin,
                "add `customer: …` saying what the customer does that the frontstage answers",
            )


_CUSTOMER_SIDE = ("step", "touchpoint", "evidence", "customer")
_HIDDEN = ("backstage", "support")


def hidden_flows(journey: Journey) -> Iterator[Finding]:
    """W211: a flow across the line of visibility whose hidden end's step has no frontstage.

    Precisely: one end of the flow is on the customer's side (a step, a
    touchpoint, or an evidence or customer lane item) and the other end is a
    backstage or support lane item, and the step holding that backstage or
    support item has no frontstage item. The customer would then meet the
    back office with nothing visible in between.
    """
    if not journey.flows:
        return  # nothing to find: skip indexing every card of a big journey
    where: dict[str, tuple[str, Step]] = {}
    for step in journey.steps():
        where[step.id] = ("step", step)
        for tp in step.touchpoints:
            if tp.id:
                where[tp.id] = ("touchpoint", step)
        for lane in ("evidence", "customer", "frontstage", "backstage", "support", "policy"):
            for item in step.lanes.lane(lane):
                if item.id:
                    where[item.id] = (lane, step)
    for flow in journey.flows:
        source, target = where.get(flow.source), where.get(flow.target)
        if source is None or target is None:
            continue
        for near, far in ((source, target), (target, source)):
            if near[0] not in _CUSTOMER_SIDE or far[0] not in _HIDDEN:
                continue
            lane, hidden_step = far
            if not hidden_step.lanes.frontstage:
                yield Finding(
                    "W211",
                    f"flow `{flow.source}` -> `{flow.target}` joins the customer's side to the "
                    f"{lane} of step {_name(hidden_step)}, which has no frontstage item",
                    flow.origin,
                    "add the frontstage action the customer sees (`frontstage: …`) to step "
                    f"`{hidden_step.id}`",
                )
            break


RULES: tuple[Rule, ...] = (
    empty_stages,
    steps_without_touchpoints,
    touchpoints_without_channel,
    pains_without_opportunity,
    opportunities_without_owner,
    missing_emotions,
    assumption_summary,
    unexplained_rises,
    funnel_gaps,
    frontstage_without_customer,
    hidden_flows,
)
