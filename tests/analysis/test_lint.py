"""Lint rules: each fires on a small file, stays quiet on its fix, and can be silenced."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.analysis import check_file, check_string, lint
from journeymap.analysis.ignores import ignore_comments, silenced_lines
from journeymap.compiler.load import compile_string
from journeymap.model.diagnostics import Diagnostic, Severity

HEAD = "journey: T\nchannel web: Website [kind=digital]\nteam ops: Operations\n"
STEP = "stage s: Start\n  step a: Visits\n    touchpoint: Home page [channel=web]\n"
BASE = HEAD + STEP

# code -> (source that provokes exactly that code, the fixed source, line of the warning)
CASES: dict[str, tuple[str, str, int]] = {
    "W201": (HEAD + "stage empty: Empty\n" + STEP, BASE, 4),
    "W202": (
        BASE + "  step b: Leaves\n",
        BASE + "  step b: Leaves\n    touchpoint: Exit [kind=digital]\n",
        7,
    ),
    "W203": (
        BASE + "    touchpoint: Letter\n",
        BASE + "    touchpoint: Letter [kind=physical]\n",
        7,
    ),
    "W204": (
        BASE + "    pain: Slow\n",
        BASE + "    pain: Slow\n    opportunity: Cache it [owner=ops]\n",
        5,
    ),
    "W205": (
        BASE + "    opportunity: Cache it\n",
        BASE + "    opportunity: Cache it [owner=ops]\n",
        7,
    ),
    "W206": (
        "journey: T\nchannel web: Website [kind=digital]\npersona p: Pia\npersona q: Quinn\n"
        + STEP
        + "    emotion: -1 Bored [persona=p]\n",
        "journey: T\nchannel web: Website [kind=digital]\npersona p: Pia\npersona q: Quinn\n"
        + STEP
        + "    emotion: -1 Bored [persona=p]\n    emotion: +1 Fine [persona=q]\n",
        6,
    ),
    "W207": (BASE.replace("[channel=web]", "[channel=web, assumption]"), BASE, 0),
    "W208": (
        HEAD + "stage s: Start\n  count: 100\n  step a: A\n    touchpoint: Page [channel=web]\n"
        "stage t: Again\n  count: 150\n  step b: B\n    touchpoint: Page [channel=web]\n",
        HEAD + "stage s: Start\n  count: 100\n  step a: A\n    touchpoint: Page [channel=web]\n"
        "stage t: Again\n  count: 150\n  note: Returning customers join here\n  step b: B\n"
        "    touchpoint: Page [channel=web]\n",
        8,
    ),
    "W209": (
        HEAD + "stage s: S\n  count: 100\n  step a: A\n    touchpoint: P [channel=web]\n"
        "stage t: T\n  step b: B\n    touchpoint: P [channel=web]\n"
        "stage u: U\n  count: 50\n  step c: C\n    touchpoint: P [channel=web]\n",
        HEAD + "stage s: S\n  count: 100\n  step a: A\n    touchpoint: P [channel=web]\n"
        "stage t: T\n  count: 80\n  step b: B\n    touchpoint: P [channel=web]\n"
        "stage u: U\n  count: 50\n  step c: C\n    touchpoint: P [channel=web]\n",
        8,
    ),
    "W210": (
        BASE + "    frontstage: Agent greets [owner=ops]\n",
        BASE + "    customer: Asks for help\n    frontstage: Agent greets [owner=ops]\n",
        7,
    ),
    "W211": (
        BASE + "    backstage job: Batch job [owner=ops]\na --> job: Queues\n",
        BASE + "    frontstage: Status page [owner=ops]\n    customer: Waits\n"
        "    backstage job: Batch job [owner=ops]\na --> job: Queues\n",
        8,
    ),
}


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def test_base_is_clean() -> None:
    assert check_string(BASE).diagnostics == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_where_expected(code: str) -> None:
    source, _, line = CASES[code]
    result = check_string(source, name="m.journey")
    assert codes(result.diagnostics) == [code]
    found = result.diagnostics[0]
    assert found.severity is Severity.WARNING
    assert found.location.file == "m.journey"
    assert found.location.line == line
    assert found.hint
    if line:
        # Located at the statement's first word, with the source line quoted.
        assert found.source_line == source.split("\n")[line - 1]
        assert found.location.column == len(found.source_line) - len(found.source_line.lstrip()) + 1


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_quiet_on_the_fix(code: str) -> None:
    _, fixed, _ = CASES[code]
    assert check_string(fixed).diagnostics == []


def _with_comment(source: str, line: int, comment: str) -> str:
    lines = source.split("\n")
    target = line - 1 if line else 0  # file-wide warnings: the first statement
    lines[target] += f" {comment}"
    return "\n".join(lines)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_silenced_by_a_comment_on_its_line(code: str) -> None:
    source, _, line = CASES[code]
    silenced = _with_comment(source, line, f"# journeymap: ignore[{code}] known and accepted")
    assert check_string(silenced).diagnostics == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_is_silenced_for_the_run(code: str) -> None:
    source, _, _ = CASES[code]
    assert check_string(source, ignore=frozenset({code})).diagnostics == []
    other = "W299" if code != "W299" else "W298"
    assert codes(check_string(source, ignore=frozenset({other})).diagnostics) == [code]


def test_comment_for_another_code_does_not_silence() -> None:
    source, _, line = CASES["W204"]
    assert codes(
        check_string(_with_comment(source, line, "# journeymap: ignore[W205]")).diagnostics
    ) == ["W204"]


def test_own_line_comment_does_not_silence() -> None:
    source = BASE + "    # journeymap: ignore[W204]\n    pain: Slow\n"
    assert codes(check_string(source).diagnostics) == ["W204"]


def test_one_comment_silences_several_codes() -> None:
    loud = HEAD + "stage s: Start\n  step a: Visits\n    pain: Slow\n"
    assert codes(check_string(loud).diagnostics) == ["W202", "W204"]
    quiet = loud.replace("Visits", "Visits # journeymap: ignore[W202, W204] a phone call")
    assert check_string(quiet).diagnostics == []


def test_w101_is_silenced_by_the_same_comment() -> None:
    source = BASE + "    touchpoint: Ad [channel=social]\n"
    assert codes(check_string(source).diagnostics) == ["W101"]
    quiet = BASE + "    touchpoint: Ad [channel=social] # journeymap: ignore[W101] agency channel\n"
    assert check_string(quiet).diagnostics == []
    assert check_string(source, ignore=frozenset({"W101"})).diagnostics == []


def test_errors_are_never_silenced() -> None:
    source = BASE + "    pian: Slow # journeymap: ignore[E101]\n"
    result = check_string(source, ignore=frozenset({"E101"}))
    assert codes(result.diagnostics) == ["E101"]
    assert result.journey is None


def test_a_file_with_errors_is_not_linted() -> None:
    source = HEAD + "stage empty: Empty\n" + STEP + "    emotion: 9 Wow\n"
    assert codes(check_string(source).diagnostics) == ["E204"]


def test_diagnostics_are_sorted_across_compiler_and_linter() -> None:
    source = BASE + "    touchpoint: Ad [channel=social]\n  step b: Leaves\n    pain: Slow\n"
    found = check_string(source).diagnostics
    assert codes(found) == ["W101", "W202", "W204"]
    assert [d.location.line for d in found] == [7, 8, 8]


def test_ignore_comment_in_an_included_file(tmp_path: Path) -> None:
    (tmp_path / "part.journey").write_text(
        "stage p: Part\n  step b: Leaves # journeymap: ignore[W202] the customer just leaves\n",
        encoding="utf-8",
    )
    (tmp_path / "main.journey").write_text(BASE + 'include "part.journey"\n', encoding="utf-8")
    assert check_file(tmp_path / "main.journey").diagnostics == []
    (tmp_path / "part.journey").write_text("stage p: Part\n  step b: Leaves\n", encoding="utf-8")
    found = check_file(tmp_path / "main.journey").diagnostics
    assert codes(found) == ["W202"]
    assert found[0].location.file.endswith("part.journey")
    assert found[0].location.line == 2


def test_json_models_are_linted(tmp_path: Path) -> None:
    from journeymap.emit.pipeline import to_json

    journey = compile_string(BASE + "  step b: Leaves\n").journey
    assert journey is not None
    target = tmp_path / "m.json"
    target.write_text(to_json(journey, "m.journey"), encoding="utf-8")
    assert codes(check_file(target).diagnostics) == ["W202"]
    assert codes(check_string(to_json(journey)).diagnostics) == ["W202"]


def test_lint_api_takes_silences_directly() -> None:
    journey = compile_string(BASE + "  step b: Leaves\n", name="m.journey").journey
    assert journey is not None
    assert codes(lint(journey)) == ["W202"]
    assert lint(journey, ignore=frozenset({"W202"})) == []
    assert lint(journey, silenced={("m.journey", 7): frozenset({"W202"})}) == []
    assert codes(lint(journey, silenced={("m.journey", 6): frozenset({"W202"})})) == ["W202"]


def test_silenced_lines_reads_end_of_line_comments_only() -> None:
    text = (
        "journey: T # journeymap: ignore[W207] pilots\n"
        "# journeymap: ignore[W201]\n"
        "stage s: S # journeymap:ignore[ w201 ,W209 ]\n"
        '  step a: "A # not a comment" # a plain comment\n'
    )
    assert silenced_lines(text, "f") == {
        ("f", 1): frozenset({"W207"}),
        ("f", 0): frozenset({"W207"}),
        ("f", 3): frozenset({"W201", "W209"}),
    }
    reasons = [(c.line, c.reason) for c in ignore_comments(text, "f")]
    assert reasons == [(1, "pilots"), (3, "")]


def test_text_without_an_ignore_comment_is_not_parsed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import journeymap.analysis.ignores as ignores  # to replace its parser for this test

    def no_parse(*_: object) -> None:
        raise AssertionError("parsed a text with no ignore comment")

    monkeypatch.setattr(ignores, "parse", no_parse)
    text = "journey: T # a comment about journeymap\nstage s: S\n  step a: A # ignore[W201]\n"
    assert silenced_lines(text, "f") == {}
    assert ignore_comments(text, "f") == []


def test_w206_checks_each_variant_and_knows_emotions_for_everyone() -> None:
    head = "journey: T\nchannel web: W [kind=digital]\npersona p: Pia\npersona q: Quinn\n" + STEP
    for_all = (
        head
        + "    emotion: -1 Bored [variant=now]\n    emotion: +1 Fine [persona=p, variant=later]\n"
    )
    found = check_string(for_all).diagnostics
    assert codes(found) == ["W206"]
    assert "`q` (later)" in found[0].message and "now" not in found[0].message
    narrowed = head.replace("step a: Visits", "step a: Visits [persona=p]") + (
        "    emotion: -1 Bored [persona=p]\n"
    )
    assert check_string(narrowed).diagnostics == []


def test_w207_counts_every_kind_of_card() -> None:
    source = (
        HEAD + "stage s: S\n  opportunity: Idea [owner=ops, assumption]\n"
        "  step a: A [assumption]\n    touchpoint: P [channel=web, assumption]\n"
        "    customer: Asks\n    frontstage: Helps [assumption]\n"
    )
    found = check_string(source).diagnostics
    assert codes(found) == ["W207"]
    assert found[0].message.startswith("4 of 5 cards are assumptions: opportunity `Idea` (line 5)")
    assert found[0].location.line == 0


def test_w208_rises_between_steps_too() -> None:
    source = HEAD + (
        "stage s: S\n  step a: A\n    count: 10\n    touchpoint: P [channel=web]\n"
        "  step b: B\n    count: 12\n    touchpoint: P [channel=web]\n"
    )
    found = check_string(source).diagnostics
    assert codes(found) == ["W208"]
    assert "step `b`" in found[0].message


def test_w211_only_for_flows_across_the_line() -> None:
    inside = (
        BASE + "    backstage job: Job [owner=ops]\n    support db: Database\njob -> db: Writes\n"
    )
    assert check_string(inside).diagnostics == []
    tp_end = HEAD + (
        "stage s: S\n  step a: A\n    touchpoint web_tp: Page [channel=web]\n"
        "  step b: B\n    touchpoint: Mail [channel=web]\n    support db: Database\n"
        "db --> web_tp: Feeds\n"
    )
    found = check_string(tp_end).diagnostics
    assert codes(found) == ["W211"]
    assert "step `b`" in found[0].message


def _doc_examples() -> list[tuple[str, str]]:
    import re

    from tests.conftest import REPO

    text = (REPO / "docs" / "lint.md").read_text(encoding="utf-8")
    parts = re.split(r"^### (W\d{3})\b.*$", text, flags=re.MULTILINE)
    found = []
    for i in range(1, len(parts), 2):
        for example in re.findall(r"^```journey\n(.*?)^```$", parts[i + 1], re.M | re.S):
            found.append((parts[i], example))
    return found


def test_docs_describe_every_rule() -> None:
    documented = {code for code, _ in _doc_examples()}
    assert documented == set(CASES)


@pytest.mark.parametrize(("code", "example"), _doc_examples(), ids=lambda v: str(v)[:4])
def test_doc_example_gives_only_its_code(code: str, example: str) -> None:
    assert codes(check_string(example).diagnostics) == [code]


def test_a_json_models_warnings_are_at_the_object_in_the_json(tmp_path: Path) -> None:
    import journeymap  # the library's JSON writer, for this test only

    source = "journey: T\nstage s: S\n  step a: A\n    pain: Slow\n  step b: B\n"
    text = journeymap.render(journeymap.loads(source), format="json")
    assert isinstance(text, str)
    model = tmp_path / "m.json"
    model.write_text(text, encoding="utf-8")
    found = check_file(model).diagnostics
    assert [d.code for d in found] == ["W202", "W204", "W202"]
    lines = text.splitlines()
    for d in found:
        assert d.location.file == str(model)
        # Not line 3 or 5 of the .journey: the step's object in the JSON.
        at = lines[d.location.line - 1][d.location.column - 1 :]
        assert at.startswith("{"), d.format()
        following = "\n".join(lines[d.location.line : d.location.line + 3])
        step = d.message.split("`")[1]
        assert f'"id": "{step}"' in following, d.format()
        assert d.source_line == lines[d.location.line - 1]
    same = check_string(text, name="m.json").diagnostics
    assert [(d.code, d.location.line) for d in same] == [(d.code, d.location.line) for d in found]
