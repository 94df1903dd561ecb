"""The DOT emitter: structure of the map and blueprint graphs, escaping, determinism, goldens."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import journeymap
from journeymap.emit.dot import journey_to_dot
from journeymap.emit.graphviz import GraphvizNotFound, render_dot, run_dot
from journeymap.model.journey import Flow, Journey, LaneItem, Lanes, Stage, Step, Team
from tests.golden import check_golden

REPO = Path(__file__).resolve().parents[2]
GALLERY = REPO / "gallery"
GOLDENS = Path(__file__).resolve().parent / "goldens" / "dot"

MINIMAL = """\
journey: Minimal
stage start: Start
  step look: Looks around
    think: Where am I?
    emotion: -1 Lost
  step ask: Asks for help
    pain: Nobody answers
"""

BLUEPRINT = """\
journey: Blueprint
team ops: Operations
stage one: One
  step order: Orders online
    evidence: Order page
    customer pick: Picks a product
    customer pay: Pays
    frontstage confirm: Shows confirmation
    backstage reserve: Reserves stock [owner=ops, duration=2m]
    backstage invoice: Writes invoice [wait=1d, fail-point]
    support erp: ERP [system=SAP]
stage two: Two
  step receive: Receives the parcel
    frontstage courier: Courier hands over
reserve -> erp: Books
invoice --> receive: Sends invoice
"""


def dot_of(text: str, **options: object) -> str:
    return journey_to_dot(journeymap.loads(text), **options)  # type: ignore[arg-type]


def nodes(source: str) -> list[str]:
    """Node IDs in the order they are defined, gutters left out."""
    found = re.findall(r"^\s*(\S+) \[label=<", source, flags=re.MULTILINE)
    return [node for node in found if not node.startswith("gutter__")]


def flows(source: str) -> list[tuple[str, str, str]]:
    """The edges that draw flows (two per flow, meeting in a gutter)."""
    return [e for e in edges(source) if "style=solid" in e[2] or "style=dashed" in e[2]]


def node_label(source: str, node: str) -> str:
    pattern = rf"^\s*{re.escape(node)} \[label=<(.*?)>\]$"
    match = re.search(pattern, source, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no node {node}"
    return match.group(1)


def text_of(label: str) -> str:
    """The words of an HTML-like label, tags and line breaks as single spaces."""
    return " ".join(re.sub(r"<[^>]*>", " ", label).split())


def edges(source: str) -> list[tuple[str, str, str]]:
    """(tail, head, attributes) of every edge."""
    found = re.findall(r"^\s*(\S+) -> (\S+)(?: \[(.*)\])?$", source, flags=re.MULTILINE)
    return [(tail, head, attrs) for tail, head, attrs in found]


# -- the map ----------------------------------------------------------------


def test_map_has_a_column_node_per_step_in_one_rank() -> None:
    source = dot_of(MINIMAL)
    assert nodes(source) == ["rows", "step__look", "step__ask"]
    assert "{rank=same; rows step__look gutter__look step__ask gutter__ask}" in source
    assert "subgraph cluster_stage__start {" in source


def test_map_rows_without_content_are_left_out() -> None:
    labels = node_label(dot_of(MINIMAL), "rows")
    for shown in ("Actions", "Thinking", "Emotion", "Pain points"):
        assert f"<B>{shown}</B>" in labels
    for missing in ("Touchpoints", "Delights", "Opportunities", "Metrics"):
        assert missing not in labels


def test_map_shows_emotion_as_score_and_label_on_the_score_row() -> None:
    look = node_label(dot_of(MINIMAL), "step__look")
    assert "● -1 Lost" in look
    # Five levels from +2 to -2: the -1 level is the fourth emotion row.
    rows = re.findall(
        r'<TD BGCOLOR="#fbfcfd" HEIGHT="[\d.]+" VALIGN="TOP" WIDTH="200">(.*?)</TD></TR>', look
    )
    assert len(rows) == 5
    assert ["Lost" in row for row in rows] == [False, False, False, True, False]


def test_map_joins_actions_left_to_right() -> None:
    joins = [(t, h) for t, h, _ in edges(dot_of(MINIMAL)) if "actions" in t]
    assert joins == [('gutter__look:"row.actions":c', 'step__ask:"cell.actions":w')]


# -- the blueprint ----------------------------------------------------------


def test_blueprint_lanes_and_lines_top_to_bottom() -> None:
    labels = text_of(node_label(dot_of(BLUEPRINT, view="blueprint"), "rows"))
    order = [
        "Evidence",
        "Customer actions",
        "line of interaction",
        "Frontstage",
        "line of visibility",
        "Backstage",
        "line of internal interaction",
        "Support",
    ]
    positions = [labels.index(words) for words in order]
    assert positions == sorted(positions)
    assert "Policy" not in labels  # no step uses it


def test_blueprint_lines_are_joined_across_every_gutter() -> None:
    source = dot_of(BLUEPRINT, view="blueprint")
    for line in ("interaction", "visibility", "internal"):
        port = f'"line.{line}"'
        joins = [(t, h) for t, h, attrs in edges(source) if port in t and "dir=none" in attrs]
        assert joins == [
            (f"rows:{port}:e", f"step__order:{port}:w"),
            (f"step__order:{port}:e", f"gutter__order:{port}:w"),
            (f"gutter__order:{port}:e", f"step__receive:{port}:w"),
            (f"step__receive:{port}:e", f"gutter__receive:{port}:w"),
        ]


def test_blueprint_stacks_items_of_a_lane_in_one_cell_in_order() -> None:
    order = text_of(node_label(dot_of(BLUEPRINT, view="blueprint"), "step__order"))
    assert order.index("Picks a product") < order.index("Pays") < order.index("Shows confirmation")
    assert order.index("Reserves stock") < order.index("Writes invoice") < order.index("ERP")


def test_blueprint_cards_carry_owner_system_duration_wait_and_fail_point() -> None:
    order = text_of(node_label(dot_of(BLUEPRINT, view="blueprint"), "step__order"))
    assert "Operations · takes 2m" in order  # the team's name, not its ID
    assert "waits 1d" in order
    assert "SAP" in order
    assert "⚠ fail point" in order


def test_blueprint_customer_lane_falls_back_to_the_step_name() -> None:
    source = dot_of(BLUEPRINT, view="blueprint")
    assert "Receives the parcel" in node_label(source, "step__receive")
    assert "Orders online" not in node_label(source, "step__order")


def test_blueprint_flows_are_solid_or_dashed_edges_between_ports() -> None:
    (reserve, erp, invoice, receive) = flows(dot_of(BLUEPRINT, view="blueprint"))
    # Within one column: out into the gutter level with the head's row, and back
    # into the head with the arrow (the edge is written left to right, dir=back).
    assert reserve[:2] == ("step__order:reserve:e", 'gutter__order:"row.support":c')
    assert "style=solid" in reserve[2] and "dir=none" in reserve[2] and "Books" in reserve[2]
    assert erp[:2] == ("step__order:erp:e", 'gutter__order:"row.support":c')
    assert "style=solid" in erp[2] and "dir=back" in erp[2]
    # Across columns: turn in the tail's gutter, enter the head from the west;
    # a flow to a step meets its customer action.
    assert invoice[:2] == ("step__order:invoice:e", 'gutter__order:"row.customer":c')
    assert "style=dashed" in invoice[2] and "Sends invoice" in invoice[2]
    assert receive[:2] == ('gutter__order:"row.customer":c', "step__receive:receive:w")
    assert "style=dashed" in receive[2] and "dir=" not in receive[2]


def test_a_flow_to_the_left_is_still_written_left_to_right() -> None:
    text = BLUEPRINT.replace("invoice --> receive", "courier --> invoice")
    *_, back, out = flows(dot_of(text, view="blueprint"))
    assert back[:2] == ("step__order:invoice:e", 'gutter__order:"row.frontstage":c')
    assert "dir=back" in back[2]
    assert out[:2] == ('gutter__order:"row.frontstage":c', "step__receive:courier:w")


def test_blueprint_joins_customer_actions_left_to_right() -> None:
    source = dot_of(BLUEPRINT, view="blueprint")
    joins = [(t, h) for t, h, _ in edges(source) if "cell.customer" in h]
    assert joins == [('gutter__order:"row.customer":c', 'step__receive:"cell.customer":w')]


def test_policy_lane_appears_when_used() -> None:
    text = BLUEPRINT.replace("    support erp", "    policy: Consumer law\n    support erp")
    labels = text_of(node_label(dot_of(text, view="blueprint"), "rows"))
    assert labels.index("Support") < labels.index("Policy")


# -- narrowing --------------------------------------------------------------


def test_narrowing_to_stages_keeps_their_steps_only() -> None:
    source = dot_of(BLUEPRINT, view="blueprint", stages=("two",))
    assert nodes(source) == ["rows", "step__receive"]
    assert "cluster_stage__one" not in source
    assert not flows(source)  # both flows lost an end


def test_narrowing_to_lanes_keeps_the_lines_between_them() -> None:
    source = dot_of(BLUEPRINT, view="blueprint", lanes=("customer", "backstage"))
    labels = text_of(node_label(source, "rows"))
    assert "Frontstage" not in labels and "Evidence" not in labels
    # Both lines lie between the customer and the backstage; no lane is below the third.
    assert "line of interaction" in labels and "line of visibility" in labels
    assert "line of internal interaction" not in labels
    assert [(t, h) for t, h, _ in flows(source)] == [
        ("step__order:invoice:e", 'gutter__order:"row.customer":c'),
        ('gutter__order:"row.customer":c', "step__receive:receive:w"),
    ]


def test_narrowing_to_personas_drops_other_personas_steps() -> None:
    text = """\
persona ann: Ann
persona bob: Bob
stage s: S
  step both: Both act
  step mine: Ann acts [persona=ann]
  step his: Bob acts [persona=bob]
"""
    assert nodes(dot_of(text, personas=("bob",))) == ["rows", "step__both", "step__his"]
    assert nodes(dot_of(text, view="blueprint")) == [
        "rows",
        "step__both",
        "step__mine",
        "step__his",
    ]


@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_a_view_narrowed_to_nothing_is_the_label_column_alone(view: str) -> None:
    source = dot_of(BLUEPRINT, view=view, stages=("no-such-stage",))
    assert nodes(source) == ["rows"]
    assert "subgraph" not in source and " -> " not in source


def test_unknown_view_and_lane_are_value_errors() -> None:
    journey = journeymap.loads(MINIMAL)
    with pytest.raises(ValueError, match="unknown view `matrix`"):
        journey_to_dot(journey, view="matrix")
    with pytest.raises(ValueError, match="unknown lane `kitchen`"):
        journey_to_dot(journey, view="blueprint", lanes=("kitchen",))


# -- escaping ---------------------------------------------------------------

NASTY = 'A <script>alert(1)</script> & "quotes" ]]> back\\slash\nnew line \u202eevil\u200b'


def nasty_journey() -> Journey:
    """Built directly, as JSON input could give it: IDs with quotes and colons too."""
    items = Lanes(
        customer=(LaneItem('c"1:x', NASTY),),
        backstage=(LaneItem("b>2", NASTY, owner="t", system=NASTY, duration=NASTY),),
    )
    step = Step('s"1:e', NASTY, lanes=items, thoughts=(NASTY,), pains=(NASTY,))
    return Journey(
        title=NASTY,
        description=NASTY,
        teams=(Team("t", NASTY),),
        stages=(Stage('st"1', NASTY, steps=(step,)),),
        flows=(Flow('c"1:x', "b>2", NASTY, True),),
    )


@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_user_text_is_escaped(view: str) -> None:
    source = journey_to_dot(nasty_journey(), view=view)
    assert "<script>" not in source and "</script>" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt;" in source
    assert r"back\\slash<BR/>new line &#8238;evil&#8203;" in source
    assert "\u202e" not in source and "\u200b" not in source
    # Every label stays on its own line: no raw newline from the user's text.
    assert all(line.startswith(("\t", "digraph", "}")) for line in source.splitlines())
    assert "step__s_x22_1_x3a_e [label=<" in source
    assert "subgraph cluster_stage__st_x22_1 {" in source


def test_nasty_flow_ends_become_safe_ports() -> None:
    source = journey_to_dot(nasty_journey(), view="blueprint")
    assert [(t, h) for t, h, _ in flows(source)] == [
        ("step__s_x22_1_x3a_e:c_x22_1_x3a_x:e", 'gutter__s_x22_1_x3a_e:"row.backstage":c'),
        ("step__s_x22_1_x3a_e:b_x3e_2:e", 'gutter__s_x22_1_x3a_e:"row.backstage":c'),
    ]


# -- determinism ------------------------------------------------------------

_SCRIPT = """
import sys, journeymap
from journeymap.emit.dot import journey_to_dot
journey = journeymap.load(sys.argv[1])
sys.stdout.write(journey_to_dot(journey, view=sys.argv[2]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_output_is_the_same_across_processes_and_hash_seeds(view: str) -> None:
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(GALLERY / "savings-account.journey"), view],
            capture_output=True,
            check=True,
            env=env,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].decode("utf-8") == journey_to_dot(
        journeymap.load(GALLERY / "savings-account.journey"), view=view
    )


# -- goldens ----------------------------------------------------------------


def golden_cases() -> dict[str, tuple[str, str]]:
    """Golden name -> (source text, view)."""
    cases = {"minimal-map": (MINIMAL, "map"), "minimal-blueprint": (BLUEPRINT, "blueprint")}
    for path in sorted(GALLERY.glob("*.journey")):
        for view in ("map", "blueprint"):
            cases[f"{path.stem}-{view}"] = (path.read_text(encoding="utf-8"), view)
    return cases


@pytest.mark.parametrize("case", sorted(golden_cases()))
def test_golden_dot(case: str) -> None:
    text, view = golden_cases()[case]
    got = journey_to_dot(journeymap.loads(text, root=GALLERY), view=view)
    golden = GOLDENS / f"{case}.dot"
    check_golden(golden, got)


def test_golden_set_covers_both_gallery_files_in_both_views() -> None:
    names = set(golden_cases())
    assert {"savings-account-map", "clinic-visit-blueprint"} <= names
    assert len(names) == 2 + 2 * len(list(GALLERY.glob("*.journey")))


# -- the backend without dot ------------------------------------------------


def test_missing_dot_is_a_one_line_error_with_the_way_out() -> None:
    with pytest.raises(GraphvizNotFound) as caught:
        run_dot("digraph {}", "svg", program="no-such-dot-program")
    message = str(caught.value)
    assert "\n" not in message
    assert "apt-get install graphviz" in message and "brew install graphviz" in message
    assert "native renderer" in message


def test_unknown_format_is_refused_before_running_anything() -> None:
    with pytest.raises(ValueError, match="unknown Graphviz format `gif`"):
        render_dot("digraph {}", "gif")
