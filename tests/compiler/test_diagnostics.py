"""Every diagnostic code (LANGUAGE.md sections 2-7) with its location and message.

Each test provokes one code and checks the code, the line and column and the
gist of the message. A few representative diagnostics are also kept as
golden files of their full text (`Diagnostic.format()`: message, source
line, caret, hint) under `goldens/`; `JOURNEYMAP_UPDATE_GOLDENS=1` rewrites
them, and a mismatch leaves `NAME.got.txt` beside the golden for review.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import journeymap
from journeymap.compiler.load import Compiled, compile_bytes
from journeymap.language import source
from journeymap.language.source import MAX_FILE_BYTES
from journeymap.model.diagnostics import Diagnostic, Severity, format_all
from tests.golden import check_golden

GOLDENS = Path(__file__).parent / "goldens"
CompileSource = Callable[..., Compiled]


def diagnose(text: str) -> list[Diagnostic]:
    return journeymap.compile_string(text, name="t.journey").diagnostics


def only(text: str) -> Diagnostic:
    found = diagnose(text)
    assert len(found) == 1, format_all(found)
    return found[0]


def expect(text: str, code: str, line: int, column: int, *gist: str) -> Diagnostic:
    """The one diagnostic `text` gives has this code, place and message fragments."""
    d = only(text)
    assert (d.code, d.location.line, d.location.column) == (code, line, column), d.format()
    for fragment in gist:
        assert fragment in d.message, d.format()
    first = d.message.split()[0]
    assert first.isupper() or not first[0].isupper(), d.message  # lower-case but for NUL, ESC
    return d


STEP = "stage s: Start\n  step a: Sees an ad\n"


# -- E0xx: reading and syntax ------


def test_e001_invalid_utf8_points_at_the_first_bad_byte() -> None:
    (d,) = compile_bytes("journey: Ok\nstep a: é".encode() + b"\xff rest\n").diagnostics
    assert (d.code, d.location.line, d.location.column) == ("E001", 2, 10)
    assert "0xff" in d.message and "invalid UTF-8" in d.message


@pytest.mark.parametrize(
    ("text", "column", "name"),
    [
        ("step a: A\x00", 10, "NUL"),
        ("step a: A\rB", 10, "carriage return"),
        ("step a: \x1bA", 9, "ESC"),
        ("step a: A\x7f", 10, "DEL"),
        ("step a: A\x01", 10, "U+0001"),
    ],
)
def test_e002_control_characters(text: str, column: int, name: str) -> None:
    expect("journey: T\n" + text + "\n", "E002", 2, column, name, "not allowed")


def test_e002_every_control_character_is_reported() -> None:
    found = diagnose("step a: \x00\nstep b: \x00\n")
    assert [(d.code, d.location.line) for d in found] == [("E002", 1), ("E002", 2)]


def test_e002_the_byte_check_lets_through_only_bytes_of_allowed_characters() -> None:
    # `decode` looks for control characters only in a file with a byte outside
    # `_GOOD_BYTES`: each such character is one byte in UTF-8, and no other
    # character has that byte in it.
    bad = {b for b in range(0x80) if source._BAD_CHAR.match(chr(b))}
    assert set(source._GOOD_BYTES) == set(range(256)) - bad


def test_e004_line_too_long() -> None:
    expect("step a: " + "x" * 100_001, "E004", 1, 100_001, "too long", "100,000")


def test_e005_too_many_bytes() -> None:
    (d,) = compile_bytes(b"#" * (MAX_FILE_BYTES + 1)).diagnostics
    assert d.code == "E005" and "too large" in d.message and d.location.line == 0


def test_e005_file_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.journey"
    with big.open("wb") as handle:  # sparse: the size check comes before any read
        handle.truncate(MAX_FILE_BYTES + 1)
    (d,) = journeymap.compile_file(big).diagnostics
    assert d.code == "E005" and "too large" in d.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "  # indented\n\n# two\n"])
def test_e006_nothing_to_draw(text: str) -> None:
    d = only(text)
    assert d.code == "E006" and "nothing to draw" in d.message
    assert d.location.line == 0


def test_e007_missing_file(tmp_path: Path) -> None:
    (d,) = journeymap.compile_file(tmp_path / "nope.journey").diagnostics
    assert d.code == "E007" and "no such file" in d.message


def test_e007_directory(tmp_path: Path) -> None:
    (d,) = journeymap.compile_file(tmp_path).diagnostics
    assert d.code == "E007" and "is a directory" in d.message


def test_e007_missing_include_is_located(compile_source: CompileSource) -> None:
    (d,) = compile_source('journey: T\ninclude "gone.journey"\n').diagnostics
    assert (d.code, d.location.line, d.location.column) == ("E007", 2, 9)
    assert d.message.endswith("gone.journey`: no such file")


def test_e007_fifo_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.journey")
    (d,) = journeymap.compile_file(tmp_path / "pipe.journey").diagnostics
    assert d.code == "E007" and "not a regular file" in d.message


@pytest.mark.parametrize(
    ("text", "column", "gist"),
    [
        ("step see ad: Sees an ad", 10, "after the ID `see`"),
        ("= x", 1, "cannot start with `=`"),
        ("step a !b", 8, "unexpected `!`"),
        ("a -> : x", 6, "unexpected"),
    ],
)
def test_e010_malformed_statement(text: str, column: int, gist: str) -> None:
    expect(text, "E010", 1, column, gist)


def test_e011_unterminated_string() -> None:
    d = expect(STEP + '    pain: "Slow\n', "E011", 3, 11, "unterminated string")
    assert d.location.length == 5


def test_e012_unknown_escape() -> None:
    expect(STEP + '    pain: "C:\\temp"\n', "E012", 3, 14, "unknown escape `\\t`")


def test_e012_in_an_attribute_value() -> None:
    expect('step a: A [persona="\\x"]', "E012", 1, 21, "`\\x`")


@pytest.mark.parametrize(
    ("text", "column", "char"),
    [('step a: Reads the "terms"', 19, '`"`'), ("step a: a ] b", 11, "`]`")],
)
def test_e013_unquoted_text(text: str, column: int, char: str) -> None:
    expect(text, "E013", 1, column, "unquoted text may not contain", char)


@pytest.mark.parametrize(
    ("text", "column", "gist"),
    [
        ("step a: A [persona=maya", 24, "not closed"),
        ("step a: A [persona=a b]", 22, "unexpected `b` in the attribute list"),
        ("step a: A [persona=]", 20, "unexpected `]`"),
    ],
)
def test_e014_attribute_list(text: str, column: int, gist: str) -> None:
    expect(text, "E014", 1, column, gist)


def test_e015_text_after_attributes() -> None:
    expect("step a: Sees [assumption] an ad", "E015", 1, 27, "after the attribute list")


# -- E1xx: statements and placement ------


def test_e101_unknown_keyword_suggests_the_nearest() -> None:
    d = expect(STEP + "    pian: Slow\n", "E101", 3, 5, "unknown keyword `pian`", "`pain`")
    assert d.location.length == 4


def test_e101_unknown_keyword_without_suggestion() -> None:
    d = expect("zzzzqq: x", "E101", 1, 1, "`zzzzqq`")
    assert d.hint and "keywords" in d.hint


def test_e102_names_both_lines() -> None:
    d = expect("team growth: Growth\npain: Slow\n", "E102", 2, 1, "`pain` needs a step")
    assert "team `growth` on line 1" in d.message


def test_e102_without_any_block() -> None:
    expect("role: Saver\n", "E102", 1, 1, "needs a persona", "no block before it")


def test_e102_step_only_property_in_a_stage() -> None:
    expect("stage s: S\n  think: Hm\n", "E102", 2, 3, "stage `s` on line 1")


def test_e102_lists_every_accepted_block() -> None:
    expect("persona p: P\n  count: 4\n", "E102", 2, 3, "needs a stage or a step")


@pytest.mark.parametrize(
    ("text", "line", "column", "gist"),
    [
        ("stage s: S\n  step:\n", 2, 3, "`step` needs a name"),
        ('step a: A\n  pain: ""\n', 2, 3, "`pain` needs a pain point"),
        ('step a: "  "\n', 1, 1, "`step` needs a name"),
        ("step a: A\n  metric m:\n", 2, 3, "`metric` needs a value"),
        ('step a: A\n  pain "Slow"\n', 2, 3, "needs a `:`"),
        ("include: x.journey\n", 1, 1, "needs a quoted path"),
        ("include x.journey\n", 1, 9, "needs a quoted path"),
        ('include ""\n', 1, 9, "not an empty string"),
    ],
)
def test_e103_missing_value(text: str, line: int, column: int, gist: str) -> None:
    expect(text, "E103", line, column, gist)


@pytest.mark.parametrize(
    ("text", "column", "gist"),
    [
        ("persona: Maya", 1, "`persona` needs an ID"),
        ("channel: App", 1, "`channel` needs an ID"),
        ("team: Ops", 1, "`team` needs an ID"),
        ("stage s: S\n  metric: 4", 3, "`metric` needs a name"),
        ("step a: A\n  pain p: Slow", 8, "`pain` takes no ID"),
    ],
)
def test_e104_id_rules(text: str, column: int, gist: str) -> None:
    expect(text, "E104", text.count("\n") + 1, column, gist)


@pytest.mark.parametrize("keyword", ["journey", "description", "scenario", "theme"])
def test_e105_once_per_document(keyword: str) -> None:
    d = expect(f"{keyword}: A\nstep a: A\n{keyword}: B\n", "E105", 3, 1, f"`{keyword}`")
    assert "line 1" in d.message


def test_e105_across_an_include(compile_source: CompileSource) -> None:
    result = compile_source('journey: A\ninclude "b.journey"\n', **{"b.journey": "journey: B\n"})
    (d,) = result.diagnostics
    assert d.code == "E105" and d.location.file.endswith("b.journey")
    assert "main.journey:1" in d.message


# -- E2xx: values and attributes ------


@pytest.mark.parametrize(
    ("text", "column", "gist"),
    [
        ("step a: A [flag]", 12, "`step` has no attribute `flag`"),
        ("journey: A [x]", 12, "`journey` takes no attributes"),
        ("stage s: S [x=1]", 12, "`stage` takes no attributes"),
        ("step a: A\nstep b: B\na -> b [x]", 8, "flows take no attributes"),
    ],
)
def test_e201_attribute_not_allowed(text: str, column: int, gist: str) -> None:
    expect(text, "E201", text.count("\n") + 1, column, gist)


def test_e201_suggests_a_known_attribute() -> None:
    d = expect("step a: A [moment-of-trust]", "E201", 1, 12, "`moment-of-trust`")
    assert d.hint == "did you mean `moment-of-truth`?"


@pytest.mark.parametrize(
    ("attr", "words"),
    [
        ("kind=online", "digital, physical, human"),
        ("tier=top", "primary, secondary, tertiary"),
        ("phase=later", "before, during, after"),
    ],
)
def test_e202_touchpoint_words(attr: str, words: str) -> None:
    value = attr.split("=")[1]
    d = expect(
        f"step a: A\n  touchpoint: T [{attr}]", "E202", 2, 18 + len(attr) - len(value), words
    )
    assert f"`{value}`" in d.message


def test_e202_priority_suggests() -> None:
    d = expect("step a: A\n  opportunity: O [priority=hihg]", "E202", 2, 28, "high, medium, low")
    assert d.hint and "did you mean `high`?" in d.hint


def test_e202_channel_kind() -> None:
    expect("channel app: App [kind=web]", "E202", 1, 24, "kind must be one of")


@pytest.mark.parametrize("value", ["many", "-5", "1.5", "12,000", "\uff11\uff12"])
def test_e203_count(value: str) -> None:
    expect(f"stage s: S\n  count: {value}", "E203", 2, 10, f"not `{value}`")


@pytest.mark.parametrize("value", ["3 Happy", "-3", "happy", "+5 Wow", "1.5"])
def test_e204_emotion_score(value: str) -> None:
    expect(STEP + f"    emotion: {value}", "E204", 3, 14, "from -2 to +2")


def test_e205_repeated_metric_name() -> None:
    d = expect("stage s: S\n  metric m: 1\n  metric m: 2", "E205", 3, 10, "metric `m`")
    assert "line 2" in d.message


def test_e205_same_metric_in_two_blocks_is_fine() -> None:
    assert diagnose("stage s: S\n  metric m: 1\n  step a: A\n    metric m: 2\n") == []


def test_e206_attribute_twice() -> None:
    expect("step a: A [assumption, assumption]", "E206", 1, 24, "`assumption` is given twice")


@pytest.mark.parametrize(
    ("text", "column", "gist"),
    [
        ("step a: A [fail-point=yes]", 12, "is a flag"),
        ('step a: A [persona=""]', 12, "`persona` needs a value"),
        ('step a: A [persona="a b"]', 20, "`a b` is not an ID"),
        ("step a: A\n  touchpoint: T [url=http://x]", 22, "`http://x` must be quoted"),
    ],
)
def test_e207_bad_attribute_value(text: str, column: int, gist: str) -> None:
    expect(text, "E207", text.count("\n") + 1, column, gist)


def test_e208_count_twice() -> None:
    d = expect("stage s: S\n  count: 9\n  count: 8", "E208", 3, 10, "already has a count")
    assert "line 2" in d.message


TWO = "persona maya: Maya\npersona leo: Leo\npersona kim: Kim\nstage s: Start\n"


@pytest.mark.parametrize(
    ("lines", "gist"),
    [
        ("    emotion: 1 Fine\n    emotion: -1 Wary\n", "the step's personas"),
        ("    emotion: 1 [persona=leo]\n    emotion: -1 [persona=leo]\n", "persona `leo`"),
        ('    emotion: 1 [persona=leo]\n    emotion: 2 [persona="kim, leo"]\n', "`leo`"),
        (
            "    emotion: 1 [variant=to-be]\n    emotion: 2 [variant=to-be]\n",
            "(variant `to-be`)",
        ),
    ],
)
def test_e209_two_emotions_for_one_persona_and_variant(lines: str, gist: str) -> None:
    d = expect(TWO + "  step a: Sees an ad\n" + lines, "E209", 7, 5, gist)
    assert "the first is on line 6" in d.message


@pytest.mark.parametrize(
    "lines",
    [
        "    emotion: 1 Fine\n    emotion: -2 Angry [persona=leo]\n",
        "    emotion: -2 Angry [persona=leo]\n    emotion: 1 Fine\n",
        "    emotion: 1 Fine\n    emotion: 1 Fine [variant=to-be]\n",
        "    emotion: 1 [persona=leo]\n    emotion: 1 [persona=kim]\n",
    ],
)
def test_an_emotion_with_persona_overrides_the_one_without(lines: str) -> None:
    result = journeymap.compile_string(TWO + "  step a: Sees an ad\n" + lines)
    assert result.diagnostics == [], format_all(result.diagnostics)


def test_the_named_emotion_feeds_its_persona_curve_whichever_comes_first() -> None:
    from journeymap.analysis.curves import curve_points  # the analysis layer, for this test only

    for lines in (
        "    emotion: 1 Fine\n    emotion: -2 Angry [persona=leo]\n",
        "    emotion: -2 Angry [persona=leo]\n    emotion: 1 Fine\n",
    ):
        journey = journeymap.loads(TWO + "  step a: Sees an ad\n" + lines)
        scores = {key[0]: points[0].score for key, points in curve_points(journey).items()}
        assert scores == {"maya": 1, "leo": -2, "kim": 1}


def test_e210_persona_the_step_does_not_involve_lists_its_personas() -> None:
    text = TWO + '  step a: Sees an ad [persona="maya, kim"]\n    emotion: 1 [persona=leo]\n'
    d = expect(text, "E210", 6, 25, "persona `leo` is not on step `a`")
    assert "`maya`, `kim`" in d.message
    assert d.location.length == 3


def test_e210_not_for_a_step_of_every_persona() -> None:
    result = journeymap.compile_string(TWO + "  step a: A\n    emotion: 1 [persona=leo]\n")
    assert result.diagnostics == []


def test_undeclared_persona_on_an_emotion_stays_w101() -> None:
    text = TWO + "  step a: A [persona=maya]\n    emotion: 1 [persona=zed]\n"
    d = only(text)
    assert (d.code, d.severity, d.location.line) == ("W101", Severity.WARNING, 6)


def test_a_misspelt_step_persona_is_one_warning() -> None:
    text = TWO + (
        "  step a: A [persona=mya]\n"
        "    emotion: 1 [persona=mya]\n"
        "    emotion: 2 [persona=maya, variant=to-be]\n"
    )
    d = only(text)
    assert (d.code, d.location.line) == ("W101", 5)


# -- E3xx: IDs and flows ------


def test_e301_duplicate_id_names_both_lines() -> None:
    d = expect("channel app: App\nteam app: Team", "E301", 2, 6, "duplicate ID `app`")
    assert "the channel on line 1" in d.message


def test_e301_explicit_step_ids() -> None:
    expect("step a: A\nstep a: B", "E301", 2, 6, "the step on line 1")


def test_e301_lane_item_against_touchpoint() -> None:
    expect("step a: A\n  touchpoint t: T\n  backstage t: B", "E301", 3, 13, "touchpoint")


def test_e302_unknown_flow_end_suggests() -> None:
    d = expect(STEP + "    backstage kyc: K\na -> kcy", "E302", 4, 6, "unknown flow end `kcy`")
    assert d.hint == "did you mean `kyc`?"


def test_e302_both_ends_reported() -> None:
    found = diagnose(STEP + "x -> y\n")
    assert [(d.code, d.location.column) for d in found] == [("E302", 1), ("E302", 6)]


def test_e303_flow_end_of_the_wrong_kind() -> None:
    expect("team t: T\nstep a: A\na -> t", "E303", 3, 6, "`t` is a team")


def test_e303_stage_is_not_a_flow_end() -> None:
    expect("stage s: S\n  step a: A\ns --> a", "E303", 3, 1, "`s` is a stage")


# -- E4xx: includes ------


def test_e401_absolute(compile_source: CompileSource) -> None:
    (d,) = compile_source('include "/etc/passwd"\n').diagnostics
    assert (d.code, d.location.line, d.location.column) == ("E401", 1, 9)
    assert "absolute" in d.message


def test_e402_outside_the_root(compile_source: CompileSource) -> None:
    (d,) = compile_source('include "../outside.journey"\n').diagnostics
    assert d.code == "E402" and "outside the root" in d.message


def test_e402_symlink_out_of_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "outside.journey"
    outside.write_text("step x: X\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "link.journey").symlink_to(outside)
    (project / "main.journey").write_text('include "link.journey"\n')
    (d,) = journeymap.compile_file(project / "main.journey").diagnostics
    assert d.code == "E402"


def test_e403_cycle_shows_the_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("main.journey").write_text('step m: M\ninclude "a.journey"\n')
    Path("a.journey").write_text('include "main.journey"\n')
    (d,) = journeymap.compile_file("main.journey").diagnostics
    assert (d.code, d.location.file, d.location.line) == ("E403", "a.journey", 1)
    assert d.message == "include cycle: main.journey -> a.journey -> main.journey"


def test_e404_too_deep(compile_source: CompileSource) -> None:
    files = {f"f{i}": f'step s{i}: S\ninclude "f{i + 1}.journey"\n' for i in range(20)}
    result = compile_source(
        'include "f0.journey"\n', **{f"{k}.journey": v for k, v in files.items()}
    )
    codes = [d.code for d in result.diagnostics]
    assert codes == ["E404"], format_all(result.diagnostics)
    assert "more than 16 deep" in result.diagnostics[0].message


def test_e405_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "main.journey").write_text('step a: A\ninclude "loop"\n')
    (d,) = journeymap.compile_file(tmp_path / "main.journey").diagnostics
    assert d.code in ("E405", "E007")  # a Python that resolves the loop reports a read error
    assert (d.location.line, d.location.column) == (2, 9)


# -- W1xx: warnings ------


@pytest.mark.parametrize(
    ("line", "kind", "name"),
    [
        ("    touchpoint: T [channel=web]", "channel", "web"),
        ("    touchpoint: T [owner=ops]", "team", "ops"),
        ("    backstage: B [owner=ops]", "team", "ops"),
        ("    opportunity: O [owner=ops]", "team", "ops"),
        ("    emotion: 1 [persona=leo]", "persona", "leo"),
    ],
)
def test_w101_undeclared_reference(line: str, kind: str, name: str) -> None:
    d = only(STEP + line)
    assert (d.code, d.severity, d.location.line) == ("W101", Severity.WARNING, 3)
    assert d.message == f"{kind} `{name}` is not declared"
    assert line[d.location.column - 1 :].startswith(name)


def test_w101_keeps_the_journey() -> None:
    result = journeymap.compile_string(STEP + "    touchpoint: T [channel=web]\n")
    assert result.journey is not None and not result.has_errors
    assert result.journey.steps()[0].touchpoints[0].channel == "web"


def test_w101_suggests_a_declared_name() -> None:
    d = only("persona maya: Maya\n" + STEP.replace("Sees an ad", "A [persona=mya]"))
    assert d.code == "W101" and d.hint == "did you mean `maya`?"


# -- collecting ------


def test_all_problems_are_reported_in_one_run_in_order() -> None:
    text = "journey: A\npian: x\nstep a: A [zz]\njourney: B\nstep a: C\n"
    found = diagnose(text)
    assert [(d.code, d.location.line) for d in found] == [
        ("E101", 2),
        ("E201", 3),
        ("E105", 4),
        ("E301", 5),
    ]


def test_reporting_stops_after_twenty_errors() -> None:
    found = diagnose("".join(f"pian{i}: x\n" for i in range(50)))
    assert len(found) == 20


def test_errors_give_no_journey() -> None:
    result = journeymap.compile_string("step a: A [zz]\n")
    assert result.journey is None and result.has_errors


# -- golden files ------

GOLDEN_INPUTS = {
    "unknown_keyword": STEP + "    pian: The ad does not mention fees\n",
    "wrong_block": "team growth: Growth marketing\n\npain: Slow\n",
    "unterminated_string": STEP + '    think: "Is this bank legit?\n',
    "bad_word": STEP + "    touchpoint: Ad [channel=social, tier=top]\n",
    "duplicate_id": "channel app: Mobile app\nteam app: App team\n",
    "unknown_flow_end": STEP + "    backstage kyc: KYC check\na -> kcy: Sends\n",
    "missing_value": "stage s: Start\n  step:\n",
    "id_with_space": "stage s: Start\n  step see ad: Sees an ad\n",
    "control_character": "journey: Tab\tok, NUL\x00 not\n",
    "undeclared_channel": STEP + "    touchpoint: Ad [channel=socail]\nchannel social: Social\n",
}


def _golden_text(text: str) -> str:
    return format_all(diagnose(text)) + "\n"


@pytest.mark.parametrize("name", sorted(GOLDEN_INPUTS))
def test_golden(name: str) -> None:
    check_golden(GOLDENS / f"{name}.txt", _golden_text(GOLDEN_INPUTS[name]))


def test_goldens_have_no_strays() -> None:
    names = {p.name for p in GOLDENS.glob("*.txt") if ".got." not in p.name}
    assert names == {f"{name}.txt" for name in GOLDEN_INPUTS}
