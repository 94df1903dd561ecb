"""Small pure helpers for the compiler: automatic IDs, suggestions, value shapes.

>>> slug("Sees an Instagram ad!", "step")
'sees-an-instagram-ad'
>>> slug("1st visit", "stage")
'stage-1st-visit'
>>> slug("???", "step")
'step'
>>> did_you_mean("pian", ["pain", "persona"])
'pain'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache


class _Expressions:
    """The expressions these helpers match with, compiled together on first use.

    Compiled on first use rather than at import: many runs need none of them.
    """

    def __init__(self) -> None:
        self.identifier = re.compile(r"[^\W\d](?:[\w-]*\w)?")
        # An identifier, a number with an optional unit (2m, 62%, 4.5) or a #rrggbb colour.
        self.plain_attribute_value = re.compile(
            r"[^\W\d](?:[\w-]*\w)?|[+-]?[0-9]+(?:\.[0-9]+)?[^\W\d_]*%?|#[0-9a-fA-F]{6}"
        )
        self.count = re.compile(r"[0-9]+")
        self.ascii_run = re.compile(r"[a-z0-9]+")
        self.emotion = re.compile(r"(?s)([+-]?[0-9]+)(?:[ \t]+(.*))?")


@cache
def _expressions() -> _Expressions:
    return _Expressions()


def slug(name: str, kind: str) -> str:
    """The automatic ID for a stage or step called `name` (LANGUAGE.md section 5)."""
    lowered = name.lower()
    if lowered.isascii():
        # The common case, several times faster than the loop and equal to it
        # (a property test checks): ASCII letters and digits are the kept characters.
        result = "-".join(_expressions().ascii_run.findall(lowered))
    else:
        result = _slug_by_character(lowered)
    if not result:
        return kind
    if result[0].isdigit():
        return f"{kind}-{result}"
    return result


def _slug_by_character(lowered: str) -> str:
    """Letters and digits of any script kept, every other run of characters one `-`."""
    pieces: list[str] = []
    gap = False
    for char in lowered:
        if char.isalpha() or char.isdigit():
            if gap and pieces:
                pieces.append("-")
            pieces.append(char)
            gap = False
        else:
            gap = True
    return "".join(pieces)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt `word`, if any is close enough."""
    import difflib  # only a misspelling needs it; a clean render does not pay for it

    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def is_plain_attribute_value(value: str) -> bool:
    """Whether an unquoted attribute value has one of the allowed shapes."""
    return _expressions().plain_attribute_value.fullmatch(value) is not None


def parse_count(value: str) -> int | None:
    """A non-negative integer written in ASCII digits, or None."""
    return int(value) if _expressions().count.fullmatch(value) else None


@lru_cache(maxsize=1024)  # a map repeats its emotions ("+1 Relieved") step after step
def parse_emotion(value: str) -> tuple[int, str | None] | None:
    """`N label` -> (N, label or None); None when it does not start with an integer."""
    match = _expressions().emotion.fullmatch(value)
    if match is None:
        return None
    label = (match.group(2) or "").strip()
    return int(match.group(1)), label or None


def split_names(value: str) -> list[str]:
    """`"maya, leo"` -> ["maya", "leo"] (empty pieces dropped)."""
    if "," not in value:  # one name, the common case: the same result without the split
        name = value.strip()
        return [name] if name else []
    return [piece.strip() for piece in value.split(",") if piece.strip()]


def is_identifier(value: str) -> bool:
    return bool(_expressions().identifier.fullmatch(value))
