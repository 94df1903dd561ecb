"""What may be typed at the cursor: keywords, attribute keys, word-list values, IDs, themes.

Read from the text around the cursor only (the line, and the lines above it
up to the nearest block opener), so that it is as quick on a long file as on
a short one and works on text that does not parse yet. The IDs come from the
caller (`Index` declarations plus what the text declares now).
"""

import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from journeymap.language.keywords import KEYWORDS, AttrSpec, AttrType, Block
from journeymap.lsp.index import DECLARING, FLOW_ENDS
from journeymap.lsp.keyword_docs import MEANINGS

OPENERS = {"persona", "channel", "team", "stage", "step"}

_ID = r"[^\W\d][\w-]*"
_OPENER = re.compile(rf"\s*(persona|channel|team|stage|step)(?:\s+{_ID})?\s*:")
_FLOW_END = re.compile(rf"\s*{_ID}\s*--?>\s*([\w-]*)")
_THEME = re.compile(r"\s*theme\s*:\s*([\w.-]*)")
_FIRST_WORD = re.compile(r"\s*([\w-]*)")
_LINE_KEYWORD = re.compile(r"\s*([^\s:\[\]]+)")
_DECLARED = re.compile(rf"^[ \t]*({'|'.join(DECLARING)})[ \t]+({_ID})[ \t]*:", re.MULTILINE)


class Suggestion(NamedTuple):
    """One completion: what to insert, what it is, and a short description."""

    label: str
    kind: str  # "keyword", "attribute", "value", "id" or "theme"
    detail: str
    insert: str
    sort: str


class Completions(NamedTuple):
    """The suggestions at the cursor and how many characters before it they replace."""

    items: list[Suggestion]
    replaces: int


NONE = Completions([], 0)


def declared_in(text: str) -> dict[str, str]:
    """ID → kind of every ID the text declares explicitly (a quick look, not a parse)."""
    return {match.group(2): match.group(1) for match in _DECLARED.finditer(text)}


def block_at(lines: list[str], line: int) -> str:
    """The block the statement on `line` (0-based) would belong to: the nearest opener above."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        match = _OPENER.match(lines[number])
        if match:
            return match.group(1)
    return Block.DOCUMENT


def complete(
    lines: list[str],
    line: int,
    character: int,
    ids: Callable[[], Mapping[str, str]],
    themes: Callable[[], Iterable[str]],
) -> Completions:
    """What may be typed at 0-based `line` and `character`.

    `ids()` maps each declared ID to its kind and `themes()` gives the theme
    names; each is asked for only where the cursor needs it (keywords, the
    most common case, need neither).
    """
    if line >= len(lines):
        return NONE
    text = lines[line].rstrip("\r\n")
    prefix = text[:character]
    inside = _attribute_list(prefix)
    if inside is not None:
        return _attributes(text, inside, ids)
    match = _THEME.fullmatch(prefix)
    if match:
        typed = match.group(1)
        shipped = [_item(n, "theme", "shipped theme", "2") for n in themes()]
        return Completions(shipped, len(typed))
    match = _FLOW_END.fullmatch(prefix)
    if match:
        ends = [_item(i, "id", k, "1") for i, k in sorted(ids().items()) if k in FLOW_ENDS]
        return Completions(ends, len(match.group(1)))
    match = _FIRST_WORD.fullmatch(prefix)
    if match:
        return Completions(_keywords(block_at(lines, line)), len(match.group(1)))
    return NONE


def _item(label: str, kind: str, detail: str, sort: str, insert: str | None = None) -> Suggestion:
    return Suggestion(label, kind, detail, label if insert is None else insert, sort + label)


def _keywords(block: str) -> list[Suggestion]:
    """The keywords a statement may start with in `block`: the block's own first."""
    items = []
    for name, spec in KEYWORDS.items():
        if block not in spec.accepted_in:
            continue
        own = Block.DOCUMENT not in spec.accepted_in
        items.append(_item(name, "keyword", MEANINGS.get(name, ""), "0" if own else "1"))
    return items


def _attribute_list(prefix: str) -> str | None:
    """The text after the open `[` the cursor is in (quotes respected), or None."""
    quoted = False
    start: int | None = None
    escaped = False
    for i, char in enumerate(prefix):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "[":
            start = i + 1
        elif char == "]":
            start = None
    return None if start is None else prefix[start:]


def _split_outside_quotes(text: str) -> list[str]:
    """`text` cut at each comma outside quotes."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _attributes(line: str, inside: str, ids: Callable[[], Mapping[str, str]]) -> Completions:
    match = _LINE_KEYWORD.match(line)
    spec = KEYWORDS.get(match.group(1)) if match else None
    if spec is None:
        return NONE
    segment = _split_outside_quotes(inside)[-1].lstrip()
    if "=" not in segment:
        used = {part.split("=")[0].strip() for part in _split_outside_quotes(inside)[:-1]}
        keys = [
            _item(
                key,
                "attribute",
                _describe(attr),
                "0",
                key if attr.type == AttrType.FLAG else key + "=",
            )
            for key, attr in spec.attributes.items()
            if key not in used
        ]
        return Completions(keys, len(segment))
    key, typed = segment.split("=", 1)
    attr = spec.attributes.get(key.strip())
    if attr is None:
        return NONE
    if typed.startswith('"'):
        typed = typed[1:].split(",")[-1].lstrip()
    if attr.type == AttrType.WORD:
        return Completions([_item(w, "value", key.strip(), "0") for w in attr.words], len(typed))
    if attr.type in (AttrType.REF, AttrType.REFS):
        wanted = attr.refers_to
        named = [_item(i, "id", k, "0") for i, k in sorted(ids().items()) if k == wanted]
        return Completions(named, len(typed))
    return NONE


def _describe(attr: AttrSpec) -> str:
    if attr.type == AttrType.FLAG:
        return "flag"
    if attr.type == AttrType.WORD:
        return " | ".join(attr.words)
    if attr.refers_to:
        return f"a declared {attr.refers_to}"
    return "any value"
