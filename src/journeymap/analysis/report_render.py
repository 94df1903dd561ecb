"""Write a `Report` as text (terminals), Markdown (issues, pull requests) or JSON (dashboards).

Text and Markdown share one list of sections (a title, column headers and
rows of cells), so they always say the same; JSON is the records
themselves with sorted keys. Output ends with a newline and is the same on
every run.
"""

import json
from collections.abc import Callable
from typing import Any, NamedTuple

from journeymap.analysis.report import Report
from journeymap.language.markdown_text import code, inline
from journeymap.model.funnel import percent
from journeymap.model.targets import format_number

NONE = "\u2013"
"""An en dash for an empty cell: unlike `-`, it cannot be read as a minus sign."""
REPORT_VERSION = 1
"""The JSON's `version`: keys may be added, none renamed (as for the model's JSON)."""


class Section(NamedTuple):
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str
    """What to say when there are no rows."""
    footer: str | None = None


def _score(score: int) -> str:
    return f"+{score}" if score > 0 else str(score)


def _felt(score: int, label: str | None) -> str:
    return f"{_score(score)} {label}" if label else _score(score)


def _switches(report: Report) -> Section:
    """Channel switches, each persona's along their own steps, and a sentence true of the data."""
    switches = report.switches
    by_persona = any(s.persona is not None for s in switches)
    headers = ("Persona", "From", "To", "Channels") if by_persona else ("From", "To", "Channels")
    rows = tuple(
        ((s.persona or NONE,) if by_persona else ())
        + (s.from_step, s.to_step, f"{s.from_channel} → {s.to_channel}")
        for s in switches
    )
    used = report.channels_used
    if not report.touchpoints:
        empty = "No touchpoints, so no channels to switch between."
    elif not used:
        empty = "No touchpoint names a channel, so there are no switches to count."
    elif len(used) == 1:
        empty = f"No switches: every touchpoint is on one channel, `{used[0]}`."
    else:
        empty = (
            f"No switches: {len(used)} channels are used ({', '.join(used)}), but no step's "
            "main channel differs from the one before it."
        )
    return Section("Channel switches", headers, rows, empty, _switch_count(report))


def _switch_count(report: Report) -> str | None:
    n = len(report.switches)
    if n == 0:
        return None
    total = "1 switch" if n == 1 else f"{n} switches"
    personas: dict[str, int] = {}
    for s in report.switches:
        if s.persona is not None:
            personas[s.persona] = personas.get(s.persona, 0) + 1
    if not personas:
        return f"{total}."
    each = ", ".join(f"{persona} {count}" for persona, count in personas.items())
    return f"{total} ({each})."


def _list(items: tuple[str, ...]) -> str:
    return ", ".join(items) if items else NONE


def _backticks(text: str) -> str:
    return f"`{text}`"


def sections(report: Report, name: Callable[[str], str] = _backticks) -> list[Section]:
    """The report's sections, in reading order.

    Cells hold user text as it is (each writer escapes them); `name` shows a
    name inside fixed prose (a footer), escaped for the writer's format.
    """
    funnel = report.funnel
    counted = [s for s in funnel.stages if s.count is not None]
    footer = None
    if funnel.overall is not None:
        footer = f"Overall conversion: {percent(funnel.overall)}."
    if funnel.biggest_drop is not None:
        footer = (
            footer + " " if footer else ""
        ) + f"Biggest drop-off: {name(funnel.biggest_drop)}."
    return [
        *_targets(report),
        *_baseline(report, name),
        Section(
            "Lowest emotion points",
            ("Curve", "Step", "Emotion"),
            tuple((p.curve, p.step, _felt(p.score, p.label)) for p in report.lowest),
            "No emotions recorded.",
        ),
        Section(
            "Steepest falls",
            ("Curve", "From", "To", "Fall"),
            tuple(
                (
                    f.curve,
                    f"{f.from_step} ({_score(f.from_score)})",
                    f"{f.to_step} ({_score(f.to_score)})",
                    str(f.drop),
                )
                for f in report.falls
            ),
            "No falls between consecutive steps.",
        ),
        Section(
            "Funnel",
            ("Stage", "Count", "Conversion"),
            tuple(
                (
                    s.stage or "(unnamed)",
                    f"{s.count:,}" if s.count is not None else NONE,
                    percent(s.conversion) if s.conversion is not None else NONE,
                )
                for s in funnel.stages
            )
            if counted
            else (),
            "No stage has a count.",
            footer,
        ),
        Section(
            "Pain points by stage",
            ("Stage", "Pains"),
            tuple((t.key or "(unnamed)", str(t.pains)) for t in report.pains_by_stage),
            "No pain points.",
        ),
        Section(
            "Pain points by channel",
            ("Channel", "Pains"),
            tuple((t.key, str(t.pains)) for t in report.pains_by_channel),
            "No pain points.",
        ),
        Section(
            "Touchpoints with the most pains",
            ("Touchpoint", "Step", "Channel", "Pains"),
            tuple(
                (t.label, t.step, t.channel or NONE, str(t.pains))
                for t in report.touchpoints_by_pains
            ),
            "No touchpoint sits in a step with pains.",
        ),
        Section(
            "Touchpoints with the lowest scores",
            ("Touchpoint", "Step", "Score"),
            tuple((t.label, t.step, t.score or NONE) for t in report.touchpoints_by_score),
            "No touchpoint has a `score=`.",
        ),
        Section(
            "Channel coverage",
            ("Stage", "Channels", "Not used"),
            tuple(
                (c.stage or "(unnamed)", _list(c.channels), _list(c.missing))
                for c in report.coverage
            ),
            "No stages.",
        ),
        _switches(report),
        Section(
            "Opportunities by priority",
            ("Priority", "Opportunity", "Where", "Owner"),
            tuple(
                (
                    o.priority or NONE,
                    o.text + (" (assumption)" if o.assumption else ""),
                    o.where or "(unnamed)",
                    o.owner or "nobody",
                )
                for o in report.opportunities
            ),
            "No opportunities.",
        ),
        Section(
            "What each team owns",
            ("Team", "Touchpoints", "Lane items", "Opportunities", "Pains in their steps"),
            tuple(
                (
                    t.team,
                    str(len(t.touchpoints)),
                    str(len(t.lane_items)),
                    str(len(t.opportunities)),
                    str(len(t.pains)),
                )
                for t in report.teams
            ),
            "No teams.",
        ),
        Section(
            "Moments of truth",
            ("Step", "Emotions"),
            tuple(
                (m.step, _list(tuple(f"{p.curve} {_felt(p.score, p.label)}" for p in m.emotions)))
                for m in report.moments
            ),
            "No step is marked `moment-of-truth`.",
        ),
        Section(
            "Fail points",
            ("Where", "What", "Owners"),
            tuple(
                (f.step if f.kind == "step" else f"{f.step} ({f.kind})", f.text, _list(f.owners))
                for f in report.fail_points
            ),
            "No fail points.",
        ),
    ]


def _targets(report: Report) -> list[Section]:
    """The targets, judged: a section only for a journey that sets targets."""
    if not report.targets:
        return []
    rows = tuple(
        (
            t.where,
            f"{t.name} {t.op} {format_number(t.value)}",
            NONE if t.actual is None else format_number(t.actual),
            t.state,
        )
        for t in report.targets
    )
    missed = sum(t.state == "missed" for t in report.targets)
    met = sum(t.state == "met" for t in report.targets)
    footer = f"{met} met, {missed} missed, {len(rows) - met - missed} without data."
    return [Section("Targets", ("Where", "Target", "Value", "State"), rows, "", footer)]


def _signed(value: float, as_percent: bool) -> str:
    if value == 0:
        return "0"
    if as_percent:
        # A change of conversion is in percentage points, not a percent of a percent.
        points = round(value * 100, 1)
        return f"{'+' if points >= 0 else '-'}{format_number(abs(points))} pp"
    return f"{'+' if value >= 0 else '-'}{format_number(abs(value))}"


def _figure(value: float | None, as_percent: bool) -> str:
    if value is None:
        return NONE
    return percent(value) if as_percent else format_number(value)


def _state(actual: float | None, state: str | None) -> str:
    if state is None:
        return "(no such target)"
    return state if actual is None else f"{state} ({format_number(actual)})"


def _baseline(report: Report, name: Callable[[str], str]) -> list[Section]:
    """The change since the baseline: figures, then targets (only with `--baseline`)."""
    baseline = report.baseline
    if baseline is None:
        return []
    rows = []
    for f in baseline.figures:
        ratio = f.figure == "conversion"
        if f.change is not None:
            change = _signed(f.change, ratio)
        else:
            change = "new" if f.before is None else "gone"
        where = f.where or "(unnamed)"
        rows.append(
            (
                f"{f.kind} {where}",
                f.figure,
                _figure(f.before, ratio),
                _figure(f.after, ratio),
                change,
            )
        )
    moved = sum(1 for f in baseline.figures if f.change != 0)
    footer = f"Compared with {name(baseline.label)}: {moved} of {len(rows)} figures changed."
    out = [
        Section(
            "Change since the baseline",
            ("Where", "Figure", "Before", "After", "Change"),
            tuple(rows),
            f"Neither {name(baseline.label)} nor this journey has figures.",
            footer if rows else None,
        )
    ]
    if baseline.targets:
        out.append(
            Section(
                "Targets since the baseline",
                ("Where", "Target", "Before", "After"),
                tuple(
                    (
                        t.where,
                        f"{t.name} {t.op} {format_number(t.value)}",
                        _state(t.before, t.before_state),
                        _state(t.after, t.after_state),
                    )
                    for t in baseline.targets
                ),
                "",
            )
        )
    return out


def _title(report: Report) -> str:
    return f"Journey report: {report.title}" if report.title else "Journey report"


def report_text(report: Report) -> str:
    """Aligned plain-text columns, one block per section."""
    out = [_title(report), "=" * len(_title(report))]
    for section in sections(report):
        out += ["", section.title, "-" * len(section.title)]
        if not section.rows:
            out.append(section.empty)
            continue
        table = [section.headers, *section.rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(section.headers))]
        for row in table:
            out.append(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
        if section.footer:
            out.append(section.footer)
    return "\n".join(out) + "\n"


def report_markdown(report: Report) -> str:
    """GitHub-flavoured Markdown: a heading and a table per section.

    Every piece of user text goes through `journeymap.language.markdown_text`:
    it shows as typed, and opens no link, image, HTML or new cell.
    """
    out = [f"# {inline(_title(report))}"]
    for section in sections(report, code):
        out += ["", f"## {section.title}", ""]
        if not section.rows:
            out.append(section.empty)
            continue
        out.append("| " + " | ".join(section.headers) + " |")
        out.append("|" + "|".join(" --- " for _ in section.headers) + "|")
        out += ["| " + " | ".join(inline(c) for c in row) + " |" for row in section.rows]
        if section.footer:
            out += ["", section.footer]
    return "\n".join(out) + "\n"


def as_plain(value: Any) -> Any:
    """`value` as JSON shows it: every record a dict of its fields, all the way down."""
    if not isinstance(value, tuple):
        return value
    names: tuple[str, ...] | None = getattr(value, "_fields", None)
    if names is None:
        return [as_plain(item) for item in value]
    return {name: as_plain(item) for name, item in zip(names, value, strict=True)}


def report_json(report: Report) -> str:
    """The whole report, every ranked list in rank order, keys sorted."""
    data = {"version": REPORT_VERSION, **as_plain(report)}
    if not report.targets:
        del data["targets"]  # a journey without targets reports as before
    if report.baseline is None:
        del data["baseline"]  # only `--baseline` adds the section
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
