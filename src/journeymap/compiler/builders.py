"""Mutable builders the compiler fills in, frozen into `journeymap.model.journey` at the end.

The model is immutable; while statements are walked, blocks need to grow.
Each builder holds what its model class holds. They are plain classes with
`__slots__`, not records: they change while the walk fills them in.
"""

from __future__ import annotations

from journeymap.model import journey as model
from journeymap.model.journey import LANES

PERSONA_LINES = ("role", "goal", "need", "frustration", "quote")

_NO_LANES = model.Lanes()
"""The lanes of every step without blueprint items: one immutable value, shared."""


class PersonaBuilder:
    __slots__ = ("id", "lines", "name", "notes", "origin")

    def __init__(self, id: str, name: str, origin: model.Origin) -> None:
        self.id, self.name, self.origin = id, name, origin
        self.lines: dict[str, list[str]] = {key: [] for key in PERSONA_LINES}
        self.notes: list[str] = []

    def freeze(self) -> model.Persona:
        lines = self.lines
        # By position, as steps are frozen (see `StepBuilder.freeze`).
        return model.Persona(
            self.id,
            self.name,
            tuple(lines["role"]),
            tuple(lines["goal"]),
            tuple(lines["need"]),
            tuple(lines["frustration"]),
            tuple(lines["quote"]),
            tuple(self.notes),
            self.origin,
        )


class ChannelBuilder:
    __slots__ = ("id", "kind", "name", "notes", "origin")

    def __init__(self, id: str, name: str, kind: str | None, origin: model.Origin) -> None:
        self.id, self.name, self.kind, self.origin = id, name, kind, origin
        self.notes: list[str] = []

    def freeze(self) -> model.Channel:
        return model.Channel(self.id, self.name, self.kind, tuple(self.notes), self.origin)


class TeamBuilder:
    __slots__ = ("id", "name", "notes", "origin")

    def __init__(self, id: str, name: str, origin: model.Origin) -> None:
        self.id, self.name, self.origin = id, name, origin
        self.notes: list[str] = []

    def freeze(self) -> model.Team:
        return model.Team(self.id, self.name, tuple(self.notes), self.origin)


class MeasuredBuilder:
    """What stages and steps share: an ID and name, a count, metrics, opportunities, notes."""

    __slots__ = (
        "count",
        "count_line",
        "id",
        "metric_lines",
        "metrics",
        "name",
        "notes",
        "opportunities",
        "origin",
        "sources",
        "targets",
    )

    def __init__(self, id: str | None, name: str | None, origin: model.Origin | None) -> None:
        self.id, self.name, self.origin = id, name, origin
        self.count: int | None = None
        self.count_line = 0
        self.metrics: dict[str, str] = {}
        self.metric_lines: dict[str, int] = {}
        self.opportunities: list[model.Opportunity] = []
        self.notes: list[str] = []
        self.targets: list[model.Target] = []
        # Figures imported from data files: figure -> the file and line (see compiler.data).
        self.sources: dict[str, model.Origin] = {}


class StepBuilder(MeasuredBuilder):
    __slots__ = (
        "assumption",
        "delights",
        "emotions",
        "fail_point",
        "lanes",
        "moment_of_truth",
        "pains",
        "persona_refs",
        "thoughts",
        "touchpoints",
    )

    def __init__(
        self,
        id: str | None,
        name: str,
        origin: model.Origin,
        persona_refs: tuple[str, ...] | None = None,
        moment_of_truth: bool = False,
        fail_point: bool = False,
        assumption: bool = False,
    ) -> None:
        # Positional parameters and no `super()`: a big journey makes
        # thousands of steps, and each keyword matched costs time.
        MeasuredBuilder.__init__(self, id, name, origin)
        self.persona_refs = persona_refs
        self.moment_of_truth, self.fail_point, self.assumption = (
            moment_of_truth,
            fail_point,
            assumption,
        )
        self.touchpoints: list[model.Touchpoint] = []
        self.thoughts: list[str] = []
        self.emotions: list[model.Emotion] = []
        self.pains: list[str] = []
        self.delights: list[str] = []
        # Only the lanes the step uses, by name: most steps use a few or none,
        # and `model.Lanes` leaves the others empty. A plain dictionary: a
        # `defaultdict` costs ten times as much to make, once per step.
        self.lanes: dict[str, list[model.LaneItem]] = {}

    def freeze(self, all_personas: tuple[str, ...]) -> model.Step:
        personas = self.persona_refs if self.persona_refs is not None else all_personas
        lanes = self.lanes
        # The fields in the order `model.Step` declares them: passed by
        # position, as matching seventeen keywords took half the call.
        return model.Step(
            self.id or "",
            self.name or "",
            personas,
            self.moment_of_truth,
            self.fail_point,
            self.assumption,
            self.count,
            tuple(self.metrics.items()),
            tuple(self.touchpoints),
            tuple(self.thoughts),
            tuple(self.emotions),
            tuple(self.pains),
            tuple(self.delights),
            tuple(self.opportunities),
            _frozen_lanes(lanes) if lanes else _NO_LANES,
            tuple(self.notes),
            self.origin,
            tuple(self.targets),
            tuple(self.sources.items()),
        )


def _frozen_lanes(lanes: dict[str, list[model.LaneItem]]) -> model.Lanes:
    """A step's lanes, in the order of `model.Lanes`'s fields (`LANES`).

    Spelt out: a comprehension over `LANES` made a function object and ran a
    loop for every step with blueprint items, which this way does not. The
    assertion below keeps the two in step.
    """
    get = lanes.get
    return model.Lanes(
        tuple(get("evidence", ())),
        tuple(get("customer", ())),
        tuple(get("frontstage", ())),
        tuple(get("backstage", ())),
        tuple(get("support", ())),
        tuple(get("policy", ())),
    )


assert LANES == ("evidence", "customer", "frontstage", "backstage", "support", "policy")


class StageBuilder(MeasuredBuilder):
    __slots__ = ("steps",)

    def __init__(
        self, id: str | None = None, name: str | None = None, origin: model.Origin | None = None
    ) -> None:
        super().__init__(id, name, origin)
        self.steps: list[StepBuilder] = []

    def freeze(self, all_personas: tuple[str, ...]) -> model.Stage:
        # The fields in the order `model.Stage` declares them (see `StepBuilder.freeze`).
        return model.Stage(
            self.id,
            self.name,
            self.count,
            tuple(self.metrics.items()),
            tuple(self.opportunities),
            tuple(self.notes),
            tuple([step.freeze(all_personas) for step in self.steps]),
            self.origin,
            tuple(self.targets),
            tuple(self.sources.items()),
        )


class DocumentBuilder:
    __slots__ = (
        "channels",
        "description",
        "expectations",
        "flows",
        "notes",
        "personas",
        "scenario",
        "stages",
        "targets",
        "teams",
        "theme",
        "title",
    )

    def __init__(self) -> None:
        self.title: str | None = None
        self.description: str | None = None
        self.scenario: str | None = None
        self.theme: str | None = None
        self.expectations: list[str] = []
        self.notes: list[str] = []
        self.personas: list[PersonaBuilder] = []
        self.channels: list[ChannelBuilder] = []
        self.teams: list[TeamBuilder] = []
        self.stages: list[StageBuilder] = []
        self.flows: list[model.Flow] = []
        self.targets: list[model.Target] = []

    def freeze(self) -> model.Journey:
        persona_ids = tuple(p.id for p in self.personas)
        return model.Journey(
            title=self.title,
            description=self.description,
            scenario=self.scenario,
            expectations=tuple(self.expectations),
            theme=self.theme,
            notes=tuple(self.notes),
            personas=tuple(p.freeze() for p in self.personas),
            channels=tuple(c.freeze() for c in self.channels),
            teams=tuple(t.freeze() for t in self.teams),
            stages=tuple(s.freeze(persona_ids) for s in self.stages),
            flows=tuple(self.flows),
            targets=tuple(self.targets),
        )
