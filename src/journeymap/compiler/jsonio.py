"""The JSON form of a journey (LANGUAGE.md section 9): dump, and load with checks.

`dump` writes the model field for field; `load` reads the same shape back,
naming the JSON path of any missing or mistyped key, so scripts can
generate or post-process maps. Objects that came from a source line carry
`"line"`, plus `"file"` when that line is in an included file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from journeymap.model import journey as model
from journeymap.model.diagnostics import Collector, Location
from journeymap.model.journey import KINDS, LANES, PHASES, PRIORITIES, TIERS
from journeymap.model.links import LINK_KEY, is_page_path, link_target
from journeymap.model.targets import MET, MISSED, NO_DATA, compare, document_figure, figure

FORMAT_VERSION = 1
JsonObject = dict[str, Any]
T = TypeVar("T")


# -- dump ----------------------------------------------------------------------


def _where(origin: model.Origin | None, main: str | None) -> JsonObject:
    if origin is None:
        return {}
    if main is not None and origin.file != main:
        return {"line": origin.line, "file": origin.file}
    return {"line": origin.line}


def _attributes(attrs: model.Attributes) -> JsonObject:
    return dict(attrs)


def _number(value: float | None) -> float | int | None:
    """A target's number as JSON: `500`, not `500.0`."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


def _targets(
    targets: tuple[model.Target, ...], actual: float | None, main: str | None
) -> JsonObject:
    """`targets` (LANGUAGE.md section 5), judged against `actual`; no key when there are none."""
    if not targets:
        return {}
    out = []
    for target in targets:
        if actual is None:
            state = NO_DATA
        else:
            state = MET if compare(target.op, actual, target.value) else MISSED
        out.append(
            {
                "name": target.name,
                "op": target.op,
                "value": _number(target.value),
                "actual": _number(actual),
                "state": state,
                **_where(target.origin, main),
            }
        )
    return {"targets": out}


def _block_targets(block: model.Stage | model.Step, main: str | None) -> JsonObject:
    """A stage's or step's targets, each judged against its own figure."""
    if not block.targets:
        return {}
    out: list[JsonObject] = []
    for target in block.targets:
        out += _targets((target,), figure(block, target.name), main)["targets"]
    return {"targets": out}


def _document_targets(journey: model.Journey, main: str | None) -> JsonObject:
    """The document's targets (`count` is the last stage's that has one)."""
    if not journey.targets:
        return {}
    out: list[JsonObject] = []
    for target in journey.targets:
        actual = document_figure(journey, target.name)
        out += _targets((target,), actual, main)["targets"]
    return {"targets": out}


def _sources(sources: model.Sources) -> JsonObject:
    """Where imported figures came from; no key when nothing was imported."""
    if not sources:
        return {}
    return {"sources": {name: {"file": o.file, "line": o.line} for name, o in sources}}


def dump(journey: model.Journey, main_file: str | None = None) -> JsonObject:
    """The JSON object for `journey`; `main_file` decides which lines need a `file`."""

    def opportunity(o: model.Opportunity) -> JsonObject:
        return {
            "text": o.text,
            "owner": o.owner,
            "priority": o.priority,
            "assumption": o.assumption,
            **_where(o.origin, main_file),
        }

    def lane_item(item: model.LaneItem) -> JsonObject:
        return {
            "id": item.id,
            "text": item.text,
            "owner": item.owner,
            "system": item.system,
            "duration": item.duration,
            "wait": item.wait,
            "fail_point": item.fail_point,
            "assumption": item.assumption,
            "attributes": _attributes(item.attributes),
            **_where(item.origin, main_file),
        }

    def step(s: model.Step) -> JsonObject:
        return {
            "id": s.id,
            "name": s.name,
            "personas": list(s.personas),
            "moment_of_truth": s.moment_of_truth,
            "fail_point": s.fail_point,
            "assumption": s.assumption,
            "count": s.count,
            "metrics": dict(s.metrics),
            "touchpoints": [
                {
                    "id": t.id,
                    "label": t.label,
                    "channel": t.channel,
                    "kind": t.kind,
                    "tier": t.tier,
                    "phase": t.phase,
                    "owner": t.owner,
                    "assumption": t.assumption,
                    "attributes": _attributes(t.attributes),
                    **_sources(t.sources),
                    **_where(t.origin, main_file),
                }
                for t in s.touchpoints
            ],
            "thoughts": list(s.thoughts),
            "emotions": [
                {
                    "score": e.score,
                    "label": e.label,
                    "persona": e.persona,
                    "variant": e.variant,
                    **_where(e.origin, main_file),
                }
                for e in s.emotions
            ],
            "pains": list(s.pains),
            "delights": list(s.delights),
            "opportunities": [opportunity(o) for o in s.opportunities],
            "lanes": {lane: [lane_item(i) for i in s.lanes.lane(lane)] for lane in LANES},
            "notes": list(s.notes),
            **_block_targets(s, main_file),
            **_sources(s.sources),
            **_where(s.origin, main_file),
        }

    return {
        "version": FORMAT_VERSION,
        "title": journey.title,
        "description": journey.description,
        "scenario": journey.scenario,
        "expectations": list(journey.expectations),
        "theme": journey.theme,
        "notes": list(journey.notes),
        "personas": [
            {
                "id": p.id,
                "name": p.name,
                "role": list(p.role),
                "goal": list(p.goal),
                "need": list(p.need),
                "frustration": list(p.frustration),
                "quote": list(p.quote),
                "notes": list(p.notes),
                **_where(p.origin, main_file),
            }
            for p in journey.personas
        ],
        "channels": [
            {
                "id": c.id,
                "name": c.name,
                "kind": c.kind,
                "notes": list(c.notes),
                **_where(c.origin, main_file),
            }
            for c in journey.channels
        ],
        "teams": [
            {"id": t.id, "name": t.name, "notes": list(t.notes), **_where(t.origin, main_file)}
            for t in journey.teams
        ],
        "stages": [
            {
                "id": st.id,
                "name": st.name,
                "count": st.count,
                "metrics": dict(st.metrics),
                "opportunities": [opportunity(o) for o in st.opportunities],
                "notes": list(st.notes),
                "steps": [step(s) for s in st.steps],
                **_block_targets(st, main_file),
                **_sources(st.sources),
                **_where(st.origin, main_file),
            }
            for st in journey.stages
        ],
        "flows": [
            {
                "from": f.source,
                "to": f.target,
                "label": f.label,
                "async": f.is_async,
                **_where(f.origin, main_file),
            }
            for f in journey.flows
        ],
        **_document_targets(journey, main_file),
    }


def dumps(journey: model.Journey, main_file: str | None = None) -> str:
    """`dump` as text: two-space indented, keys in contract order, final newline."""
    return json.dumps(dump(journey, main_file), ensure_ascii=False, indent=2) + "\n"


# -- load ------------------------------------------------------------------------


class _Reader:
    """Walks untrusted JSON, reporting problems by JSON path, at their line and column."""

    def __init__(self, file: str, diagnostics: Collector, text: str = "") -> None:
        self.file = file
        self.diagnostics = diagnostics
        self.source = text
        self.ok = True
        # Missing keys by the path of their object, reported together at the end.
        self.missing: dict[str, list[str]] = {}

    def error(self, code: str, message: str, at: str = "$") -> None:
        """Report a problem with the value at JSON path `at` (in the message's notation)."""
        self.ok = False
        line, column = locate(self.source, at) if self.source else (0, 1)
        self.diagnostics.error(code, message, Location(self.file, line, column))

    def check_link(self, value: str | bool, at: str) -> None:
        """W230 at `at` when a free `url=` is drawn as text, not as a link (see attributes.py)."""
        if isinstance(value, str) and (link_target(value) is not None or is_page_path(value)):
            return
        line, column = locate(self.source, at) if self.source else (0, 1)
        self.diagnostics.warning(
            "W230",
            f"{at} is not an absolute http(s) address: it is drawn as text, not as a link",
            Location(self.file, line, column),
            'give "https://host/path" (no credentials, spaces or quotes)',
        )

    def report_missing(self) -> None:
        """One message per object with missing keys, at the object."""
        for path, keys in self.missing.items():
            names = ", ".join(f"`{key}`" for key in keys)
            plural = "s" if len(keys) > 1 else ""
            self.error("E502", f"missing key{plural} {names} at {path}", path)
        self.missing.clear()

    def get(
        self, obj: JsonObject, key: str, path: str, kinds: tuple[type, ...], nullable: bool = False
    ) -> Any:
        if key not in obj:
            self.ok = False
            self.missing.setdefault(path, []).append(key)
            return None
        value = obj[key]
        if value is None and nullable:
            return None
        if isinstance(value, bool) and bool not in kinds:
            value_ok = False
        else:
            value_ok = isinstance(value, kinds)
        if not value_ok:
            wanted = " or ".join(_TYPE_NAMES[k] for k in kinds) + (" or null" if nullable else "")
            self.error(
                "E503", f"{path}.{key} must be {wanted}, not {_json_type(value)}", f"{path}.{key}"
            )
            return None
        return value

    def text(self, obj: JsonObject, key: str, path: str, nullable: bool = False) -> str | None:
        value = self.get(obj, key, path, (str,), nullable)
        return value if isinstance(value, str) else None

    def flag(self, obj: JsonObject, key: str, path: str) -> bool:
        return self.get(obj, key, path, (bool,)) is True

    def strings(self, obj: JsonObject, key: str, path: str) -> tuple[str, ...]:
        items = self.get(obj, key, path, (list,))
        if not isinstance(items, list):
            return ()
        result = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                result.append(item)
            else:
                where = f"{path}.{key}[{i}]"
                self.error("E503", f"{where} must be a string, not {_json_type(item)}", where)
        return tuple(result)

    def objects(
        self, obj: JsonObject, key: str, path: str, read: Callable[[JsonObject, str], T | None]
    ) -> tuple[T, ...]:
        items = self.get(obj, key, path, (list,))
        if not isinstance(items, list):
            return ()
        result = []
        for i, item in enumerate(items):
            where = f"{path}.{key}[{i}]"
            if not isinstance(item, dict):
                self.error("E503", f"{where} must be an object, not {_json_type(item)}", where)
                continue
            value = read(item, where)
            if value is not None:
                result.append(value)
        return tuple(result)

    def word(self, obj: JsonObject, key: str, path: str, words: tuple[str, ...]) -> str | None:
        value = self.text(obj, key, path, nullable=True)
        if value is not None and value not in words:
            self.error(
                "E504",
                f"{path}.{key} must be one of {', '.join(words)}, not `{value}`",
                f"{path}.{key}",
            )
            return None
        return value

    def count(self, obj: JsonObject, path: str) -> int | None:
        value = self.get(obj, "count", path, (int,), nullable=True)
        if isinstance(value, int) and value < 0:
            self.error("E504", f"{path}.count must not be negative", f"{path}.count")
            return None
        return value if isinstance(value, int) else None

    def mapping(
        self, obj: JsonObject, key: str, path: str, flags: bool
    ) -> tuple[tuple[str, Any], ...]:
        value = self.get(obj, key, path, (dict,))
        if not isinstance(value, dict):
            return ()
        result = []
        for name, item in value.items():
            if isinstance(item, str) or (flags and item is True):
                result.append((name, item))
                if flags and name == LINK_KEY:  # free attributes: url= as in .journey files
                    self.check_link(item, f"{path}.{key}.{name}")
            else:
                wanted = "a string or true" if flags else "a string"
                where = f"{path}.{key}.{name}"
                self.error("E503", f"{where} must be {wanted}, not {_json_type(item)}", where)
        return tuple(result)

    def origin(self, obj: JsonObject, path: str) -> model.Origin | None:
        line = obj.get("line")
        if line is None:
            return None
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            self.error("E503", f"{path}.line must be a positive integer", f"{path}.line")
            return None
        file = obj.get("file", self.file)
        if not isinstance(file, str):
            self.error("E503", f"{path}.file must be a string", f"{path}.file")
            return None
        return model.Origin(file, line)


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "true or false",
    list: "a list",
    dict: "an object",
    float: "a number",
}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _read_journey(r: _Reader, data: JsonObject) -> model.Journey:
    def opportunity(o: JsonObject, p: str) -> model.Opportunity:
        return model.Opportunity(
            r.text(o, "text", p) or "",
            r.text(o, "owner", p, True),
            r.word(o, "priority", p, PRIORITIES),
            r.flag(o, "assumption", p),
            r.origin(o, p),
        )

    def lane_item(o: JsonObject, p: str) -> model.LaneItem:
        return model.LaneItem(
            r.text(o, "id", p, True),
            r.text(o, "text", p) or "",
            r.text(o, "owner", p, True),
            r.text(o, "system", p, True),
            r.text(o, "duration", p, True),
            r.text(o, "wait", p, True),
            r.flag(o, "fail_point", p),
            r.flag(o, "assumption", p),
            r.mapping(o, "attributes", p, flags=True),
            r.origin(o, p),
        )

    def touchpoint(o: JsonObject, p: str) -> model.Touchpoint:
        return model.Touchpoint(
            r.text(o, "id", p, True),
            r.text(o, "label", p) or "",
            r.text(o, "channel", p, True),
            r.word(o, "kind", p, KINDS),
            r.word(o, "tier", p, TIERS),
            r.word(o, "phase", p, PHASES),
            r.text(o, "owner", p, True),
            r.flag(o, "assumption", p),
            r.mapping(o, "attributes", p, flags=True),
            r.origin(o, p),
            sources(o, p),
        )

    def emotion(o: JsonObject, p: str) -> model.Emotion | None:
        score = r.get(o, "score", p, (int,))
        if isinstance(score, int) and not -2 <= score <= 2:
            r.error("E504", f"{p}.score must be from -2 to 2, not {score}", f"{p}.score")
        return model.Emotion(
            score if isinstance(score, int) else 0,
            r.text(o, "label", p, True),
            r.text(o, "persona", p, True),
            r.text(o, "variant", p, True),
            r.origin(o, p),
        )

    def lanes(o: JsonObject, p: str) -> model.Lanes:
        value = r.get(o, "lanes", p, (dict,))
        if not isinstance(value, dict):
            return model.Lanes()
        where = f"{p}.lanes"
        return model.Lanes(**{lane: r.objects(value, lane, where, lane_item) for lane in LANES})

    def target(o: JsonObject, p: str) -> model.Target | None:
        name = r.text(o, "name", p)
        op = r.word(o, "op", p, (">=", "<=", ">", "<"))
        value = r.get(o, "value", p, (int, float))
        if name is None or op is None or not isinstance(value, int | float):
            return None
        return model.Target(name, op, float(value), r.origin(o, p))

    def targets(o: JsonObject, p: str) -> tuple[model.Target, ...]:
        # Optional: a model without targets has no key (the state is worked out again).
        return r.objects(o, "targets", p, target) if "targets" in o else ()

    def sources(o: JsonObject, p: str) -> model.Sources:
        # Optional, as `targets`; a JSON model never re-reads its data files.
        value = o.get("sources")
        if not isinstance(value, dict):
            return ()
        found = []
        for name, where in value.items():
            if isinstance(where, dict) and isinstance(where.get("file"), str):
                line = where.get("line")
                if isinstance(line, int) and not isinstance(line, bool):
                    found.append((name, model.Origin(where["file"], line)))
        return tuple(found)

    def step(o: JsonObject, p: str) -> model.Step:
        return model.Step(
            r.text(o, "id", p) or "",
            r.text(o, "name", p) or "",
            r.strings(o, "personas", p),
            r.flag(o, "moment_of_truth", p),
            r.flag(o, "fail_point", p),
            r.flag(o, "assumption", p),
            r.count(o, p),
            r.mapping(o, "metrics", p, flags=False),
            r.objects(o, "touchpoints", p, touchpoint),
            r.strings(o, "thoughts", p),
            r.objects(o, "emotions", p, emotion),
            r.strings(o, "pains", p),
            r.strings(o, "delights", p),
            r.objects(o, "opportunities", p, opportunity),
            lanes(o, p),
            r.strings(o, "notes", p),
            r.origin(o, p),
            targets(o, p),
            sources(o, p),
        )

    def stage(o: JsonObject, p: str) -> model.Stage:
        return model.Stage(
            r.text(o, "id", p, True),
            r.text(o, "name", p, True),
            r.count(o, p),
            r.mapping(o, "metrics", p, flags=False),
            r.objects(o, "opportunities", p, opportunity),
            r.strings(o, "notes", p),
            r.objects(o, "steps", p, step),
            r.origin(o, p),
            targets(o, p),
            sources(o, p),
        )

    def persona(o: JsonObject, p: str) -> model.Persona:
        return model.Persona(
            r.text(o, "id", p) or "",
            r.text(o, "name", p) or "",
            r.strings(o, "role", p),
            r.strings(o, "goal", p),
            r.strings(o, "need", p),
            r.strings(o, "frustration", p),
            r.strings(o, "quote", p),
            r.strings(o, "notes", p),
            r.origin(o, p),
        )

    def channel(o: JsonObject, p: str) -> model.Channel:
        return model.Channel(
            r.text(o, "id", p) or "",
            r.text(o, "name", p) or "",
            r.word(o, "kind", p, KINDS),
            r.strings(o, "notes", p),
            r.origin(o, p),
        )

    def team(o: JsonObject, p: str) -> model.Team:
        return model.Team(
            r.text(o, "id", p) or "",
            r.text(o, "name", p) or "",
            r.strings(o, "notes", p),
            r.origin(o, p),
        )

    def flow(o: JsonObject, p: str) -> model.Flow:
        return model.Flow(
            r.text(o, "from", p) or "",
            r.text(o, "to", p) or "",
            r.text(o, "label", p, True),
            r.flag(o, "async", p),
            r.origin(o, p),
        )

    version = r.get(data, "version", "$", (int,))
    if isinstance(version, int) and version != FORMAT_VERSION:
        r.error(
            "E504",
            f"$.version is {version}; this journeymap reads version {FORMAT_VERSION}",
            "$.version",
        )
    return model.Journey(
        title=r.text(data, "title", "$", True),
        description=r.text(data, "description", "$", True),
        scenario=r.text(data, "scenario", "$", True),
        expectations=r.strings(data, "expectations", "$"),
        theme=r.text(data, "theme", "$", True),
        notes=r.strings(data, "notes", "$"),
        personas=r.objects(data, "personas", "$", persona),
        channels=r.objects(data, "channels", "$", channel),
        teams=r.objects(data, "teams", "$", team),
        stages=r.objects(data, "stages", "$", stage),
        flows=r.objects(data, "flows", "$", flow),
        targets=targets(data, "$"),
    )


def _check_ids(r: _Reader, journey: model.Journey) -> None:
    """Duplicate IDs and flow ends, as the compiler checks them for source files."""
    seen: dict[str, str] = {}
    flow_ends: set[str] = set()

    def claim(identifier: str | None, kind: str, path: str) -> None:
        if identifier is None:
            return
        if identifier in seen:
            r.error(
                "E301",
                f"duplicate ID `{identifier}`: it is already a {seen[identifier]}",
                f"{path}.id",
            )
        seen[identifier] = kind

    for i, p in enumerate(journey.personas):
        claim(p.id, "persona", f"$.personas[{i}]")
    for i, c in enumerate(journey.channels):
        claim(c.id, "channel", f"$.channels[{i}]")
    for i, t in enumerate(journey.teams):
        claim(t.id, "team", f"$.teams[{i}]")
    for i, stage in enumerate(journey.stages):
        claim(stage.id, "stage", f"$.stages[{i}]")
        for j, s in enumerate(stage.steps):
            where = f"$.stages[{i}].steps[{j}]"
            claim(s.id, "step", where)
            flow_ends.add(s.id)
            _check_emotions(r, s, where, {p.id for p in journey.personas})
            for k, tp in enumerate(s.touchpoints):
                claim(tp.id, "touchpoint", f"{where}.touchpoints[{k}]")
                flow_ends.add(tp.id or "")
            for lane in LANES:
                for k, item in enumerate(s.lanes.lane(lane)):
                    claim(item.id, "lane item", f"{where}.lanes.{lane}[{k}]")
                    flow_ends.add(item.id or "")
    flow_ends.discard("")
    for i, f in enumerate(journey.flows):
        for key, end in (("from", f.source), ("to", f.target)):
            if end not in flow_ends:
                at = f"$.flows[{i}].{key}"
                r.error("E302", f"{at}: unknown flow end `{end}`", at)


def place_of_line(text: str, line: int) -> tuple[int, int] | None:
    """Where in the JSON `text` the object that came from source line `line` starts.

    A model's `"line"` is a line of the `.journey` it was made from (of the
    main file, when the object has no `"file"`); a warning about that object
    is shown at the object in the JSON instead. None when no object has it.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    found = _path_of_line(data, line, "$")
    return None if found is None else locate(text, found)


def _path_of_line(value: Any, line: int, path: str) -> str | None:
    if isinstance(value, dict):
        if value.get("line") == line and "file" not in value:
            return path
        items: Any = value.items()
        for key, item in items:
            found = _path_of_line(item, line, f"{path}.{key}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _path_of_line(item, line, f"{path}[{i}]")
            if found is not None:
                return found
    return None


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
"""The JSON string reader: it ends a key where the text does, escapes and all."""


def _check_emotions(r: _Reader, step: model.Step, where: str, declared: set[str]) -> None:
    """The language's emotion rules (LANGUAGE.md section 5) on a step read from JSON."""
    seen: dict[tuple[str | None, str | None], int] = {}
    for k, emotion in enumerate(step.emotions):
        at = f"{where}.emotions[{k}]"
        key = (emotion.persona, emotion.variant)
        if key in seen:
            who = f"persona `{emotion.persona}`" if emotion.persona else "the step's personas"
            r.error(
                "E209",
                f"{at}: a second emotion for {who} on this step; the first is "
                f"{where}.emotions[{seen[key]}]",
                at,
            )
            continue
        seen[key] = k
        persona = emotion.persona
        # A step naming an undeclared persona of its own is not held to it (as in source).
        involved = step.personas
        off = persona in declared and persona not in involved
        if involved and off and declared.issuperset(involved):
            listed = ", ".join(f"`{p}`" for p in involved)
            r.error(
                "E210",
                f"{at}.persona: persona `{persona}` is not on step `{step.id}`; "
                f"its personas are {listed}",
                f"{at}.persona",
            )


_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_SPACE = " \t\n\r"


def locate(text: str, path: str) -> tuple[int, int]:
    """The line and column (1-based) of the value at JSON `path` (`$.stages[2].name`) in `text`.

    Only called for an error, so it walks the text afresh: down the path, past
    each member or item before the one it wants. When the path leads nowhere
    (the key is missing), it stops at the deepest value it reached.
    """
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    for match in _PATH_PART.finditer(path):
        key, item = match.group(1), match.group(2)
        found = _member(text, index, decoder, key) if key is not None else None
        if item is not None:
            found = _item(text, index, decoder, int(item))
        if found is None:
            break
        index = found
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACE:
        index += 1
    return index


def _member(text: str, index: int, decoder: json.JSONDecoder, key: str) -> int | None:
    """Where the value of `key` starts in the object at `index`, or None."""
    if not text.startswith("{", index):
        return None
    index = _skip_space(text, index + 1)
    while index < len(text) and text[index] == '"':
        name, index = _scanstring(text, index + 1)
        index = _skip_space(text, index)
        if not text.startswith(":", index):
            return None
        index = _skip_space(text, index + 1)
        if name == key:
            return index
        _, index = decoder.raw_decode(text, index)
        index = _skip_space(text, index)
        if not text.startswith(",", index):
            return None
        index = _skip_space(text, index + 1)
    return None


def _item(text: str, index: int, decoder: json.JSONDecoder, wanted: int) -> int | None:
    """Where item `wanted` starts in the list at `index`, or None."""
    if not text.startswith("[", index):
        return None
    index = _skip_space(text, index + 1)
    for _ in range(wanted):
        _, index = decoder.raw_decode(text, index)
        index = _skip_space(text, index)
        if not text.startswith(",", index):
            return None
        index = _skip_space(text, index + 1)
    return index if index < len(text) and text[index] != "]" else None


def loads(text: str, file: str, diagnostics: Collector) -> model.Journey | None:
    """Read a journey from JSON text; None (with diagnostics) when it is not valid."""
    diagnostics.add_source(file, text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        diagnostics.error("E501", f"invalid JSON: {exc.msg}", Location(file, exc.lineno, exc.colno))
        return None
    except RecursionError:
        diagnostics.error("E501", "invalid JSON: nested too deeply", Location(file))
        return None
    reader = _Reader(file, diagnostics, text)
    if not isinstance(data, dict):
        reader.error("E503", f"$ must be an object, not {_json_type(data)}")
        return None
    journey = _read_journey(reader, data)
    reader.report_missing()
    if reader.ok:
        _check_ids(reader, journey)
    return journey if reader.ok else None
