"""No input crashes the tool: random text and bytes, and the known-bad inputs of the issue.

`compile_string` and `compile_bytes` never raise; `loads` raises nothing but
`JourneyError`. Every problem comes back as a located diagnostic.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap
from journeymap.compiler.load import Compiled, compile_bytes
from journeymap.model.diagnostics import JourneyError

FRAGMENTS = [
    "journey", "stage", "step", "persona", "channel", "team", "touchpoint", "think",
    "emotion", "pain", "delight", "opportunity", "count", "metric", "note", "include",
    "evidence", "customer", "frontstage", "backstage", "support", "policy", "theme",
    "a", "b", "see_ad", "kyc-ops", "x1", ":", ": ", " ", "  ", "\t", "\n", "\r\n", "[", "]",
    '"', "#", " # ", "->", "-->", "\\", "\\n", "=", ",", "kind=digital", "persona=a",
    "-1", "+2", "3", "12000", "2m", "#ff0000", '"x.journey"', '"../x.journey"', "é",
    "中", "😀", "\u200b", "\ufeff", "{", "}", '{"version": 1}',
]  # fmt: skip

JOURNEY_TEXT = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(max_size=4),
    max_size=40,
).map("".join)

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_result(result: Compiled) -> None:
    if result.journey is None:
        assert result.has_errors
    for d in result.diagnostics:
        assert d.code[0] in "EW" and len(d.code) == 4
        assert d.location.line >= 0 and d.location.column >= 1
        assert d.format()  # every diagnostic can be shown


@SETTINGS
@given(JOURNEY_TEXT)
def test_random_text_never_escapes_compile_string(text: str) -> None:
    _check_result(journeymap.compile_string(text, root="/nonexistent-root"))


@SETTINGS
@given(st.binary(max_size=300) | JOURNEY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_never_escape_compile_bytes(data: bytes) -> None:
    _check_result(compile_bytes(data, root="/nonexistent-root"))


@SETTINGS
@given(JOURNEY_TEXT | st.text())
def test_only_journey_error_escapes_loads(text: str) -> None:
    try:
        journey = journeymap.loads(text, root="/nonexistent-root")
    except JourneyError as exc:
        assert exc.diagnostics
        assert any(d.is_error for d in exc.diagnostics)
        assert str(exc)
    else:
        assert journey is not None


KEYS = ["version", "title", "stages", "steps", "id", "name", "score", "line", "lanes", "flows"]


def _json_objects() -> st.SearchStrategy[str]:
    """JSON objects shaped a little like a journey: known keys, any values."""
    values = st.recursive(
        st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | st.text(max_size=3),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
        ),
        max_leaves=12,
    )
    return st.dictionaries(st.sampled_from(KEYS), values, max_size=6).map(json.dumps)


@SETTINGS
@given(_json_objects())
def test_random_json_never_escapes(text: str) -> None:
    _check_result(journeymap.compile_string(text, name="in.json"))
    with contextlib.suppress(JourneyError):
        journeymap.loads(text)


# -- the specific bad inputs ------


def _only(result: Compiled) -> tuple[str, int, int]:
    (d,) = result.diagnostics
    assert result.journey is None
    return d.code, d.location.line, d.location.column


def test_nul_byte() -> None:
    assert _only(compile_bytes(b"journey: T\nstep a: A\x00B\n")) == ("E002", 2, 10)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.journey"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = journeymap.compile_file(path)
    assert result.journey is None and result.diagnostics
    # Not a journey source: one error naming the file, none of its bytes quoted.
    assert [(d.code, d.location.line, d.source_line) for d in result.diagnostics] == [
        ("E008", 0, None)
    ]
    assert len(result.diagnostics) <= 20


def test_one_megabyte_line() -> None:
    code, line, _ = _only(compile_bytes(b"journey: T\nstep a: " + b"x" * 1_000_000 + b"\n"))
    assert (code, line) == ("E004", 2)


def test_long_line_under_the_limit_is_fine() -> None:
    result = compile_bytes(b"step a: " + b"x" * 90_000 + b"\n")
    assert result.diagnostics == [] and result.journey is not None


@pytest.mark.parametrize("data", [b"", b"\n", b"   \n\t\n", b"\xef\xbb\xbf", b"# c\n  # d\n"])
def test_empty_and_comment_only(data: bytes) -> None:
    assert _only(compile_bytes(data)) == ("E006", 0, 1)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xff", 1, 1),
        (b"step a: caf\xe9\n", 1, 12),
        ("journey: é\nstep 中: ".encode() + b"\xc3\x28", 2, 9),
        (b"journey: T\n\n  pain: \xed\xa0\x80", 3, 9),  # an encoded surrogate
        ("step a: 😀".encode()[:-1] + b"\n", 1, 9),  # a truncated sequence
    ],
)
def test_invalid_utf8_points_at_the_first_bad_byte(data: bytes, line: int, column: int) -> None:
    assert _only(compile_bytes(data)) == ("E001", line, column)


def test_lone_cr() -> None:
    assert _only(compile_bytes(b"journey: T\rstep a: A\n")) == ("E002", 1, 11)


def test_crlf_is_not_a_lone_cr() -> None:
    assert compile_bytes(b"journey: T\r\nstep a: A\r\n").diagnostics == []


def test_directory_given_as_file(tmp_path: Path) -> None:
    (d,) = journeymap.compile_file(tmp_path).diagnostics
    assert d.code == "E007" and "directory" in d.message


def test_loads_raises_journey_error_with_every_diagnostic() -> None:
    with pytest.raises(JourneyError) as info:
        journeymap.loads("pian: x\nstep a: A [zz]\n")
    assert [d.code for d in info.value.diagnostics] == ["E101", "E201"]
    assert "(and 1 more)" in str(info.value)


def test_lone_surrogate_in_a_string() -> None:
    result = journeymap.compile_string("journey: \ud800\n")
    assert result.journey is None
    assert [d.code for d in result.diagnostics] == ["E001"]
