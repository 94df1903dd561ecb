"""Mutable builders the compiler fills in, frozen into `journeymap.model` at the end.

The model is immutable; while statements are walked, blocks need to grow.
Each builder holds exactly what its model class holds, plus the source
position needed for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap import model
from journeymap.model import LANES


@dataclass
class PersonaBuilder:
    id: str
    name: str
    origin: model.Origin
    lines: dict[str, list[str]] = field(
        default_factory=lambda: {k: [] for k in ("role", "goal", "need", "frustration", "quote")}
    )
    notes: list[str] = field(default_factory=list)

    def freeze(self) -> model.Persona:
        return model.Persona(
            self.id,
            self.name,
            role=tuple(self.lines["role"]),
            goal=tuple(self.lines["goal"]),
            need=tuple(self.lines["need"]),
            frustration=tuple(self.lines["frustration"]),
            quote=tuple(self.lines["quote"]),
            notes=tuple(self.notes),
            origin=self.origin,
        )


@dataclass
class ChannelBuilder:
    id: str
    name: str
    kind: str | None
    origin: model.Origin
    notes: list[str] = field(default_factory=list)

    def freeze(self) -> model.Channel:
        return model.Channel(self.id, self.name, self.kind, tuple(self.notes), self.origin)


@dataclass
class TeamBuilder:
    id: str
    name: str
    origin: model.Origin
    notes: list[str] = field(default_factory=list)

    def freeze(self) -> model.Team:
        return model.Team(self.id, self.name, tuple(self.notes), self.origin)


@dataclass
class MeasuredBuilder:
    """What stages and steps share: a count, metrics, opportunities, notes."""

    count: int | None = None
    count_line: int = 0
    metrics: dict[str, str] = field(default_factory=dict)
    metric_lines: dict[str, int] = field(default_factory=dict)
    opportunities: list[model.Opportunity] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class StepBuilder(MeasuredBuilder):
    id: str | None = None
    name: str = ""
    origin: model.Origin = field(default_factory=lambda: model.Origin("", 0))
    persona_refs: tuple[str, ...] | None = None
    moment_of_truth: bool = False
    fail_point: bool = False
    assumption: bool = False
    touchpoints: list[model.Touchpoint] = field(default_factory=list)
    thoughts: list[str] = field(default_factory=list)
    emotions: list[model.Emotion] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)
    delights: list[str] = field(default_factory=list)
    lanes: dict[str, list[model.LaneItem]] = field(
        default_factory=lambda: {lane: [] for lane in LANES}
    )

    def freeze(self, all_personas: tuple[str, ...]) -> model.Step:
        personas = self.persona_refs if self.persona_refs is not None else all_personas
        return model.Step(
            id=self.id or "",
            name=self.name,
            personas=personas,
            moment_of_truth=self.moment_of_truth,
            fail_point=self.fail_point,
            assumption=self.assumption,
            count=self.count,
            metrics=tuple(self.metrics.items()),
            touchpoints=tuple(self.touchpoints),
            thoughts=tuple(self.thoughts),
            emotions=tuple(self.emotions),
            pains=tuple(self.pains),
            delights=tuple(self.delights),
            opportunities=tuple(self.opportunities),
            lanes=model.Lanes(**{lane: tuple(items) for lane, items in self.lanes.items()}),
            notes=tuple(self.notes),
            origin=self.origin,
        )


@dataclass
class StageBuilder(MeasuredBuilder):
    id: str | None = None
    name: str | None = None
    origin: model.Origin | None = None
    steps: list[StepBuilder] = field(default_factory=list)

    def freeze(self, all_personas: tuple[str, ...]) -> model.Stage:
        return model.Stage(
            id=self.id,
            name=self.name,
            count=self.count,
            metrics=tuple(self.metrics.items()),
            opportunities=tuple(self.opportunities),
            notes=tuple(self.notes),
            steps=tuple(step.freeze(all_personas) for step in self.steps),
            origin=self.origin,
        )


@dataclass
class DocumentBuilder:
    title: str | None = None
    description: str | None = None
    scenario: str | None = None
    theme: str | None = None
    expectations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    personas: list[PersonaBuilder] = field(default_factory=list)
    channels: list[ChannelBuilder] = field(default_factory=list)
    teams: list[TeamBuilder] = field(default_factory=list)
    stages: list[StageBuilder] = field(default_factory=list)
    flows: list[model.Flow] = field(default_factory=list)

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
        )
