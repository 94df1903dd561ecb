"""Tests for text measurement and wrapping (journeymap.layout.text) and its font table."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import math
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.layout import fontmetrics, text
from journeymap.layout.text import line_height, longest_word_width, text_width, wrap_text

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "tools" / "gen_font_metrics.py"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")

# hmtx advances copied from the TTFs with fontTools (2048 units per em). The table holds
# them scaled to 1000 units per em and rounded up, so a width is the exact TTF width
# plus less than 1/1000 em per character, never less.
HMTX = {
    (False, "Hello"): (1479, 1139, 455, 455, 1139),
    (True, "Hello"): (1479, 1139, 569, 569, 1251),
    (False, "Journey map"): (1024, 1139, 1139, 682, 1139, 1139, 1024, 569, 1706, 1139, 1139),
    (True, "Journey map"): (1139, 1251, 1251, 797, 1251, 1139, 1139, 569, 1821, 1139, 1251),
    (False, "שלום"): (1495, 1085, 532, 1389),
    (True, "שלום"): (1649, 1171, 618, 1475),
}
SPACES = text._SPACES


def rounded_up(advances: tuple[int, ...]) -> int:
    return sum(-(-advance * 1000 // 2048) for advance in advances)


def is_one_cluster(line: str) -> bool:
    return len(text._cluster_starts(line)) == 2


def fits(line: str, max_width: float, size: float, bold: bool = False) -> bool:
    # An empty line stands for an empty paragraph, even where nothing fits.
    return text_width(line, size, bold) <= max_width or is_one_cluster(line) or line == ""


def pieces(paragraph: str) -> list[str]:
    """The pieces `wrap_text` breaks between without need (words, CJK characters)."""
    paragraph = paragraph.strip(SPACES)
    if not paragraph:
        return []
    starts, ends = text._pieces(paragraph, text._kinds_in(paragraph))
    return [paragraph[start:end] for start, end in zip(starts, ends, strict=True)]


def non_space(value: str) -> str:
    return re.sub(f"[{SPACES}\r\n]", "", value)


# -- widths ----------------------------------------------------------------------------


@pytest.mark.parametrize(("bold", "sample"), sorted(HMTX))
def test_width_is_the_sum_of_the_fonts_advances(bold: bool, sample: str) -> None:
    advances = HMTX[bold, sample]
    assert text_width(sample, 1000, bold) == rounded_up(advances)
    exact = sum(advances) * 1000 / 2048
    assert exact <= text_width(sample, 1000, bold) < exact + len(sample)


def test_italic_widens_the_few_characters_it_draws_wider() -> None:
    # The layout sets some text in italic; italic "ж" advances 1409 (bold italic 1508)
    # where the upright one advances 1370 (bold 1452), so the table holds the wider.
    assert text_width("ж", 1000) == rounded_up((1409,))
    assert text_width("ж", 1000, bold=True) == rounded_up((1508,))


def test_width_scales_with_size() -> None:
    assert text_width("Hello", 10) == pytest.approx(22.83)
    assert text_width("Hello", 20) == pytest.approx(2 * text_width("Hello", 10))
    assert text_width("Hello", 0) == 0
    assert text_width("", 12) == 0


def test_bold_is_wider() -> None:
    assert text_width("Hello", 12, bold=True) > text_width("Hello", 12)


def test_cjk_is_one_em_per_character() -> None:
    assert text_width("日本語", 10) == 30
    assert text_width("ひらがなカタカナ", 10) == 80
    assert text_width("한국어", 10) == 30
    assert text_width("\uff21\uff22", 10) == 20  # fullwidth A, B


def test_emoji_are_wider_than_an_em() -> None:
    # Noto Color Emoji advances 1.245 em; 1.25 em keeps such text inside its card.
    assert text_width("😀", 10) == 12.5
    assert text_width("🚀✅", 10) == 25
    # A text-style character turned emoji by U+FE0F takes the emoji width...
    assert text_width("♥\ufe0f", 10) == 12.5
    assert text_width("1\ufe0f\u20e3", 10) == 12.5  # keycap one
    # ...and without the selector keeps the font's own width.
    assert text_width("♥", 1000) == rounded_up((1216,))


def test_emoji_sequences_are_measured_as_their_parts() -> None:
    # A viewer whose emoji font lacks a sequence draws its parts side by side.
    family = "👨\u200d👩\u200d👧"
    assert text_width(family, 10) == 3 * 12.5
    assert text_width("👍🏽", 10) == 2 * 12.5


def test_combining_marks_add_no_width() -> None:
    assert text_width("e\u0301", 12) == text_width("e", 12)
    assert text_width("a\u0308\u0323", 12) == text_width("a", 12)
    assert text_width("\u05e9\u05b8", 12) == text_width("\u05e9", 12)  # Hebrew point


@pytest.mark.parametrize(
    "char",
    [
        *("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066"),
        *("\u2069", "\ufe00", "\ufe0e", "\U000e0100", "\ufeff", "\u2060", "\U000e0067"),
    ],
)
def test_invisible_characters_have_no_width(char: str) -> None:
    assert text_width(char, 12) == 0
    assert text_width(f"a{char}b", 12) == text_width("ab", 12)


def test_unknown_scripts_are_as_wide_as_w() -> None:
    w = text_width("W", 12)
    assert text_width("\u0645", 12) == w  # Arabic meem
    assert text_width("\u0915", 12) == w  # Devanagari ka
    assert text_width("\u0e01", 12) == w  # Thai ko kai
    assert text_width("\u0645\u0631\u062d\u0628\u0627", 12) == 5 * w


def test_tabs_and_line_ends_are_as_wide_as_a_space() -> None:
    assert text_width("a\tb\nc\rd", 12) == text_width("a b c d", 12)


def test_line_height_is_the_fonts_line_spacing() -> None:
    assert fontmetrics.ASCENT + fontmetrics.DESCENT + fontmetrics.LINE_GAP == 1151
    assert line_height(10) == pytest.approx(11.51)
    assert line_height(0) == 0


@pytest.mark.parametrize("size", [-1.0, math.nan, math.inf])
def test_bad_sizes_are_refused(size: float) -> None:
    with pytest.raises(ValueError, match="font size"):
        text_width("a", size)
    with pytest.raises(ValueError, match="font size"):
        wrap_text("a", 100, size)
    with pytest.raises(ValueError, match="font size"):
        line_height(size)


def test_nan_width_is_refused() -> None:
    with pytest.raises(ValueError, match="max_width"):
        wrap_text("a", math.nan, 12)


def test_fallbacks_survive_a_full_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "_CACHE_LIMIT", len(text._table(False)) + 5)
    sample = "".join(map(chr, range(0x4E00, 0x4E40)))
    assert text_width(sample, 10) == 640
    assert text_width("Hello", 10) == pytest.approx(22.83)


# -- wrapping --------------------------------------------------------------------------


LABELS = [
    "Customer compares delivery options and picks the cheapest one",
    "Unexpected fees at checkout 😡 — abandons the cart",
    "Visit https://example.com/help/articles/returns-and-refunds?lang=en&ref=journeymap now",
    "Donaudampfschifffahrtsgesellschaftskapitänsmütze",
    "顧客はオンラインで注文し、店舗で受け取ります。「便利」と感じる。",
    "고객은 온라인으로 주문하고 매장에서 상품을 받습니다",
    "הלקוח משווה אפשרויות משלוח ובוחר את הזולה ביותר",
    "العميل يقارن خيارات التوصيل ويختار الأرخص",
    "Ẓ̌̀ạ̈lgo̍ te̊xt̃ w̄i̇th m̈a̧ny c̣ombining marks",
    "Family 👨\u200d👩\u200d👧\u200d👦 flags 🇫🇷🇯🇵 thumbs 👍🏽👍🏿 hearts ❤️♥️",
]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("max_width", [0.0, 20.0, 45.0, 80.0, 150.0, 400.0])
@pytest.mark.parametrize("bold", [False, True])
def test_every_line_fits(label: str, max_width: float, bold: bool) -> None:
    lines = wrap_text(label, max_width, 12, bold)
    assert lines
    for line in lines:
        assert fits(line, max_width, 12, bold), line
        assert line == line.strip(SPACES)
    assert non_space("".join(lines)) == non_space(label)


def test_greedy_on_spaces() -> None:
    assert wrap_text("Find a store near me", 60, 12) == ["Find a", "store near", "me"]
    assert wrap_text("Find a store near me", 1000, 12) == ["Find a store near me"]


def test_empty_text_gives_one_empty_line() -> None:
    assert wrap_text("", 100, 12) == [""]
    assert wrap_text("   ", 100, 12) == [""]


def test_spaces_at_wrap_points_and_ends_are_dropped() -> None:
    assert wrap_text("  one   two  ", 1000, 12) == ["one   two"]
    assert wrap_text("one   two", 30, 12) == ["one", "two"]
    assert wrap_text("one\ttwo", 30, 12) == ["one", "two"]
    assert wrap_text("one\u3000two\u200bthree", 30, 12) == ["one", "two", "three"]


def test_no_break_spaces_hold_words_together() -> None:
    assert wrap_text("10\u00a0kg of flour", 40, 12) == ["10\u00a0kg", "of flour"]


def test_explicit_newlines_force_breaks() -> None:
    assert wrap_text("one\ntwo", 1000, 12) == ["one", "two"]
    assert wrap_text("one\r\ntwo\rthree", 1000, 12) == ["one", "two", "three"]
    assert wrap_text("a\n\nb\n", 1000, 12) == ["a", "", "b", ""]


def test_long_url_breaks_between_characters() -> None:
    url = "https://example.com/a/very/long/path/that/keeps/going/and/going?x=1&y=2"
    lines = wrap_text(f"See {url}", 80, 12)
    assert lines[0] == "See"
    assert "".join(lines[1:]) == url
    assert len(lines) > 3
    assert all(text_width(line, 12) <= 80 for line in lines)
    # Greedy: every piece but the last would overflow with one more character.
    for line, following in itertools.pairwise(lines[1:]):
        assert text_width(line + following[0], 12) > 80


def test_a_character_wider_than_the_line_stands_alone() -> None:
    assert wrap_text("WWW", 5, 12) == ["W", "W", "W"]
    assert wrap_text("ab", -10, 12) == ["a", "b"]


def test_combining_sequences_are_never_split() -> None:
    word = "e\u0301" * 6
    assert wrap_text(word, 15, 12) == ["e\u0301e\u0301"] * 3
    assert wrap_text("e\u0301\u0323x", 1, 12) == ["e\u0301\u0323", "x"]


def test_emoji_sequences_are_never_split() -> None:
    family = "👨\u200d👩\u200d👧"
    assert wrap_text(family * 2, 20, 12) == [family, family]
    assert wrap_text("🇫🇷🇯🇵🇩", 16, 12) == ["🇫🇷", "🇯🇵", "🇩"]
    assert wrap_text("👍🏽👍🏽", 16, 12) == ["👍🏽", "👍🏽"]
    assert wrap_text("♥\ufe0f♥\ufe0f", 16, 12) == ["♥\ufe0f", "♥\ufe0f"]


def test_cjk_breaks_between_characters() -> None:
    assert wrap_text("日本語テキスト", 36, 12) == ["日本語", "テキス", "ト"]
    assert wrap_text("한국어 텍스트", 40, 12) == ["한국어", "텍스트"]
    # Mixed with Latin: a break may fall where CJK meets a Latin word.
    assert wrap_text("日本Japan", 40, 12) == ["日本", "Japan"]


def test_cjk_punctuation_keeps_its_place() -> None:
    # A closing mark never starts a line, an opening bracket never ends one.
    assert wrap_text("です。改行", 36, 12) == ["です。", "改行"]
    assert wrap_text("あい「引用」", 30, 12) == ["あい", "「引", "用」"]
    assert wrap_text("あいっ", 30, 12) == ["あ", "いっ"]  # small tsu stays with its kana
    # Kinsoku gives way when a piece alone is wider than the line.
    assert wrap_text("あっ", 12, 12) == ["あ", "っ"]


def test_rtl_text_is_measured_and_wrapped_in_logical_order() -> None:
    hebrew = "הלקוח משווה אפשרויות"
    assert wrap_text(hebrew, 80, 12) == ["הלקוח משווה", "אפשרויות"]
    assert text_width(hebrew, 12) > 0
    arabic = "العميل يقارن خيارات التوصيل"
    lines = wrap_text(arabic, 120, 12)
    assert " ".join(lines) == arabic
    assert all(text_width(line, 12) <= 120 for line in lines)


def test_bidi_controls_do_not_disturb_wrapping() -> None:
    # RLE shalom PDF and RLI olam PDI.
    sample = "\u202b\u05e9\u05dc\u05d5\u05dd\u202c and \u2067\u05e2\u05d5\u05dc\u05dd\u2069"
    lines = wrap_text(sample, 50, 12)
    assert non_space("".join(lines)) == non_space(sample)
    assert all(fits(line, 50, 12) for line in lines)


def test_infinite_width_only_breaks_at_newlines() -> None:
    assert wrap_text("a long line\nand another", math.inf, 12) == ["a long line", "and another"]


def test_zero_size_fits_anywhere() -> None:
    assert wrap_text("a long line", 0, 0) == ["a long line"]


def test_longest_word_width() -> None:
    assert longest_word_width("Check out", 10) == text_width("Check", 10)
    assert longest_word_width("", 10) == 0
    assert longest_word_width("a\nbbbb cc", 10) == text_width("bbbb", 10)
    assert longest_word_width("日本語", 10) == 10  # may break between any two
    assert longest_word_width("Pay 👍🏽 now", 10, bold=True) == text_width("👍🏽", 10, bold=True)


@pytest.mark.parametrize("label", LABELS)
def test_a_column_as_wide_as_the_longest_word_breaks_no_word(label: str) -> None:
    width = longest_word_width(label, 12)
    lines = wrap_text(label, width, 12)
    assert [piece for line in lines for piece in pieces(line)] == pieces(label)


# The three tests below time nothing (timings are the benchmark's): they give the
# wrapper inputs on which quadratic work would take hours, so a regression hangs.
def test_a_million_character_word_wraps_whole() -> None:
    word = "abcdefghij" * 100_000
    lines = wrap_text(word, 300, 12)
    assert "".join(lines) == word
    assert all(text_width(line, 12) <= 300 for line in lines)


def test_long_cjk_text_wraps_whole() -> None:
    sample = "顧客は店舗で受け取ります。" * 20_000
    lines = wrap_text(sample, 300, 12)
    assert "".join(lines) == sample
    assert not [line for line in lines if line.startswith("。")]


def test_a_long_word_with_combining_marks_wraps_whole() -> None:
    word = "e\u0301" * 200_000
    lines = wrap_text(word, 300, 12)
    assert "".join(lines) == word
    assert all(not line.startswith("\u0301") for line in lines)


# -- property tests --------------------------------------------------------------------

ALPHABET = st.sampled_from(
    [
        *"abcxyzWMil.,-/ ",
        *(" ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u200b", "\u3000"),
        *"日本語のテキスト。「」、한국어",
        *("\u0301", "\u0323", "\u05b8", "\u20e3", "\u093e", "\u1161"),
        *("😀", "👍", "🏽", "\u200d", "\ufe0f", "♥", "🇫", "🇷", "\U000e0067"),
        *"\u05e9\u05dc\u05d5\u05dd\u0645\u0631\u062d\u0628\u0627",
        *("\u202b", "\u202c", "\u200e"),
    ]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    value=TEXTS,
    max_width=st.floats(min_value=-5, max_value=400, allow_nan=False),
    size=st.sampled_from([0.5, 9, 12, 13.5, 16, 31]),
    bold=st.booleans(),
)
def test_wrapped_lines_fit_and_keep_every_character(
    value: str, max_width: float, size: float, bold: bool
) -> None:
    lines = wrap_text(value, max_width, size, bold)
    assert lines
    assert len(lines) >= value.count("\n") + 1 - value.count("\r\n")
    for line in lines:
        assert "\n" not in line
        assert line == line.strip(SPACES)
        assert fits(line, max_width, size, bold), (line, text_width(line, size, bold))
    assert non_space("".join(lines)) == non_space(value)


WORDS = st.lists(
    st.text(alphabet="aeilmnoWw.-", min_size=1, max_size=12), min_size=1, max_size=30
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(value=WORDS, extra=st.floats(min_value=0, max_value=300), bold=st.booleans())
def test_wrapping_is_greedy(value: str, extra: float, bold: bool) -> None:
    # No word is broken when every word fits; then the lines are what the textbook
    # greedy algorithm gives.
    max_width = longest_word_width(value, 12, bold) + extra
    expected: list[str] = []
    line = ""
    for word in value.split(" "):
        if line and text_width(f"{line} {word}", 12, bold) > max_width:
            expected.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    expected.append(line)
    assert wrap_text(value, max_width, 12, bold) == expected


@settings(max_examples=200, deadline=None)
@given(value=TEXTS, bold=st.booleans())
def test_no_piece_is_broken_at_the_longest_word_width(value: str, bold: bool) -> None:
    lines = wrap_text(value, longest_word_width(value, 12, bold), 12, bold)
    got = [piece for line in lines for piece in pieces(line)]
    assert got == [
        piece for paragraph in re.split("\r\n|\r|\n", value) for piece in pieces(paragraph)
    ]


@settings(max_examples=200, deadline=None)
@given(value=TEXTS, bold=st.booleans())
def test_width_adds_up_over_pieces(value: str, bold: bool) -> None:
    # Wrapping adds up widths of characters across a paragraph; a line cut from it must
    # measure the same on its own (emoji selectors and clusters are never split).
    table = text._table(bold)
    for paragraph in value.split("\n"):
        paragraph = paragraph.strip(SPACES)
        if not paragraph:
            continue
        running = [0, *itertools.accumulate(text._char_units(paragraph, table))]
        starts, ends = text._pieces(paragraph, text._kinds_in(paragraph))
        for start in starts:
            for end in ends:
                if start < end:
                    assert text._units(paragraph[start:end], table) == running[end] - running[start]


@settings(max_examples=100, deadline=None)
@given(value=TEXTS, size=st.sampled_from([9, 12, 16]))
def test_longest_word_is_no_wider_than_the_text(value: str, size: float) -> None:
    widest = longest_word_width(value, size)
    assert widest <= max((text_width(line, size) for line in value.split("\n")), default=0)


# -- the generated table ---------------------------------------------------------------


def load_generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_font_metrics", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the class is built.
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_fontmetrics_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fontTools", reason="fontTools (a dev dependency) is not installed")
    generator = load_generator(monkeypatch)
    missing = [
        name for _, files in generator.STYLES for name in files if not (FONT_DIR / name).is_file()
    ]
    if missing:
        pytest.skip(
            f"Liberation Sans TTFs not installed (apt-get install fonts-liberation2): "
            f"{', '.join(missing)}"
        )
    expected = generator.render(FONT_DIR)
    assert generator.render(FONT_DIR) == expected  # deterministic
    current = (REPO / "src" / "journeymap" / "layout" / "fontmetrics.py").read_text("utf-8")
    assert current == expected, "stale: run python tools/gen_font_metrics.py"


def test_fontmetrics_imports_nothing() -> None:
    # Imported on every render: data only, no imports, nothing decoded at import time.
    source = Path(fontmetrics.__file__).read_text("utf-8")
    tree = ast.parse(source)
    assert ast.get_docstring(tree)
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert "Generated by tools/gen_font_metrics.py" in source
    assert "Do not edit by hand" in source


def test_fontmetrics_covers_the_scripts_it_should() -> None:
    table = text._table(False)
    for sample in (
        "AZaz09",
        "àéîõüÿ",
        "ĀăĐőŒŸžſ",
        "ΑΩαω",
        "АЯая",
        "אבגש",
        "\u20ac\u2122\u2026\u2013\u2014\u201c\u201d",
    ):
        text_width(sample, 10)  # beyond Latin-1, the table learns from the font on demand
        for char in sample:
            assert char in text._bases[id(table)], char


@pytest.mark.parametrize("data", [fontmetrics.REGULAR, fontmetrics.BOLD, "@00FE 1 2 3 @0200 4"])
def test_latin_and_the_rest_decode_to_the_whole_font(data: str) -> None:
    """The table starts with Latin-1 and learns the rest on demand: together, the font."""
    latin, rest = text._latin_and_rest(data)
    head, tail = text._decode(latin), text._decode(rest)
    assert {**head, **tail} == text._decode(data)
    assert all(ord(char) < 0x100 for char in head)
    assert all(ord(char) >= 0x100 for char in tail)


def test_a_character_beyond_latin_takes_the_fonts_width() -> None:
    table = text._table(False)
    assert text_width("\u0410", 1000) == text._decode(fontmetrics.REGULAR)["\u0410"]
    assert id(table) not in text._pending


def test_a_paragraph_measured_once_wraps_alike_at_every_width() -> None:
    """wrap_text remembers a paragraph's natural width; the lines must not depend on it."""
    sample = "Operations · CRM · takes 2m"
    widths = [400.0, 150.0, 149.99, 80.0, 20.0, 0.0]
    remembered = [wrap_text(sample, width, 11) for width in widths]
    fresh = []
    for width in widths:
        text.width_cache_clear()
        fresh.append(wrap_text(sample, width, 11))
    assert remembered == fresh
    assert remembered[0] == [sample]
