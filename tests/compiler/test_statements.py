"""Every statement form of LANGUAGE.md sections 2-5 compiles to the right model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import journeymap
from journeymap.compiler.load import Compiled, compile_bytes
from journeymap.model.diagnostics import format_all
from journeymap.model.journey import (
    Channel,
    Emotion,
    Flow,
    Journey,
    LaneItem,
    Opportunity,
    Origin,
    Persona,
    Stage,
    Step,
    Team,
    Touchpoint,
)

CompileSource = Callable[..., Compiled]
NAME = "t.journey"


def load(text: str) -> Journey:
    """Compile `text`, which must give no diagnostic at all."""
    result = journeymap.compile_string(text, name=NAME)
    assert result.diagnostics == [], format_all(result.diagnostics)
    assert result.journey is not None
    return result.journey


def step_of(body: str, header: str = "") -> Step:
    """The one step of a journey whose step block is `body` (indented lines)."""
    journey = load(header + "stage s: S\n  step a: A\n" + body)
    (step,) = journey.steps()
    return step


def at(line: int) -> Origin:
    return Origin(NAME, line)


# -- document statements ------


def test_document_statements() -> None:
    journey = load(
        "journey: Open an account\n"
        "description: From ad to deposit\n"
        "scenario: Maya wants to save\n"
        "expectation: Fast\n"
        "expectation: No fees\n"
        "theme: dark\n"
        "note: Drafted in May\n"
        "step a: A\n"
    )
    assert journey.title == "Open an account"
    assert journey.description == "From ad to deposit"
    assert journey.scenario == "Maya wants to save"
    assert journey.expectations == ("Fast", "No fees")
    assert journey.theme == "dark"
    assert journey.notes == ("Drafted in May",)


def test_absent_document_statements_are_none() -> None:
    journey = load("step a: A\n")
    assert (journey.title, journey.description, journey.scenario, journey.theme) == (None,) * 4
    assert journey.expectations == () and journey.notes == ()


def test_document_statements_do_not_change_the_current_block() -> None:
    step = step_of("    pain: One\njourney: T\nexpectation: E\ntheme: x\n    pain: Two\n")
    assert step.pains == ("One", "Two")


def test_flow_does_not_change_the_current_block() -> None:
    journey = load("step a: A\n  touchpoint t: T\na -> t\n  pain: After the flow\n")
    assert journey.steps()[0].pains == ("After the flow",)
    assert journey.flows == (Flow("a", "t", None, False, at(3)),)


# -- personas, channels, teams ------


def test_persona_with_every_line() -> None:
    journey = load(
        "persona maya: Maya Chen\n"
        "  role: First-time saver, 24\n"
        "  goal: Open an account\n"
        "  goal: Save monthly\n"
        "  need: Clear fees\n"
        "  frustration: Forms\n"
        '  quote: "I don\'t want to visit a branch."\n'
        "  note: Interviewed twice\n"
        "step a: A\n"
    )
    assert journey.personas == (
        Persona(
            "maya",
            "Maya Chen",
            role=("First-time saver, 24",),
            goal=("Open an account", "Save monthly"),
            need=("Clear fees",),
            frustration=("Forms",),
            quote=("I don't want to visit a branch.",),
            notes=("Interviewed twice",),
            origin=at(1),
        ),
    )


@pytest.mark.parametrize("kind", ["digital", "physical", "human", None])
def test_channel_kinds(kind: str | None) -> None:
    attrs = f" [kind={kind}]" if kind else ""
    journey = load(f"channel app: Mobile app{attrs}\n  note: Ours\nstep a: A\n")
    assert journey.channels == (Channel("app", "Mobile app", kind, ("Ours",), at(1)),)


def test_team() -> None:
    journey = load("team kyc-ops: KYC operations\n  note: Two shifts\nstep a: A\n")
    assert journey.teams == (Team("kyc-ops", "KYC operations", ("Two shifts",), at(1)),)


# -- stages and steps ------


def test_stages_and_steps_keep_source_order() -> None:
    journey = load(
        "stage one: One\n  step a: A\n  step b: B\nstage two: Two\n  step c: C\nstage three: 3\n"
    )
    assert [(s.id, s.name, [p.id for p in s.steps]) for s in journey.stages] == [
        ("one", "One", ["a", "b"]),
        ("two", "Two", ["c"]),
        ("three", "3", []),
    ]


def test_steps_before_any_stage_go_into_one_unnamed_stage() -> None:
    journey = load("step a: A\nstep b: B\nstage s: S\n  step c: C\n")
    unnamed, named = journey.stages
    assert (unnamed.id, unnamed.name, unnamed.origin) == (None, None, None)
    assert [s.id for s in unnamed.steps] == ["a", "b"]
    assert [s.id for s in named.steps] == ["c"]


def test_step_flags() -> None:
    journey = load("step a: A [moment-of-truth]\nstep b: B [fail-point, assumption]\nstep c: C\n")
    flags = [(s.moment_of_truth, s.fail_point, s.assumption) for s in journey.steps()]
    assert flags == [(True, False, False), (False, True, True), (False, False, False)]


def test_step_model_with_defaults() -> None:
    step = step_of("")
    assert step == Step("a", "A", origin=at(2))


def test_step_persona_attribute() -> None:
    journey = load(
        "persona maya: Maya\npersona leo: Leo\n"
        "step a: A [persona=maya]\n"
        'step b: B [persona="maya, leo"]\n'
        "step c: C\n"
    )
    assert [s.personas for s in journey.steps()] == [
        ("maya",),
        ("maya", "leo"),
        ("maya", "leo"),
    ]


# -- step properties ------


def test_touchpoint_with_every_attribute() -> None:
    step = step_of(
        "    touchpoint ig: Instagram ad [channel=social, kind=digital, tier=tertiary, "
        "phase=before, owner=growth, frequency=daily, duration=2m, location=home, "
        'time="9:00", score=4.5, assumption, url="https://x.example/?a=1", nps=62%, beta]\n',
        header="channel social: Social\nteam growth: Growth\n",
    )
    assert step.touchpoints == (
        Touchpoint(
            "ig",
            "Instagram ad",
            channel="social",
            kind="digital",
            tier="tertiary",
            phase="before",
            owner="growth",
            assumption=True,
            attributes=(
                ("frequency", "daily"),
                ("duration", "2m"),
                ("location", "home"),
                ("time", "9:00"),
                ("score", "4.5"),
                ("url", "https://x.example/?a=1"),
                ("nps", "62%"),
                ("beta", True),
            ),
            origin=at(5),
        ),
    )


def test_touchpoints_are_repeatable_and_may_lack_an_id() -> None:
    step = step_of("    touchpoint: One\n    touchpoint two: Two\n")
    assert [(t.id, t.label) for t in step.touchpoints] == [(None, "One"), ("two", "Two")]


@pytest.mark.parametrize("tier", ["primary", "secondary", "tertiary"])
@pytest.mark.parametrize("phase", ["before", "during", "after"])
def test_touchpoint_word_lists(tier: str, phase: str) -> None:
    step = step_of(f"    touchpoint: T [tier={tier}, phase={phase}, kind=human]\n")
    assert (step.touchpoints[0].tier, step.touchpoints[0].phase) == (tier, phase)


def test_think_pain_delight_are_repeatable() -> None:
    step = step_of(
        "    think: Is this legit?\n    think: Maybe\n"
        "    pain: Slow\n    pain: Fees\n"
        "    delight: Fast\n    delight: Kind staff\n"
    )
    assert step.thoughts == ("Is this legit?", "Maybe")
    assert step.pains == ("Slow", "Fees")
    assert step.delights == ("Fast", "Kind staff")


@pytest.mark.parametrize(
    ("value", "score", "label"),
    [
        ("+1 Curious", 1, "Curious"),
        ("-2 Very upset", -2, "Very upset"),
        ("0", 0, None),
        ("2", 2, None),
        ("-1   Tedious  ", -1, "Tedious"),
    ],
)
def test_emotion_score_and_label(value: str, score: int, label: str | None) -> None:
    step = step_of(f"    emotion: {value}\n")
    assert step.emotions == (Emotion(score, label, None, None, at(3)),)


def test_emotion_persona_and_variant() -> None:
    step = step_of(
        '    emotion: -1 Lost [persona="maya, leo", variant=as-is]\n'
        "    emotion: +1 Found [persona=maya, variant=to-be]\n",
        header="persona maya: Maya\npersona leo: Leo\n",
    )
    assert step.emotions == (
        Emotion(-1, "Lost", "maya", "as-is", at(5)),
        Emotion(-1, "Lost", "leo", "as-is", at(5)),
        Emotion(1, "Found", "maya", "to-be", at(6)),
    )


def test_opportunity_on_step_and_stage() -> None:
    journey = load(
        "team growth: Growth\n"
        "stage s: S\n"
        "  opportunity: Stage idea [priority=low]\n"
        "  step a: A\n"
        "    opportunity: Show the fee [owner=growth, priority=high, assumption]\n"
        "    opportunity: Plain\n"
    )
    (stage,) = journey.stages
    assert stage.opportunities == (Opportunity("Stage idea", None, "low", False, at(3)),)
    assert stage.steps[0].opportunities == (
        Opportunity("Show the fee", "growth", "high", True, at(5)),
        Opportunity("Plain", None, None, False, at(6)),
    )


def test_count_and_metric_on_stage_and_step() -> None:
    journey = load(
        "stage s: S\n  count: 12000\n  metric nps: 31\n"
        "  step a: A\n    count: 0\n    metric csat: 3.1/5\n    metric wait_time: 42 min\n"
    )
    (stage,) = journey.stages
    assert (stage.count, stage.metrics) == (12000, (("nps", "31"),))
    step = stage.steps[0]
    assert (step.count, step.metrics) == (0, (("csat", "3.1/5"), ("wait_time", "42 min")))


def test_metric_names_are_not_in_the_id_namespace() -> None:
    journey = load("stage s: S\n  metric a: 1\n  step a: A\n    metric s: 2\n")
    assert journey.steps()[0].id == "a"


@pytest.mark.parametrize(
    "lane", ["evidence", "customer", "frontstage", "backstage", "support", "policy"]
)
def test_every_lane_with_its_attributes(lane: str) -> None:
    step = step_of(
        f"    {lane} item: Does it [owner=ops, system=Experian, duration=2m, wait=1d, "
        'fail-point, assumption, sla="4 h", beta]\n'
        f"    {lane}: Second\n",
        header="team ops: Ops\n",
    )
    items = step.lanes.lane(lane)
    assert items == (
        LaneItem(
            "item",
            "Does it",
            owner="ops",
            system="Experian",
            duration="2m",
            wait="1d",
            fail_point=True,
            assumption=True,
            attributes=(("sla", "4 h"), ("beta", True)),
            origin=at(4),
        ),
        LaneItem(None, "Second", origin=at(5)),
    )
    others = [name for name in ("evidence", "customer", "support") if name != lane]
    assert all(step.lanes.lane(name) == () for name in others)


# -- notes ------


def test_note_in_the_document_and_in_each_block() -> None:
    journey = load(
        "note: Doc\n"
        "persona p: P\n  note: On persona\n"
        "channel c: C\n  note: On channel\n"
        "team t: T\n  note: On team\n"
        "stage s: S\n  note: On stage\n"
        "  step a: A\n    note: On step\n    note: Again\n"
    )
    assert journey.notes == ("Doc",)
    assert journey.personas[0].notes == ("On persona",)
    assert journey.channels[0].notes == ("On channel",)
    assert journey.teams[0].notes == ("On team",)
    assert journey.stages[0].notes == ("On stage",)
    assert journey.steps()[0].notes == ("On step", "Again")


# -- flows ------


def test_flows_sync_and_async_with_labels() -> None:
    journey = load(
        "step a: A\n"
        "  touchpoint t: T\n"
        "  backstage kyc: KYC\n"
        "  support bureau: Bureau\n"
        "kyc -> bureau: Queries\n"
        "bureau --> a: Result (async)\n"
        "a->t\n"
        "t-->kyc\n"
        'a -> kyc: "Sends [docs]"\n'
    )
    assert journey.flows == (
        Flow("kyc", "bureau", "Queries", False, at(5)),
        Flow("bureau", "a", "Result (async)", True, at(6)),
        Flow("a", "t", None, False, at(7)),
        Flow("t", "kyc", None, True, at(8)),
        Flow("a", "kyc", "Sends [docs]", False, at(9)),
    )


def test_flow_may_come_before_its_ends() -> None:
    journey = load("a -> b\nstep a: A\nstep b: B\n")
    assert [(f.source, f.target) for f in journey.flows] == [("a", "b")]


# -- includes ------


def test_include_joins_declarations_and_stages(compile_source: CompileSource) -> None:
    result = compile_source(
        'journey: Main\nstage one: One\n  step a: A\ninclude "parts/more.journey"\n'
        "stage three: Three\n",
        **{
            "parts/more.journey": "team ops: Ops\nstage two: Two\n  step b: B\n"
            '    backstage k: K [owner=ops]\ninclude "deeper.journey"\n',
            "parts/deeper.journey": "stage deep: Deep\n",
        },
    )
    assert result.diagnostics == [], format_all(result.diagnostics)
    journey = result.journey
    assert journey is not None
    assert [s.id for s in journey.stages] == ["one", "two", "deep", "three"]
    assert [t.id for t in journey.teams] == ["ops"]
    origin = journey.stages[1].steps[0].lanes.backstage[0].origin
    assert origin is not None and origin.file.endswith("more.journey") and origin.line == 4


def test_after_an_include_the_current_block_is_restored(compile_source: CompileSource) -> None:
    result = compile_source(
        'stage s: S\n  step a: A\n    include "other.journey"\n    pain: Still on a\n',
        **{"other.journey": "team t: T\n  note: On team\nstage z: Z\n  step b: B\n"},
    )
    assert result.diagnostics == [], format_all(result.diagnostics)
    assert result.journey is not None
    steps = {s.id: s for s in result.journey.steps()}
    assert steps["a"].pains == ("Still on a",)
    assert steps["b"].pains == ()


def test_included_properties_attach_within_the_included_file(
    compile_source: CompileSource,
) -> None:
    result = compile_source(
        'stage s: S\n  step a: A\n    include "props.journey"\n',
        **{"props.journey": "pain: Loose\n"},
    )
    (d,) = result.diagnostics
    assert d.code == "E102" and d.location.file.endswith("props.journey")


def test_a_file_reached_twice_is_read_once(compile_source: CompileSource) -> None:
    result = compile_source(
        'include "a.journey"\ninclude "b.journey"\ninclude "shared.journey"\n',
        **{
            "a.journey": 'include "shared.journey"\nstep a: A\n',
            "b.journey": 'include "./shared.journey"\nstep b: B\n',
            "shared.journey": "team ops: Ops\nstep shared: Shared\n",
        },
    )
    assert result.diagnostics == [], format_all(result.diagnostics)
    assert result.journey is not None
    assert [s.id for s in result.journey.steps()] == ["shared", "a", "b"]
    assert len(result.journey.teams) == 1


# -- automatic IDs ------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sees an Instagram ad!", "sees-an-instagram-ad"),
        ("  Fills in -- the form  ", "fills-in-the-form"),
        ("1st visit", "step-1st-visit"),
        ("???", "step"),
        ("Café Crème", "café-crème"),
        ("UPPER_case", "upper-case"),
        ('"Quoted [name]"', "quoted-name"),
    ],
)
def test_automatic_step_ids(name: str, expected: str) -> None:
    journey = load(f"step: {name}\n")
    assert journey.steps()[0].id == expected


def test_automatic_stage_ids() -> None:
    journey = load("stage: Discover it\nstage: 2nd round\nstage: ...\n")
    assert [s.id for s in journey.stages] == ["discover-it", "stage-2nd-round", "stage"]


def test_automatic_ids_collide_in_source_order() -> None:
    journey = load("stage: Apply\n  step: Apply\n  step: Apply\n  step: Apply\n")
    assert journey.stages[0].id == "apply"
    assert [s.id for s in journey.steps()] == ["apply-2", "apply-3", "apply-4"]


def test_explicit_ids_are_taken_first() -> None:
    journey = load("step: Review\nstep review: Explicit, later\nstep: Review\n")
    assert [s.id for s in journey.steps()] == ["review-2", "review", "review-3"]


def test_automatic_ids_skip_every_taken_suffix_and_slugs_that_look_like_one() -> None:
    # Each base goes on from the last suffix it tried (linear for 10,000 steps of one
    # name); an explicit `review-3` and a name whose slug is `review-2` are still skipped.
    journey = load(
        "step: Review\nstep review-3: Explicit\nstep: Review 2\nstep: Review\n"
        "step: Review\nstep: Review\n"
    )
    assert [s.id for s in journey.steps()] == [
        "review",
        "review-3",
        "review-2",
        "review-4",
        "review-5",
        "review-6",
    ]


def test_automatic_ids_can_be_flow_ends() -> None:
    journey = load("step: Sees ad\nstep: Applies\nsees-ad -> applies\n")
    assert journey.flows[0].source == "sees-ad"


# -- personas defaults ------


def test_one_persona_owns_every_step() -> None:
    journey = load("persona maya: Maya\nstep a: A\nstep b: B\n")
    assert [s.personas for s in journey.steps()] == [("maya",), ("maya",)]


def test_several_personas_own_steps_without_persona() -> None:
    journey = load("persona maya: M\npersona leo: L\nstep a: A\nstep b: B [persona=leo]\n")
    assert [s.personas for s in journey.steps()] == [("maya", "leo"), ("leo",)]


def test_no_persona_gives_empty_personas() -> None:
    assert load("step a: A\n").steps()[0].personas == ()


def test_emotion_without_persona_is_one_entry_for_all() -> None:
    step = step_of("    emotion: 1 Ok\n", header="persona maya: M\npersona leo: L\n")
    assert [e.persona for e in step.emotions] == [None]


# -- lexical rules ------


@pytest.mark.parametrize(
    ("line", "pain", "comment"),
    [
        ("pain: Slow # too slow", "Slow", "# too slow"),
        ("pain: Issue #42 open", "Issue #42 open", None),
        ("pain: a#b c# d", "a#b c# d", None),
        ("pain: Ends with #", "Ends with", "#"),
        ('pain: "Quoted # not a comment"', "Quoted # not a comment", None),
        ("pain: Tab\t# comment", "Tab", "# comment"),
    ],
)
def test_comments(line: str, pain: str, comment: str | None) -> None:
    step = step_of(f"    {line}\n")
    assert step.pains == (pain,)
    from journeymap.language.parser import parse
    from journeymap.model.diagnostics import Collector

    (statement,) = parse(f"{line}\n", NAME, Collector()).statements
    assert statement.comment == comment


def test_hash_inside_attributes_is_not_a_comment() -> None:
    step = step_of('    touchpoint: T [colour=#ff8800, tag="a # b"]\n')
    assert step.touchpoints[0].attributes == (("colour", "#ff8800"), ("tag", "a # b"))


def test_comment_lines_anywhere() -> None:
    step = step_of("# top\n    # indented comment\n    pain: P # trailing\n\n    #\n")
    assert step.pains == ("P",)


def test_crlf_bom_and_missing_final_newline_are_equivalent() -> None:
    text = "journey: T\nstage s: S\n  step a: A\n    pain: Slow\n"
    plain = journeymap.compile_string(text).journey
    variants = [
        text.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + text.encode(),
        text.rstrip("\n").encode(),
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").rstrip("\r\n").encode(),
    ]
    for data in variants:
        result = compile_bytes(data, name="<string>")
        assert result.diagnostics == []
        assert result.journey == plain


def test_line_numbers_count_crlf_lines_once() -> None:
    result = compile_bytes(b"step a: A\r\n\r\n  pain: P\r\n  zork: z\r\n", name=NAME)
    (d,) = result.diagnostics
    assert (d.code, d.location.line) == ("E101", 4)
    assert d.source_line == "  zork: z"


@pytest.mark.parametrize(
    ("quoted", "text"),
    [
        ('"plain"', "plain"),
        ('"say \\"hi\\""', 'say "hi"'),
        ('"back\\\\slash"', "back\\slash"),
        ('"two\\nlines"', "two\nlines"),
        ('"[brackets] and # hash"', "[brackets] and # hash"),
        ('"  padded  "', "  padded  "),
    ],
)
def test_quoted_string_escapes(quoted: str, text: str) -> None:
    assert step_of(f"    pain: {quoted}\n").pains == (text,)


def test_unquoted_value_is_trimmed_and_keeps_inner_text() -> None:
    step = step_of("    pain:    It's 100% slow: really  \t\n")
    assert step.pains == ("It's 100% slow: really",)


def test_keywords_are_not_reserved() -> None:
    journey = load(
        "stage stage: Stage\n  step step: Step\n    touchpoint pain: Pain\nstep -> pain\n"
    )
    assert journey.stages[0].id == "stage"
    assert journey.steps()[0].id == "step"
    assert journey.steps()[0].touchpoints[0].id == "pain"


def test_unicode_identifiers_and_text() -> None:
    journey = load(
        "persona zoë: Zoë\nstage 발견: 발견\n  step 見る: 広告を見る\n    pain: 😀 emoji\n"
    )
    assert journey.personas[0].id == "zoë"
    assert journey.stages[0].id == "발견"
    assert journey.steps()[0].pains == ("😀 emoji",)


def test_indentation_is_cosmetic() -> None:
    a = load("stage s: S\n  step a: A\n    pain: P\n")
    b = load("stage s: S\nstep a: A\npain: P\n")
    assert a == b


def test_ids_with_dashes_and_arrows() -> None:
    journey = load("step a-b: A\nstep c_d: C\na-b-->c_d\n")
    assert journey.flows[0] == Flow("a-b", "c_d", None, True, at(3))


def test_spec_example_compiles() -> None:
    spec = (Path(__file__).parents[1] / "language" / "spec_example.journey").read_text(
        encoding="utf-8"
    )
    journey = load(spec)
    assert journey.title == "Open a savings account"
    assert [s.id for s in journey.stages] == ["discover", "apply"]
    form = journey.steps()[1]
    assert form.touchpoints[0] == Touchpoint(
        None, "Application form", "app", None, "primary", None, None, False, (), at(29)
    )
    assert form.lanes.backstage[0].duration == "2m"
    assert form.metrics == (("csat", "3.1/5"),)
    assert [(f.source, f.target, f.is_async) for f in journey.flows] == [
        ("kyc", "bureau", False),
        ("bureau", "check_id", True),
    ]
    assert isinstance(journey.stages[0], Stage)
