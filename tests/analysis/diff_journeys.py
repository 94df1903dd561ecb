"""Hypothesis strategies for `.journey` source: valid journeys written in untidy ways.

The meaning is drawn first (personas, stages, steps, their contents, flows
between IDs), then the text: random indentation, spacing around `:`, needless
or needed quotes, attribute order, own-line and end-of-line comments, blank
lines, CRLF endings. The formatter must keep the meaning of every one.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

Pairs = list[tuple[str, str | None]]

# Text a user might write: letters from several scripts, digits, punctuation,
# and the characters with lexical meaning (`#`, brackets, quotes, backslash).
_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\u2028\u2029",
)
_SPECIAL = st.sampled_from('#[]"\\\n \t#é名')
_TEXT = st.text(st.one_of(_ALPHABET, _SPECIAL), min_size=1, max_size=12).filter(
    lambda t: t.strip() != ""
)
_WORD = st.sampled_from(["Slow", "Fast", "Maybe", "C#", "Issue #42", "a:b", "50%", "x -> y"])
TEXT = st.one_of(_WORD, _TEXT)


def _escape(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _unquoted_ok(text: str) -> bool:
    """Conservative: text the lexer reads back unquoted as exactly itself."""
    if text != text.strip() or any(c in text for c in '[]"\n\t'):
        return False
    return "#" not in text or all(
        (i > 0 and not text[i - 1].isspace()) or (i + 1 < len(text) and not text[i + 1].isspace())
        for i, c in enumerate(text)
        if c == "#"
    )


BOOL = st.booleans()
_EQUALS = st.sampled_from(["=", " = "])
_COMMA = st.sampled_from([", ", ",", " , "])
_INDENT = st.sampled_from(["", "  ", "    ", "\t", "      "])
_COLON = st.sampled_from([": ", ":", " : ", ":   "])
_COMMENT = st.sampled_from(["", "", "", " # eol note", "\t#", "  #  spaced  "])
_FLAGS = st.lists(st.sampled_from(["moment-of-truth", "fail-point", "assumption"]), unique=True)
_TIER = st.sampled_from(["primary", "tertiary"])
_EXTRA: list[Pairs] = [[], [("url", "https://x.test/a b")], [("score", "4.5")]]
_MORE: list[Pairs] = [[], [("frequency", "daily")], [("assumption", None)]]
_EMOTION_ATTRS: list[Pairs] = [[], [("variant", "as-is"), ("persona", "p0")]]
_PROPERTIES = st.lists(st.sampled_from(["think", "pain", "delight", "note"]), max_size=3)
_SCORE = st.sampled_from(["-2", "-1", "0", "+1", "2"])
_LANE = st.sampled_from(["frontstage", "backstage", "support"])
_ARROW = st.sampled_from(["->", "-->", " -> "])
_BEFORE = st.sampled_from([[], [], [""], ["", ""], ["# own line"], ["   # indented", ""]])
_ENDING = st.sampled_from(["\n", "\r\n"])
_MAYBE_TEXT = st.one_of(st.none(), TEXT)


def _value(draw: st.DrawFn, text: str) -> str:
    """`text` as a statement value: quoted when it must be, sometimes when it need not."""
    if _unquoted_ok(text) and draw(BOOL):
        return text
    return _escape(text)


def _attributes(draw: st.DrawFn, pairs: Sequence[tuple[str, str | None]]) -> str:
    if not pairs:
        return ""
    parts = []
    for key, val in draw(st.permutations(pairs)):
        if val is None:
            parts.append(key)
        elif val.replace("-", "").replace("_", "").isalnum() and draw(BOOL):
            parts.append(f"{key}{draw(_EQUALS)}{val}")
        else:
            parts.append(f"{key}={_escape(val)}")
    return " [" + draw(_COMMA).join(parts) + "]"


def _line(draw: st.DrawFn, head: str, text: str | None, attrs: str = "") -> str:
    body = "" if text is None else draw(_COLON) + _value(draw, text)
    return f"{draw(_INDENT)}{head}{body}{attrs}{draw(_COMMENT)}"


def _step(draw: st.DrawFn, n: int, ids: list[str]) -> list[str]:
    """A step and its contents; IDs it declares are appended to `ids`."""
    sid = f"st{n}" if draw(BOOL) else None
    if sid:
        ids.append(sid)
    pairs: Pairs = [("persona", "p0")] if draw(BOOL) else []
    pairs += [(f, None) for f in draw(_FLAGS)]
    out = [_line(draw, f"step {sid}" if sid else "step", draw(TEXT), _attributes(draw, pairs))]
    for i in range(draw(st.integers(0, 2))):
        tid = f"tp{n}_{i}" if draw(BOOL) else None
        if tid:
            ids.append(tid)
        attrs: Pairs = [("channel", "web"), ("tier", draw(_TIER))]
        attrs += draw(st.sampled_from(_EXTRA)) + draw(st.sampled_from(_MORE))
        head = f"touchpoint {tid}" if tid else "touchpoint"
        out.append(_line(draw, head, draw(TEXT), _attributes(draw, attrs)))
    for keyword in draw(_PROPERTIES):
        out.append(_line(draw, keyword, draw(TEXT)))
    if draw(BOOL):
        attrs = draw(st.sampled_from(_EMOTION_ATTRS))
        label = f"{draw(_SCORE)} {draw(_WORD)}"
        out.append(_line(draw, "emotion", label, _attributes(draw, attrs)))
    if draw(BOOL):
        attrs = [("priority", "high"), ("owner", "ops")]
        out.append(_line(draw, "opportunity", draw(TEXT), _attributes(draw, attrs)))
    if draw(BOOL):
        lid = f"ln{n}" if draw(BOOL) else None
        if lid:
            ids.append(lid)
        lane = draw(_LANE)
        attrs = [("system", "CRM"), ("fail-point", None), ("ticket", "JIRA-1")]
        head = f"{lane} {lid}" if lid else lane
        out.append(_line(draw, head, draw(TEXT), _attributes(draw, attrs)))
    if draw(BOOL):
        out.append(_line(draw, "count", str(draw(st.integers(0, 5000)))))
    return out


@st.composite
def journey_source(draw: st.DrawFn) -> str:
    """The text of a valid journey, written untidily."""
    statements = [_line(draw, "journey", draw(TEXT)), _line(draw, "persona p0", draw(TEXT))]
    if draw(BOOL):
        statements.append(_line(draw, "goal", draw(TEXT)))
    statements.append(_line(draw, "channel web", "Web", _attributes(draw, [("kind", "digital")])))
    statements.append(_line(draw, "team ops", draw(TEXT)))
    ids: list[str] = []
    n = 0
    for s in range(draw(st.integers(1, 3))):
        statements.append(_line(draw, f"stage sg{s}" if draw(BOOL) else "stage", draw(TEXT)))
        if draw(BOOL):
            statements.append(_line(draw, "metric nps", draw(_WORD)))
        for _ in range(draw(st.integers(1, 3))):
            statements += _step(draw, n, ids)
            n += 1
    if len(ids) >= 2 and draw(BOOL):
        a, b = draw(st.permutations(ids))[:2]
        statements.append(_line(draw, f"{a}{draw(_ARROW)}{b}", draw(_MAYBE_TEXT)))
    out: list[str] = []
    for statement in statements:
        out += draw(_BEFORE)
        out.append(statement)
    ending = draw(_ENDING)
    return ending.join(out) + draw(st.sampled_from(["", ending, ending * 2]))
