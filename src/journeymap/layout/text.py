"""Text measurement and line wrapping for the layout, from bundled Liberation Sans widths.

A width is the sum of advance widths (no kerning) from `fontmetrics`, scaled by
size/1000. The table covers Latin, Greek, Cyrillic, Hebrew and common symbols;
for anything else the fallbacks below err on the wide side, because the SVG
viewer draws those characters from whatever fallback font it has and a card's
text must never overflow it.

Wrapping is greedy: break at spaces; between characters of CJK text; and, only
when one word is wider than the line, between grapheme clusters of that word.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache, reduce
from itertools import accumulate
from operator import or_

from journeymap.layout import fontmetrics

__all__ = ["line_height", "longest_word_width", "text_width", "wrap_text"]

EMOJI_WIDTH = 1250
"""Per 1000 em. Noto Color Emoji (Linux, Android) advances 2550/2048 = 1.245 em, so 1 em
would be too narrow there; this also covers emoji newer than Python's Unicode data."""

WIDE_WIDTH = 1000
"""Per 1000 em: East Asian wide and fullwidth characters; CJK fonts set them one em wide."""

SYMBOL_WIDTH = 1000
"""Per 1000 em: math, currency and modifier symbols the table lacks."""

# Breaks allowed here, and the spaces are dropped at a wrap point. No-break spaces
# (U+00A0, U+2007, U+202F) are absent on purpose; U+200B is an invisible break point.
_SPACES = " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
_SPACE_RUN = re.compile(f"([{_SPACES}]+)")
_NEWLINE = re.compile("\r\n|\r|\n")

# Invisible format characters; the font draws none of them.
_ZERO_WIDTH = frozenset(
    "\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_VS16 = "\ufe0f"
"""Emoji presentation selector: turns e.g. a table character like U+2665 into an emoji."""

# Scripts written without spaces, where a line may break between any two characters
# (UAX #14 class ID, roughly): Hangul, CJK punctuation, kana, Han, Yi, fullwidth forms,
# emoji. U+3000 is left out: it is a space above.
_IDEOGRAPHIC_RANGES = (
    (0x1100, 0x115F),
    (0x2E80, 0x2FFF),
    (0x3001, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA000, 0xA4CF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F),
    (0xFF00, 0xFFEF),
    (0x1F000, 0x1FAFF),
    (0x20000, 0x3FFFD),
)
# Japanese and Chinese line-breaking rules (kinsoku): closing punctuation and small
# kana never start a line; opening brackets never end one.
_NO_BREAK_BEFORE = frozenset(
    "!%),.:;?]}\u00a2\u00b0\u00bb\u2019\u201d\u2030\u2032\u2033\u203a\u2103"
    "\u3001\u3002\u3005\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b\u301c\u301e"
    "\u301f\u303b\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u3095\u3096"
    "\u309b\u309c\u309d\u309e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee"
    "\u30f5\u30f6\u30fb\u30fc\u30fd\u30fe\uff01\uff05\uff09\uff0c\uff0e\uff1a\uff1b\uff1f"
    "\uff3d\uff5d\uff60\uff61\uff63\uff64\uff65\uff70\uffe0"
) | frozenset(map(chr, [*range(0x31F0, 0x3200), *range(0xFF67, 0xFF70)]))
_NO_BREAK_AFTER = frozenset(
    "$([{\u00a3\u00a5\u00ab\u2018\u201c\u2039\u3008\u300a\u300c\u300e\u3010\u3014\u3016"
    "\u3018\u301a\u301d\uff04\uff08\uff3b\uff5b\uff5f\uff62\uffe1\uffe5"
)
# Where a line may break inside a word next to CJK text, found by a regex over a string
# of one letter per character (str.translate with _letters): i ideographic, C/c closing
# (ideographic or not), O/o opening, s a breaking space, x anything else. A break needs
# letters on both sides, neither a space, no opening before nor closing after, and an
# ideographic one among them. Small classes keep the regex quick to compile.
_BREAK_AT = re.compile("(?<=[iCcx])(?=[iOox])(?:(?<=[iC])|(?=[iO]))")
_letters: dict[int, str] = {}

# What the wrapper needs to know about a character, as bits: how it joins its
# neighbours in a grapheme cluster (a simplified UAX #29), and whether it is ideographic.
_EXTEND = 1  # joins the character before: combining marks, joiners, selectors, modifiers
_ZWJ = 2  # also joins the next character (not a space): emoji ZWJ sequences stay whole
_REGIONAL = 4  # regional indicators pair up into flags
_IDEO = 8  # a line may break before or after it
_CLUSTERED = _EXTEND | _ZWJ | _REGIONAL
_kinds: dict[str, int] = {}

_CACHE_LIMIT = 200_000
"""How many characters each cache learns before it forgets, bounding what hostile input
can cost in memory (a cache holds one entry per distinct character met)."""

_tables: dict[bool, dict[str, int]] = {}
_bases: dict[int, dict[str, int]] = {}
"""id() of a table in _tables -> the widths it started with, decoded from fontmetrics."""
_pending: dict[int, str] = {}
"""id() of a table in _tables -> the font data beyond Latin-1, until a character needs it."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` set on one line at font size `size`, in the units of `size`.

    >>> text_width("Hello", 10)
    22.83
    """
    return _width(text, size, bold)


def width_cache_clear() -> None:
    """Forget measured widths (for benchmarks that time a render from cold)."""
    _width.cache_clear()
    _LIMITS.clear()
    for natural in _NATURAL.values():
        natural.clear()


@lru_cache(maxsize=1 << 16)
def _width(text: str, size: float, bold: bool) -> float:
    # Cached: layout measures the same labels, names and badges again for each
    # row and column that shows them (a few hundred times in a typical map).
    # _check_size and _table(bold), their usual cases written out: every step
    # name is measured once, a thousand misses for a big journey.
    if not 0 <= size < math.inf:
        _check_size(size)
    return _units(text, _tables.get(bool(bold)) or _table(bold)) * size / 1000


def wrap_text(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `max_width`; never an empty list.

    Each "\\n" forces a break. Spaces at wrap points are dropped, and no line starts
    or ends with a space. A line is wider than `max_width` only when it holds a single
    grapheme cluster that is itself wider.

    >>> wrap_text("Find a store near me", 60, 12)
    ['Find a', 'store near', 'me']
    """
    _check_size(size)
    if math.isnan(max_width):
        raise ValueError("max_width must be a number, not NaN")
    style = bool(bold)
    # _table(bold), its usual case without the call: layout wraps thousands of texts.
    widths = _tables.get(style) or _table(bold)
    limit = _LIMITS.get((max_width, size))
    if limit is None:
        if len(_LIMITS) >= _LIMITS_KEPT:
            _LIMITS.clear()
        limit = _LIMITS[max_width, size] = _limit(max_width, size)
    if "\n" not in text and "\r" not in text:
        # One paragraph, as nearly all text is: what the loop below does, unsplit,
        # and for a paragraph that fits (most do) without a call.
        paragraph = text.strip(_SPACES)
        natural = _NATURAL[style]
        units = natural.get(paragraph)
        if units is None:
            if len(natural) >= _NATURAL_KEPT:
                natural.clear()
            units = natural[paragraph] = _units(paragraph, widths)
        if units <= limit:
            return [paragraph]
        lines: list[str] = []
        _wrap_long(paragraph, limit, widths, lines)
        return lines
    lines = []
    for paragraph in _NEWLINE.split(text):
        _wrap_paragraph(paragraph.strip(_SPACES), limit, widths, lines)
    return lines


_NATURAL: dict[bool, dict[str, int]] = {False: {}, True: {}}
"""Per style (bold or not), paragraph -> its width in units on one line.

The same text is often set at many widths: a team's name on the cards of
columns of different widths, a flow label repeated. A paragraph's units never
change (learned fallbacks are the same each time), so they are measured once.
"""
_NATURAL_KEPT = 1 << 15

_LIMITS: dict[tuple[float, float], int] = {}
"""(max width, size) -> `_limit`: a layout wraps many texts at each column's width."""
_LIMITS_KEPT = 4096


@lru_cache(maxsize=256)
def line_height(size: float) -> float:
    """The distance from one baseline to the next, for lines of font size `size`.

    It is the font's own line spacing (ascent + descent + line gap = 1.151 em).
    """
    _check_size(size)
    return (fontmetrics.ASCENT + fontmetrics.DESCENT + fontmetrics.LINE_GAP) * size / 1000


def longest_word_width(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest piece `wrap_text` would not break without need.

    A column at least this wide wraps `text` without breaking inside a word.

    >>> longest_word_width("Check out", 10)
    28.37
    """
    _check_size(size)
    table = _table(bold)
    widest = 0
    for paragraph in _NEWLINE.split(text):
        paragraph = paragraph.strip(_SPACES)
        if paragraph:
            running = list(accumulate(_char_units(paragraph, table), initial=0))
            starts, ends = _pieces(paragraph, _kinds_in(paragraph))
            pieces = (
                running[end] - running[start] for start, end in zip(starts, ends, strict=True)
            )
            widest = max(widest, *pieces)
    return widest * size / 1000


def _check_size(size: float) -> None:
    if not 0 <= size < math.inf:
        raise ValueError(f"font size must be a finite number >= 0, not {size!r}")


def _limit(max_width: float, size: float) -> int:
    """The most units that fit: the largest u with u * size / 1000 <= max_width.

    Wrapping then adds exact integers and still agrees with `text_width`, which
    computes `units * size / 1000` the same way; that expression is monotonic in u.
    """
    if max_width < 0:
        return -1
    if size == 0 or max_width * 1000 / size >= 2**52:
        return sys.maxsize
    units = math.floor(max_width * 1000 / size)
    while units >= 0 and units * size / 1000 > max_width:
        units -= 1
    while (units + 1) * size / 1000 <= max_width:
        units += 1
    return units


def _table(bold: bool) -> dict[str, int]:
    """Character -> width in 1/1000 em for one style; fallbacks are added as they are met."""
    key = bool(bold)
    table = _tables.get(key)
    if table is None:
        # Latin-1 now, the other scripts when a text first needs them (`_learn`):
        # decoding all 2,300 widths was a few ms of every cold run, and most
        # journeys never leave Latin-1.
        latin, rest = _latin_and_rest(fontmetrics.BOLD if key else fontmetrics.REGULAR)
        base = _decode(latin)
        # SVG renders tabs and line ends that survive as spaces.
        base.update(dict.fromkeys("\t\n\r", base[" "]))
        table = _tables[key] = dict(base)
        _bases[id(table)] = base
        if rest:
            _pending[id(table)] = rest
    return table


def _latin_and_rest(data: str) -> tuple[str, str]:
    """`data` (runs in code point order) cut at U+0100: its runs below, and from there on.

    A run that crosses U+0100 is cut in two.
    """
    run = data.find("@")
    while run >= 0:
        end = data.find("@", run + 1)
        first, *widths = data[run + 1 : end if end >= 0 else len(data)].split()
        start = int(first, 16)
        if start + len(widths) > 0x100:
            if start >= 0x100:
                return data[:run], data[run:]
            below = 0x100 - start
            head = f"{data[:run]}@{first} {' '.join(widths[:below])} "
            tail = f"@0100 {' '.join(widths[below:])} {data[end:] if end >= 0 else ''}"
            return head, tail
        run = end
    return data, ""


def _decode(data: str) -> dict[str, int]:
    """Parse the run-length string of `fontmetrics` ("@0020 278 278 355 ...")."""
    table: dict[str, int] = {}
    for run in data.split("@")[1:]:
        first, *widths = run.split()
        start = int(first, 16)
        chars = map(chr, range(start, start + len(widths)))
        table.update(zip(chars, map(int, widths), strict=True))
    return table


def _fallback(char: str, table: dict[str, int]) -> int:
    """The width to assume for a character the font table lacks, in 1/1000 em."""
    code = ord(char)
    if char in _ZERO_WIDTH or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE0FFF:
        return 0  # joiners, bidi controls, variation selectors, tags
    category = unicodedata.category(char)
    if unicodedata.combining(char) or category in ("Mn", "Me"):
        return 0
    if category in ("So", "Cn") or (category[0] == "S" and code >= 0x1F000):
        # Emoji live in So (skin-tone modifiers in Sk); Cn is a character newer than this
        # Python's Unicode data, most likely an emoji too.
        return EMOJI_WIDTH
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return WIDE_WIDTH
    if category[0] == "S":
        return SYMBOL_WIDTH
    # Other scripts (Arabic, Devanagari, Thai, ...): as wide as a "W", wider than most
    # of their letters.
    return table["W"]


def _learn(text: str, table: dict[str, int]) -> None:
    """Add fallback widths for the characters of `text` that `table` lacks.

    The font's widths beyond Latin-1 come first, on the first character that
    needs any of them.
    """
    rest = _pending.get(id(table))
    if rest is not None:
        widths = _decode(rest)
        _bases[id(table)].update(widths)
        table.update(widths)
        # Forgotten only once in the table: a thread measuring meanwhile decodes
        # them too rather than taking a fallback for a character the font has.
        _pending.pop(id(table), None)
    missing = set(text).difference(table)
    if len(table) + len(missing) > _CACHE_LIMIT:
        # Bound the memory a hostile input can take; forget only learned fallbacks.
        table.clear()
        table.update(_bases[id(table)])
        # What `text` needs again: the reset may have forgotten some of its characters.
        missing = set(text).difference(table)
    for char in missing:
        table[char] = _fallback(char, table)


def _vs16_extras(text: str, table: dict[str, int]) -> Iterator[tuple[int, int]]:
    """(index, extra units) for each emoji presentation selector in `text`.

    The character before the selector is drawn as an emoji, so it takes at least
    EMOJI_WIDTH. After a breakable space there is nothing to widen, which keeps
    widths additive across the places where `wrap_text` splits.
    """
    index = text.find(_VS16, 1)
    while index > 0:
        before = text[index - 1]
        if before not in _SPACES:
            yield index, max(0, EMOJI_WIDTH - table[before])
        index = text.find(_VS16, index + 1)


def _units(text: str, table: dict[str, int]) -> int:
    """The width of `text` in 1/1000 em."""
    try:
        total = sum(map(table.__getitem__, text))
    except KeyError:
        _learn(text, table)
        total = sum(map(table.__getitem__, text))
    if _VS16 in text:
        total += sum(extra for _, extra in _vs16_extras(text, table))
    return total


def _char_units(text: str, table: dict[str, int]) -> list[int]:
    """The width of each character of `text`, in 1/1000 em; they sum to `_units(text)`."""
    try:
        units = list(map(table.__getitem__, text))
    except KeyError:
        _learn(text, table)
        units = list(map(table.__getitem__, text))
    if _VS16 in text:
        for index, extra in _vs16_extras(text, table):
            units[index] += extra
    return units


def _kind_of(char: str) -> int:
    """The _EXTEND, _ZWJ, _REGIONAL and _IDEO bits of `char`."""
    kind = _kinds.get(char)
    if kind is None:
        code = ord(char)
        if char == "\u200d":
            kind = _EXTEND | _ZWJ
        elif 0x1F1E6 <= code <= 0x1F1FF:
            kind = _REGIONAL | _IDEO
        elif (
            unicodedata.category(char) in ("Mn", "Me", "Mc")
            or unicodedata.combining(char)
            or char == "\u200c"
            or 0xFE00 <= code <= 0xFE0F
            or 0x1F3FB <= code <= 0x1F3FF  # emoji skin-tone modifiers
            or 0xE0000 <= code <= 0xE0FFF  # tags (subdivision flags), variation selectors
            or 0x1160 <= code <= 0x11FF  # conjoining Hangul vowels and final consonants
            or 0xD7B0 <= code <= 0xD7FF
        ):
            kind = _EXTEND
        elif any(low <= code <= high for low, high in _IDEOGRAPHIC_RANGES):
            kind = _IDEO
        else:
            kind = 0
        if len(_kinds) < _CACHE_LIMIT:
            _kinds[char] = kind
    return kind


def _kinds_in(chars: str | set[str]) -> int:
    """The union of the kind bits of `chars` (a string or its set of characters)."""
    if isinstance(chars, str):
        if chars.isascii():
            return 0  # no marks, joiners or ideographs; and isascii() costs nothing
        chars = set(chars)
    return reduce(or_, map(_kind_of, chars), 0)


def _letter_of(char: str) -> str:
    """The letter of `char` for _BREAK_AT."""
    if char in _SPACES:
        return "s"
    ideographic = _kind_of(char) & _IDEO
    if char in _NO_BREAK_BEFORE:
        return "C" if ideographic else "c"
    if char in _NO_BREAK_AFTER:
        return "O" if ideographic else "o"
    return "i" if ideographic else "x"


def _letters_of(paragraph: str, chars: set[str] | None = None) -> str:
    """`paragraph` with each character replaced by its letter for _BREAK_AT.

    `chars` is set(paragraph), if the caller has it already.
    """
    chars = set(paragraph) if chars is None else chars
    missing = {char for char in chars if ord(char) not in _letters}
    if len(_letters) + len(missing) > _CACHE_LIMIT:
        _letters.clear()
        missing = chars
    _letters.update((ord(char), _letter_of(char)) for char in missing)
    return paragraph.translate(_letters)


def _ideographic_cuts(paragraph: str) -> list[int]:
    """Offsets inside words of `paragraph` where a line may break next to CJK text."""
    # Splitting at the (empty) matches and adding up the lengths beats finditer.
    parts = _BREAK_AT.split(_letters_of(paragraph))
    return list(accumulate(map(len, parts[:-1])))


def _may_cut(letters: str, offset: int) -> bool:
    """Whether _BREAK_AT matches at `offset` (0 < offset < len) of a letters string."""
    before, after = letters[offset - 1], letters[offset]
    return before in "iCcx" and after in "iOox" and (before in "iC" or after in "iO")


def _is_cluster_start(text: str, offset: int, floor: int) -> bool:
    """Whether a grapheme cluster starts at `offset`, given that one starts at `floor`."""
    char = text[offset]
    kind = _kind_of(char)
    if kind & _EXTEND or (_kind_of(text[offset - 1]) & _ZWJ and char not in _SPACES):
        return False
    if kind & _REGIONAL:
        # Regional indicators pair up from the start of their run, or from `floor`.
        run = offset
        while run > floor and _kind_of(text[run - 1]) & _REGIONAL:
            run -= 1
        return (offset - run) % 2 == 0
    return True


def _cluster_starts(text: str) -> list[int]:
    """The offsets where grapheme clusters of `text` start, then len(text)."""
    starts: list[int] = []
    after_zwj = False
    open_flag = False  # an unpaired regional indicator precedes
    for index, char in enumerate(text):
        kind = _kind_of(char)
        pairs = kind & _REGIONAL and open_flag  # the second half of a flag
        joined = index and (kind & _EXTEND or (after_zwj and char not in _SPACES))
        if not (pairs or joined):
            starts.append(index)
        open_flag = bool(kind & _REGIONAL) and not pairs
        after_zwj = bool(kind & _ZWJ)
    starts.append(len(text))
    return starts


def _pieces(paragraph: str, kinds: int) -> tuple[list[int], list[int]]:
    """Start and end offsets of the pieces of a stripped, non-empty paragraph.

    A piece is a word between runs of spaces, or a part of one cut next to CJK text;
    a line holds whole pieces and the spaces between them. `kinds` is
    `_kinds_in(paragraph)`.
    """
    # Words and space runs alternate in the split, starting and ending with a word.
    offsets = list(accumulate(map(len, _SPACE_RUN.split(paragraph)), initial=0))
    starts, ends = offsets[0::2], offsets[1::2]
    if kinds & _IDEO:
        cuts = _ideographic_cuts(paragraph)
        if kinds & _CLUSTERED:
            allowed = set(_cluster_starts(paragraph))
            cuts = [cut for cut in cuts if cut in allowed]
        if cuts:
            # Each cut ends one piece and starts the next; sorted() merges runs in O(n).
            starts = sorted(starts + cuts)
            ends = sorted(ends + cuts)
    return starts, ends


def _wrap_paragraph(paragraph: str, limit: int, table: dict[str, int], lines: list[str]) -> None:
    """Append the lines of one paragraph (stripped, without newlines) to `lines`."""
    if _units(paragraph, table) <= limit:  # fits: no list of widths needed
        lines.append(paragraph)
        return
    _wrap_long(paragraph, limit, table, lines)


def _wrap_long(paragraph: str, limit: int, table: dict[str, int], lines: list[str]) -> None:
    """Append the lines of a paragraph wider than `limit` (stripped, without newlines).

    Greedy: a binary search over running widths finds how far a line can reach, then
    the last break point before there is looked for backwards (the last space with
    rfind, CJK break points a character at a time). The work grows with the length
    of the text plus the number of lines, never with their product.
    """
    running = list(accumulate(_char_units(paragraph, table), initial=0))
    if paragraph.isascii():
        # No CJK, marks or joiners; tab and space are the only breaking spaces.
        kinds, letters, space = 0, paragraph.replace("\t", " "), " "
    else:
        chars = set(paragraph)
        kinds, letters, space = _kinds_in(chars), _letters_of(paragraph, chars), "s"
    size = len(paragraph)
    begin = 0
    while True:
        reach = max(begin, bisect_right(running, running[begin] + limit, begin) - 1)
        if reach >= size:
            lines.append(paragraph[begin:])
            return
        # The line may end at the last space up to `reach`, or at a later CJK break.
        gap = letters.rfind(space, begin + 1, reach + 1)
        cut = -1
        if kinds & _IDEO:
            for offset in range(reach, max(begin, gap), -1):
                if _may_cut(letters, offset) and (
                    not kinds & _CLUSTERED or _is_cluster_start(paragraph, offset, begin)
                ):
                    cut = offset
                    break
        if cut < 0 and gap < 0:
            # One word is wider than the line: break it between grapheme clusters.
            cut = reach
            if kinds & _CLUSTERED:
                while cut > begin and not _is_cluster_start(paragraph, cut, begin):
                    cut -= 1
                if cut == begin:  # a single cluster wider than the line stands alone
                    cut += 1
                    while cut < size and not _is_cluster_start(paragraph, cut, begin):
                        cut += 1
            cut = max(cut, begin + 1)
        if cut > gap:
            lines.append(paragraph[begin:cut])
            begin = cut
        else:
            lines.append(paragraph[begin:gap].rstrip(_SPACES))
            begin = gap + 1  # a stripped paragraph never ends in a space
        if begin >= size:
            return
        if letters[begin] == space:
            spaces = _SPACE_RUN.match(paragraph, begin)
            begin = spaces.end() if spaces else begin
