"""The formatter: canonical form, comments kept, idempotent and meaning-preserving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import journeymap
from journeymap.language.format import (
    FormatError,
    content_problems,
    format_bytes,
    format_source,
    format_text,
    value_needs_quotes,
)
from journeymap.language.parser import parse
from journeymap.model.diagnostics import Collector
from tests.analysis.diff_journeys import journey_source
from tests.conftest import REPO
from tests.golden import check_golden

HERE = Path(__file__).parent
FMT_CASES = sorted((HERE / "fmt_cases").glob("*.input.journey"))

# Files in the repository that are deliberately not canonical (formatter inputs).
DELIBERATELY_UNFORMATTED = {
    *(p.relative_to(REPO) for p in FMT_CASES),
    Path("tests/analysis/diff_cases/formatting.old.journey"),
    # A verbatim copy of LANGUAGE.md's example (its `quote:` keeps quotes fmt drops).
    Path("tests/language/spec_example.journey"),
}
REPO_FILES = sorted(
    p.relative_to(REPO)
    for folder in ("gallery", "tests")
    for p in (REPO / folder).rglob("*.journey")
    # Files with mistakes on purpose (tests/compiler/test_one_message.py): nothing to format.
    if "bad_inputs" not in p.parts
)


def compiled_json(text: str) -> Any:
    """The compiled JSON without `line` keys: formatting may move lines (blank lines collapse)."""
    result = journeymap.compile_string(text, name="t.journey")
    if result.journey is None:
        return sorted(d.code for d in result.diagnostics)

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "line"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(json.loads(journeymap.to_json(result.journey)))


# -- golden cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", FMT_CASES, ids=lambda p: p.name.split(".")[0])
def test_golden(case: Path) -> None:
    expected_path = case.with_name(case.name.replace(".input.", ".expected."))
    got = format_text(case.read_text(encoding="utf-8"), str(case))
    check_golden(expected_path, got)
    assert format_text(got) == got


def test_comments_stay_with_their_statements() -> None:
    got = format_text((HERE / "fmt_cases" / "comments.input.journey").read_text(encoding="utf-8"))
    lines = got.splitlines()
    assert lines[0] == "# The header comment stays at the top."
    assert lines[1] == ""  # leading blank lines dropped, runs collapsed to one
    # A comment takes the indentation of the statement right after it ...
    assert lines[
        lines.index("  step a: Looks [persona=maya, moment-of-truth, fail-point]") - 1
    ] == ("  # belongs to the step below")
    # ... or, before a blank line, of the statement before it when it was nearer.
    assert "    # a comment at the end of the step block" in lines
    assert "    pain: Slow # really slow" in lines
    assert "\n\n\n" not in got and got.endswith("Maya\n# last words\n")


@pytest.mark.parametrize(
    ("comment", "depth"),
    [("      # about the pain", 3), ("    # about the pain", 2), ("  # about step b", 1)],
)
def test_a_comment_after_a_property_keeps_the_property_indentation(
    comment: str, depth: int
) -> None:
    text = f"stage s: S\n  step a: A\n    pain: Slow\n{comment}\n  step b: B\n"
    lines = format_text(text).splitlines()
    assert lines[3] == "  " * min(depth, 2) + comment.strip()
    assert format_text(format_text(text)) == format_text(text)


def test_a_comment_after_a_property_is_not_moved_out_to_the_step() -> None:
    text = "stage s: S\n  step a: A\n    pain: Slow\n    # the pain is the fee\n  step b: B\n"
    assert format_text(text) == text


def test_blocks_set_the_depth() -> None:
    got = format_text((HERE / "fmt_cases" / "blocks.input.journey").read_text(encoding="utf-8"))
    assert got.splitlines() == [
        "step early: Before any stage",
        "  pain: Early pain",
        "  note: A document note? No: it follows a step.",
        "journey: Blocks",
        "description: Document statements sit at depth 0",
        "channel app: App [kind=digital]",
        "  note: Channel note",
        "team ops: Ops",
        "stage s: S",
        "  count: 10",
        "  metric nps: 40",
        "  step a: A",
        "    opportunity: Idea [owner=ops, priority=high]",
        "    emotion: -1 Meh [persona=maya, variant=as-is]",
        "    support x: System [owner=ops, system=Postgres]",
        "theme: dark",  # a document statement does not close the step block ...
        "    think: Still in step a",  # ... so this still belongs to step a
    ]


@pytest.mark.parametrize(
    "text,quoted",
    [
        ("plain text", False),
        ("Issue #42 open", False),
        ("C#", False),
        ("back\\slash", False),
        ("Slow # too slow", True),
        ("ends with #", True),
        ("# starts a comment", True),
        ("[x]", True),
        ('say "hi"', True),
        (" leading", True),
        ("trailing\t", True),
        ("two\nlines", True),
        ("", True),
    ],
)
def test_value_quoting(text: str, quoted: bool) -> None:
    assert value_needs_quotes(text) is quoted


def test_attribute_values_are_quoted_only_when_not_plain() -> None:
    got = format_text('step a: A\n  touchpoint: T [channel="app", url="a b", x="", c="#aabbcc"]\n')
    assert got == 'step a: A\n  touchpoint: T [channel=app, url="a b", x="", c=#aabbcc]\n'


def test_free_attributes_keep_their_source_order() -> None:
    # frequency… score are kept as free data in source order; moving them would
    # reorder the model's `attributes`.
    got = format_text(
        "step a: A\n  touchpoint: T [score=3, zeta=1, frequency=daily, tier=primary]\n"
    )
    assert got.endswith("[tier=primary, score=3, zeta=1, frequency=daily]\n")


def test_line_endings_bom_and_final_newline() -> None:
    result = format_bytes(b"\xef\xbb\xbfjourney: T\r\nstage s: S\r\n\r\n\r\n", "t.journey")
    assert result.text == "journey: T\nstage s: S\n"
    assert result.changed
    assert format_bytes(b"journey: T\n", "t.journey").changed is False
    assert format_text("journey: T") == "journey: T\n"
    assert format_text("") == ""


def test_syntax_errors_give_no_text() -> None:
    result = format_bytes(b"journey: T\npain: [oops\n", "t.journey")
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["E014"]


def test_semantic_errors_are_still_formatted() -> None:
    # Not the formatter's business: `pian` is reported by `check`, and kept.
    assert (
        format_text("stage s:S\n step a:A\n  pian:  x\n")
        == "stage s: S\n  step a: A\n    pian: x\n"
    )


def test_content_check_catches_a_lost_comment() -> None:
    before = parse("journey: T # keep\n# own\n", "t", Collector())
    after = parse("journey: T\n# own\n", "t", Collector())
    assert content_problems(before, after) != []
    assert content_problems(before, before) == []


def test_format_refuses_when_content_would_be_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    import journeymap.language.format as fmt

    monkeypatch.setattr(fmt, "statement_text", lambda st: st.keyword)  # a broken writer
    with pytest.raises(FormatError, match="became"):
        format_source(parse("journey: T\n", "t", Collector()))


# -- properties ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_source())
def test_idempotent_and_meaning_preserving(source: str) -> None:
    once = format_text(source)
    assert format_text(once) == once
    assert compiled_json(once) == compiled_json(source)
    original = parse(source.replace("\r\n", "\n"), "t", Collector())
    assert content_problems(original, parse(once, "t", Collector())) == []


@pytest.mark.parametrize("path", REPO_FILES, ids=str)
def test_repo_files_idempotent_and_meaning_preserving(path: Path) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    once = format_text(text, str(path))
    assert format_text(once) == once
    assert compiled_json(once) == compiled_json(text)


@pytest.mark.parametrize(
    "path",
    [p for p in REPO_FILES if p not in DELIBERATELY_UNFORMATTED],
    ids=str,
)
def test_repo_files_are_canonical(path: Path) -> None:
    """What `journeymap fmt --check gallery tests` checks: the repo keeps its files canonical."""
    result = format_bytes((REPO / path).read_bytes(), str(path))
    assert result.text is not None and not result.changed, f"run `journeymap fmt {path}`"


def test_data_and_targets_round_trip() -> None:
    text = (
        'journey: T\ndata "pages.csv" [id=page_path, count=sessions, match=url]\n'
        "target count: >= 500\nstage s: S\n  target count: > 3\n  step a: A\n"
        "    target nps: < 30.5\n"
    )
    messy = text.replace("  target", "      target").replace("data ", "   data ")
    assert messy != text
    assert format_text(messy, "t.journey") == text
    assert format_text(text, "t.journey") == text
    assert compiled_json(messy) == compiled_json(text)
