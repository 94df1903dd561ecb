"""Blueprint flows say what is there: one arrow per hand-over, customer flows above the line."""

from __future__ import annotations

import journeymap
from journeymap.layout.blueprint import layout_blueprint
from journeymap.layout.scene import Group, Item, Line, Polygon, Polyline, walk
from journeymap.layout.themes import load_theme
from tests.conftest import REPO

FLOWS = REPO / "tests" / "browser" / "fixtures" / "flows.journey"


def _group(items: tuple[Item, ...], wanted: str) -> Group:
    for item in items:
        if isinstance(item, Group):
            if item.id == wanted:
                return item
            try:
                return _group(item.items, wanted)
            except KeyError:
                pass
    raise KeyError(wanted)


def test_a_flow_between_neighbouring_steps_replaces_the_next_step_arrow() -> None:
    scene = layout_blueprint(journeymap.load(FLOWS), load_theme("default"))
    form = _group(scene.items, "jm-customer-form.customer.1")
    pay = _group(scene.items, "jm-customer-pay.customer.1")
    right = next(s for s in form.items if hasattr(s, "width")).x + 1  # inside form's card
    left = next(s for s in pay.items if hasattr(s, "width")).x
    sequence = _group(scene.items, "jm-sequence")
    between = [
        s for s in sequence.items if isinstance(s, Line) and right < s.x1 + 1 and s.x2 < left + 1
    ]
    assert between == []  # no implicit arrow form -> pay
    flow = _group(scene.items, "jm-flow-form.pay")
    heads = [s for s in flow.items if isinstance(s, Polygon)]
    assert len(heads) == 1
    # The other neighbours keep their implicit arrow: pay -> wait, wait -> park.
    assert len([s for s in sequence.items if isinstance(s, Line)]) == 2


def test_a_flow_between_customer_steps_stays_above_the_line_of_interaction() -> None:
    scene = layout_blueprint(journeymap.load(FLOWS), load_theme("default"))
    line = next(
        s for s in walk(_group(scene.items, "jm-line-interaction").items) if isinstance(s, Line)
    )
    flow = _group(scene.items, "jm-flow-form.park")
    (path,) = [s for s in flow.items if isinstance(s, Polyline)]
    assert max(y for _, y in path.points) < line.y1
