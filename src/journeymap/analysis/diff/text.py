"""Renderings of a semantic diff: readable text grouped by stage, Markdown, and JSON.

All three read the same `Change` records in the order `diff` produced them
(document, stages in the new order, flows). Marks: `+` added, `-` removed,
`~` changed or renamed, `>` moved; the Markdown form spells them out as
words so that meaning does not rest on a symbol.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from journeymap.analysis.diff.changes import Change, Kind, Scope
from journeymap.language.markdown_text import code, inline

FORMAT_VERSION = 1
_MARK = {
    Kind.ADDED: "+",
    Kind.REMOVED: "-",
    Kind.RENAMED: "~",
    Kind.CHANGED: "~",
    Kind.MOVED: ">",
}


def _q(text: str | None) -> str:
    return "(none)" if text is None else f"“{text}”"


def _head(change: Change) -> str:
    """`touchpoint t1`, `persona maya goal`, `touchpoint “Push message”`."""
    if change.key is None:
        return change.subject
    key = f"“{change.key}”" if " " in change.key and change.subject != "flow" else change.key
    owner, _, part = change.subject.partition(" ")
    return f"{owner} {key} {part}" if part else f"{owner} {key}"


def describe(change: Change) -> str:
    """One change as a phrase, without its mark: `pain: Slow form`, `count: 3 → 4`.

    Renames and moves leave the verb to the caller (`renamed step x: “A” → “B”`).
    """
    head = _head(change)
    if change.subject == "emotion" and change.key == "all":
        head = "emotion"  # no persona= on the line: every persona of the step
    if change.kind is Kind.ADDED:
        text = head if change.new is None else f"{head}: {change.new}"
    elif change.kind is Kind.REMOVED:
        text = head if change.old is None else f"{head}: {change.old}"
    elif change.kind is Kind.RENAMED:
        text = f"{head}: {_q(change.old)} → {_q(change.new)}"
    elif change.kind is Kind.MOVED:
        if change.field == "stage":
            text = f"{head}: from stage {_q(change.old)} to stage {_q(change.new)}"
        else:
            text = f"{head}: to another place among its neighbours"
    else:
        field = f" {change.field}" if change.field and change.subject != "emotion" else ""
        old = change.old if change.old is not None else "(none)"
        new = change.new if change.new is not None else "(none)"
        text = f"{head}{field}: {old} → {new}"
    return f"{text} ({change.detail})" if change.detail else text


def _text_line(change: Change) -> str:
    verb = f"{change.kind.value} " if change.kind in (Kind.RENAMED, Kind.MOVED) else ""
    return f"{_MARK[change.kind]} {verb}{describe(change)}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary(changes: list[Change]) -> str:
    """`5 changes: 2 added, 1 removed, 2 changed` (renames and moves count as changed)."""
    if not changes:
        return "no changes"
    counts = Counter(c.kind for c in changes)
    parts = [
        f"{counts[Kind.ADDED]} added" if counts[Kind.ADDED] else "",
        f"{counts[Kind.REMOVED]} removed" if counts[Kind.REMOVED] else "",
        f"{counts[Kind.RENAMED] + counts[Kind.CHANGED]} changed"
        if counts[Kind.RENAMED] + counts[Kind.CHANGED]
        else "",
        f"{counts[Kind.MOVED]} moved" if counts[Kind.MOVED] else "",
    ]
    noun = "change" if len(changes) == 1 else "changes"
    return f"{len(changes)} {noun}: " + ", ".join(p for p in parts if p)


def _stage_title(change: Change) -> str:
    if change.stage is None:
        return "steps before any stage"
    name = f": {change.stage_name}" if change.stage_name else ""
    return f"stage {change.stage}{name}"


def _is_step_content(change: Change) -> bool:
    """Inside a step, as opposed to the step itself appearing or disappearing."""
    return change.step is not None and not (
        change.subject == "step" and change.kind in (Kind.ADDED, Kind.REMOVED)
    )


Section = tuple[str, list[tuple[str | None, list[Change]]]]


def sections(changes: list[Change]) -> list[Section]:
    """Changes grouped: (section title, [(step ID or None, changes)]), in diff order."""
    out: list[Section] = []
    index: dict[tuple[str, str | None], int] = {}
    for change in changes:
        if change.scope is Scope.STAGE:
            title = _stage_title(change)
        else:
            title = "flows" if change.subject == "flow" else "document"
        step = change.step if _is_step_content(change) else None
        key = (title, None)
        if key not in index:
            index[key] = len(out)
            out.append((title, []))
        groups = out[index[key]][1]
        if groups and groups[-1][0] == step:
            groups[-1][1].append(change)
        else:
            groups.append((step, [change]))
    return out


def to_text(changes: list[Change], old_name: str = "OLD", new_name: str = "NEW") -> str:
    """The default output: a summary line, then changes grouped by stage and step."""
    lines = [f"{old_name} → {new_name}: {summary(changes)}"]
    for title, groups in sections(changes):
        lines += ["", _upper_first(title) if title in ("document", "flows") else title]
        for step, group in groups:
            indent = "  "
            if step is not None:
                lines.append(f"  step {step}")
                indent = "    "
            lines += [f"{indent}{_text_line(c)}" for c in group]
    return "\n".join(lines) + "\n"


def to_markdown(changes: list[Change], old_name: str = "OLD", new_name: str = "NEW") -> str:
    """A pull-request comment: a heading, the summary, a list per stage.

    Every piece of user text (file names included) goes through
    `journeymap.language.markdown_text`: it shows as typed, and opens no
    link, image or HTML.
    """
    lines = [
        f"### Journey changes: {inline(old_name)} → {inline(new_name)}",
        "",
        f"{_upper_first(summary(changes))}.",
    ]
    for title, groups in sections(changes):
        lines += ["", f"**{inline(_upper_first(title))}**", ""]
        for step, group in groups:
            indent = ""
            if step is not None:
                lines.append(f"- step {code(step)}")
                indent = "  "
            lines += [f"{indent}- **{c.kind.value}** {inline(describe(c))}" for c in group]
    return "\n".join(lines) + "\n"


def to_json(changes: list[Change], old_name: str = "OLD", new_name: str = "NEW") -> str:
    """`{"version", "old", "new", "equal", "summary", "changes": [...]}` for scripts."""
    records = [c._asdict() for c in changes]  # Kind and Scope are str enums: written as text
    document = {
        "version": FORMAT_VERSION,
        "old": old_name,
        "new": new_name,
        "equal": not changes,
        "summary": dict(Counter(c.kind.value for c in changes)),
        "changes": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[list[Change], str, str], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
}
