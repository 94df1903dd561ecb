"""The compiled journey: immutable records (NamedTuples) that every later stage reads.

The shape mirrors the JSON form of LANGUAGE.md section 9 field for field, so
`journeymap.compiler.jsonio` is a faithful dump of it. Every object that came from a
source line carries that `line` (1-based) and the `file` it came from (which
differs from the main file when it was included).
"""

from typing import NamedTuple

LANES: tuple[str, ...] = ("evidence", "customer", "frontstage", "backstage", "support", "policy")
"""The service-blueprint lanes, top to bottom."""

KINDS: tuple[str, ...] = ("digital", "physical", "human")
TIERS: tuple[str, ...] = ("primary", "secondary", "tertiary")
PHASES: tuple[str, ...] = ("before", "during", "after")
PRIORITIES: tuple[str, ...] = ("high", "medium", "low")

Attributes = tuple[tuple[str, str | bool], ...]
"""Free attributes kept as written, in source order (`true` for flags)."""


class Origin(NamedTuple):
    """Where an object came from: file path as given and 1-based line."""

    file: str
    line: int


Sources = tuple[tuple[str, Origin], ...]
"""Where imported figures came from: figure name -> the data file and its line."""


class Target(NamedTuple):
    """A goal for a count or numeric metric: `target NAME: OP VALUE` (LANGUAGE.md section 5)."""

    name: str
    op: str  # ">=", "<=", ">" or "<"
    value: float
    origin: Origin | None = None


class Persona(NamedTuple):
    """A persona: who the journey is for, with the card lines of their profile."""

    id: str
    name: str
    role: tuple[str, ...] = ()
    goal: tuple[str, ...] = ()
    need: tuple[str, ...] = ()
    frustration: tuple[str, ...] = ()
    quote: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    origin: Origin | None = None


class Channel(NamedTuple):
    """A channel touchpoints go through, and its kind (digital, physical, human)."""

    id: str
    name: str
    kind: str | None = None
    notes: tuple[str, ...] = ()
    origin: Origin | None = None


class Team(NamedTuple):
    """A team that owns touchpoints, opportunities and blueprint items."""

    id: str
    name: str
    notes: tuple[str, ...] = ()
    origin: Origin | None = None


class Touchpoint(NamedTuple):
    """Where the customer meets the service at a step: channel, tier, owner."""

    id: str | None
    label: str
    channel: str | None = None
    kind: str | None = None
    tier: str | None = None
    phase: str | None = None
    owner: str | None = None
    assumption: bool = False
    attributes: Attributes = ()
    origin: Origin | None = None
    sources: Sources = ()


class Emotion(NamedTuple):
    """How a persona (or every persona) feels at a step, scored -2..+2."""

    score: int
    label: str | None = None
    persona: str | None = None
    variant: str | None = None
    origin: Origin | None = None


class Opportunity(NamedTuple):
    """An idea to improve a step, with its priority and owner."""

    text: str
    owner: str | None = None
    priority: str | None = None
    assumption: bool = False
    origin: Origin | None = None


class LaneItem(NamedTuple):
    """One item in a service-blueprint lane of a step."""

    id: str | None
    text: str
    owner: str | None = None
    system: str | None = None
    duration: str | None = None
    wait: str | None = None
    fail_point: bool = False
    assumption: bool = False
    attributes: Attributes = ()
    origin: Origin | None = None


class Lanes(NamedTuple):
    """The blueprint lanes of one step, each a tuple of items."""

    evidence: tuple[LaneItem, ...] = ()
    customer: tuple[LaneItem, ...] = ()
    frontstage: tuple[LaneItem, ...] = ()
    backstage: tuple[LaneItem, ...] = ()
    support: tuple[LaneItem, ...] = ()
    policy: tuple[LaneItem, ...] = ()

    def lane(self, name: str) -> tuple[LaneItem, ...]:
        """The items of lane `name` (one of `LANES`)."""
        items: tuple[LaneItem, ...] = getattr(self, name)
        return items

    def is_empty(self) -> bool:
        return not any(self.lane(name) for name in LANES)


class Step(NamedTuple):
    """One step of the journey, with everything drawn in its column."""

    id: str
    name: str
    personas: tuple[str, ...] = ()
    moment_of_truth: bool = False
    fail_point: bool = False
    assumption: bool = False
    count: int | None = None  # type: ignore[assignment]  # replaces tuple.count, as meant
    metrics: tuple[tuple[str, str], ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    thoughts: tuple[str, ...] = ()
    emotions: tuple[Emotion, ...] = ()
    pains: tuple[str, ...] = ()
    delights: tuple[str, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    lanes: Lanes = Lanes()
    notes: tuple[str, ...] = ()
    origin: Origin | None = None
    targets: tuple[Target, ...] = ()
    sources: Sources = ()


class Stage(NamedTuple):
    """A stage: a group of steps with a header band and a funnel count."""

    id: str | None
    name: str | None
    count: int | None = None  # type: ignore[assignment]  # replaces tuple.count, as meant
    metrics: tuple[tuple[str, str], ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    notes: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    origin: Origin | None = None
    targets: tuple[Target, ...] = ()
    sources: Sources = ()


class Flow(NamedTuple):
    """A hand-over between two blueprint items (synchronous or not)."""

    source: str
    target: str
    label: str | None = None
    is_async: bool = False
    origin: Origin | None = None


class Journey(NamedTuple):
    """The whole compiled journey: the root of the model."""

    title: str | None = None
    description: str | None = None
    scenario: str | None = None
    expectations: tuple[str, ...] = ()
    theme: str | None = None
    notes: tuple[str, ...] = ()
    personas: tuple[Persona, ...] = ()
    channels: tuple[Channel, ...] = ()
    teams: tuple[Team, ...] = ()
    stages: tuple[Stage, ...] = ()
    flows: tuple[Flow, ...] = ()
    targets: tuple[Target, ...] = ()

    def steps(self) -> tuple[Step, ...]:
        """Every step, in order, across stages."""
        return tuple(step for stage in self.stages for step in stage.steps)
