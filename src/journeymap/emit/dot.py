"""Graphviz DOT source for the journey map and the service blueprint.

Each step is one node whose HTML-like table holds every row of that column,
and all columns share row heights, so Graphviz cannot misalign the grid: cells
line up because they are table rows, not because ranks and invisible edges
persuade them. Beside each column stands an empty gutter node with the same
rows: the three blueprint lines run through it, and flows turn in it, so an
arrow between cards of one column goes out into the gutter and back rather
than looping round the whole column. Stages are clusters (column groups).
Output is deterministic: IDs come from the user's IDs, attributes are sorted,
nothing depends on hashing.
"""

from __future__ import annotations

import itertools

import graphviz  # type: ignore[import-untyped]  # the package ships no type information

from journeymap.emit.dot_rows import (
    ACTIONS_PORT,
    CUSTOMER_PORT,
    Row,
    RowBuilder,
    blueprint_rows,
    item_port,
    map_rows,
    marker,
    shown_lanes,
)
from journeymap.emit.dot_tables import (
    Cell,
    Style,
    cell_height,
    colour,
    column_html,
    dot_id,
    escape,
    fmt,
    font_name,
    text_html,
    wrap,
)
from journeymap.layout.map_model import Visible, curve_styles, funnel, narrow, percent
from journeymap.layout.themes import Theme, default_theme
from journeymap.model.journey import LANES, Flow, Journey, Step

VIEWS: tuple[str, ...] = ("map", "blueprint")
"""The views `journey_to_dot` can draw."""

LABEL_NODE = "rows"
"""The left column of row and lane labels."""

_POINTS_PER_INCH = 72.0


def step_node(step_id: str) -> str:
    return dot_id("step", step_id)


def gutter_node(step_id: str) -> str:
    return dot_id("gutter", step_id)


def row_port(key: str) -> str:
    """The port of a whole row's cell in a gutter."""
    return f"row.{key}"


def journey_to_dot(
    journey: Journey,
    *,
    view: str = "map",
    theme: Theme | None = None,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    lanes: tuple[str, ...] | None = None,
) -> str:
    """DOT source for `view` of `journey` (theme None = the shipped default).

    `personas` and `stages` narrow either view by ID; `lanes` narrows the
    blueprint to some of `journeymap.model.journey.LANES` (the map has no lanes).
    Raises `ValueError` for an unknown view or lane name.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view `{view}`; the DOT views are {', '.join(VIEWS)}")
    unknown = sorted(set(lanes or ()) - set(LANES))
    if unknown:
        raise ValueError(f"unknown lane `{unknown[0]}`; the lanes are {', '.join(LANES)}")
    theme = theme or default_theme()
    visible = narrow(journey, personas, stages)
    styles = curve_styles(journey, visible, theme) if view == "map" else []
    builder = RowBuilder(journey, visible, theme, styles)
    if view == "map":
        rows = map_rows(builder)
    else:
        rows = blueprint_rows(builder, shown_lanes(journey, lanes))
    key = [(f"{marker(s)} {s.name}", s.colour) for s in styles]
    graph = _graph(journey, theme, view, key)
    _add_columns(graph, journey, visible, theme, rows, view)
    steps = visible.steps()
    join_row = "actions" if view == "map" else "customer"
    _add_order(
        graph, rows, steps, theme, join_row if any(r.key == join_row for r in rows) else None
    )
    if view == "blueprint":
        ends = _flow_ends(steps, rows)
        for flow in journey.flows:
            _add_flow(graph, flow, ends, theme)
    return str(graph.source)


def _graph(
    journey: Journey, theme: Theme, view: str, key: list[tuple[str, str]]
) -> graphviz.Digraph:
    """The graph with its defaults; its label is the title block and the curves' key."""
    t, p, s = theme.typography, theme.palette, theme.spacing
    graph = graphviz.Digraph(name=dot_id("journeymap", view))
    title = journey.title or ("Service blueprint" if view == "blueprint" else "Journey map")
    parts = [f'<FONT POINT-SIZE="{fmt(t.title_size)}"><B>{text_html(title)}</B></FONT>']
    subtitle = "Service blueprint" if view == "blueprint" else "Customer journey map"
    for paragraph in (journey.description, subtitle):
        if paragraph:
            lines = wrap(paragraph, s.min_header_width, t.subtitle_size)
            text = "<BR/>".join(escape(line) for line in lines)
            parts.append(
                f'<FONT COLOR="{colour(p.muted)}" POINT-SIZE="{fmt(t.subtitle_size)}">{text}</FONT>'
            )
    if key:
        size = fmt(t.note_size)
        entries = (f'<FONT COLOR="{colour(c)}">{escape(words)}</FONT>' for words, c in key)
        parts.append(f'<FONT POINT-SIZE="{size}">{"   ".join(entries)}</FONT>')
    rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{part}</TD></TR>' for part in parts)
    label = f'<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">{rows}</TABLE>>'
    # Every theme value passes through `colour` or `font_name`: Graphviz copies
    # them into its SVG unescaped.
    font = font_name(t.font_family)
    graph.attr(
        "graph",
        bgcolor=colour(p.background),
        fontcolor=colour(p.text),
        fontname=font,
        label=label,
        labeljust="l",
        labelloc="t",
        newrank="true",
        # The gutter nodes make the gutters; columns and gutters just keep apart.
        nodesep=_inches(s.card_gap),
        pad=_inches(s.margin),
        rankdir="TB",
    )
    graph.attr("node", fontcolor=colour(p.text), fontname=font, shape="plain")
    # Every attribute any edge sets is declared here first: Graphviz 2.43
    # copies the attributes of flat edges between ports by position, and reads
    # a colour as an arrow type when an edge sets one not declared up front.
    graph.attr(
        "edge",
        arrowhead="normal",
        arrowsize="0.7",
        arrowtail="normal",
        color=colour(p.text),
        dir="forward",
        fontcolor=colour(p.text),
        fontname=font,
        fontsize=fmt(t.note_size),
        headclip="true",
        label="",
        penwidth=fmt(theme.lines.grid),
        style="solid",
        tailclip="true",
        xlabel="",
    )
    return graph


def _inches(points: float) -> str:
    return fmt(points / _POINTS_PER_INCH)


def _add_columns(
    graph: graphviz.Digraph,
    journey: Journey,
    visible: Visible,
    theme: Theme,
    rows: list[Row],
    view: str,
) -> None:
    s = theme.spacing
    label_style = Style(s.label_column, s.padding, s.card_gap)
    step_style = Style(s.max_column, s.padding, s.card_gap)
    steps = visible.steps()
    # A row is as tall as its tallest cell in any column, the labels' included.
    heights = [
        max(
            [cell_height(row.label.cards, label_style)]
            + [cell_height(row.cells[step.id].cards, step_style) for step in steps]
        )
        + 2 * s.card_gap
        for row in rows
    ]
    label_html = column_html([row.label for row in rows], heights, label_style)
    # Twice the theme's gutter: room for an arrow to turn and its head.
    gutter_style = Style(2 * s.gutter, 0, 0)
    gutter_cells = [
        Cell(port=row.label.port or row_port(row.key), line=row.label.line) for row in rows
    ]
    gutter_html = column_html(gutter_cells, heights, gutter_style)
    graph.node(LABEL_NODE, label=f"<{label_html}>")
    rates = funnel(journey)
    tints = theme.palette.stage_tints
    for position, stage, stage_steps in visible.stages:
        name = dot_id("stage", stage.id) if stage.id is not None else "unnamed_stage"
        with graph.subgraph(name=f"cluster_{name}") as cluster:
            tint = colour(tints[position % len(tints)])
            words = text_html(stage.name or "")
            extra = ""
            if view == "map" and stage.count is not None:
                extra = f"  {stage.count}"
                if position in rates.stage_rate:
                    extra += f" ▸ {percent(rates.stage_rate[position])}"
            drop = ""
            if view == "map" and rates.biggest_drop == position:
                drop = f'  <FONT COLOR="{colour(theme.palette.fail)}">▼ biggest drop-off</FONT>'
            cluster.attr(
                color=tint,
                fillcolor=tint,
                fontcolor=colour(theme.palette.stage_text),
                fontsize=fmt(theme.typography.stage_size),
                label=f"<<B>{words}</B>{escape(extra)}{drop}>",
                labeljust="l",
                margin=fmt(s.band_padding),
                style="filled",
            )
            for step in stage_steps:
                cells = [row.cells[step.id] for row in rows]
                html = column_html(cells, heights, step_style)
                cluster.node(step_node(step.id), label=f"<{html}>")
                cluster.node(gutter_node(step.id), label=f"<{gutter_html}>")
    order = " ".join(
        [LABEL_NODE]
        + [graphviz.quoting.quote(dot_id(kind, s.id)) for s in steps for kind in ("step", "gutter")]
    )
    # One rank holds every column: the grid reads left to right, never down.
    graph.body.append(f"\t{{rank=same; {order}}}\n")


def _add_order(
    graph: graphviz.Digraph,
    rows: list[Row],
    steps: tuple[Step, ...],
    theme: Theme,
    join_row: str | None,
) -> None:
    """Join the lines across the gutters, and the customer's actions left to right."""
    p, lines = theme.palette, theme.lines
    line_rows = [row for row in rows if row.label.line is not None]
    nodes = [LABEL_NODE, *(dot_id(kind, s.id) for s in steps for kind in ("step", "gutter"))]
    for left, right in itertools.pairwise(nodes):
        for row in line_rows:
            line_colour, width = row.label.line or (p.text, lines.grid)
            port = row.label.port or ""
            graph.edge(
                f"{left}:{port}:e",
                f"{right}:{port}:w",
                color=colour(line_colour),
                dir="none",
                penwidth=fmt(width),
            )
        if not line_rows:
            # Flat edges keep the columns in source order; these carry nothing else.
            graph.edge(left, right, style="invis")
    if join_row is None:
        return
    cell = CUSTOMER_PORT if join_row == "customer" else ACTIONS_PORT
    muted = {"arrowsize": "0.6", "color": colour(p.muted), "penwidth": fmt(lines.grid)}
    for before, after in itertools.pairwise(steps):
        # From the middle of the gutter, level with the row, into the next action.
        start = f"{gutter_node(before.id)}:{row_port(join_row)}:c"
        graph.edge(start, f"{step_node(after.id)}:{cell}:w", tailclip="false", **muted)


End = tuple[int, str, str, str]
"""Where a flow end is drawn: (column index, step ID, port, row key)."""


def _flow_ends(steps: tuple[Step, ...], rows: list[Row]) -> dict[str, End]:
    """Flow end ID -> where it is drawn, for what the narrowed blueprint shows."""
    shown = {row.key for row in rows}
    ends: dict[str, End] = {}
    for index, step in enumerate(steps):
        if "customer" in shown:
            port = CUSTOMER_PORT if step.lanes.customer else item_port(step.id)
            ends[step.id] = (index, step.id, port, "customer")
            # Touchpoints have no lane in the blueprint: a flow to one meets its step.
            for tp in step.touchpoints:
                if tp.id:
                    ends[tp.id] = (index, step.id, CUSTOMER_PORT, "customer")
        for lane in LANES:
            if lane in shown:
                for item in step.lanes.lane(lane):
                    if item.id:
                        ends[item.id] = (index, step.id, item_port(item.id), lane)
    return ends


def _add_flow(graph: graphviz.Digraph, flow: Flow, ends: dict[str, End], theme: Theme) -> None:
    """`a -> b` solid, `a --> b` dashed; flows with an end outside the view are left out.

    Each flow is two edges meeting in a gutter at the height of the far end's
    row: out of one card's side into the gutter, then into the other card
    (unclipped at the bend, so the two pieces meet).
    Both are written left to right (a flat edge pointing against the column
    order makes dot search for minutes), with the arrow drawn where it belongs.
    """
    if flow.source not in ends or flow.target not in ends:
        return
    tail_col, tail_step, tail_port, tail_row = ends[flow.source]
    head_col, head_step, head_port, head_row = ends[flow.target]
    style = {
        "penwidth": fmt(theme.lines.tier_secondary),
        "style": "dashed" if flow.is_async else "solid",
    }
    label = {}
    if flow.label:
        p = theme.palette
        knockout = (
            f'<<TABLE BGCOLOR="{colour(p.background)}" BORDER="0" CELLPADDING="1" CELLSPACING="0">'
            f"<TR><TD>{text_html(flow.label)}</TD></TR></TABLE>>"
        )
        # Not `label`: on a flat edge it gets a rank of its own above the grid.
        # An xlabel is placed after layout, beside its edge and clear of others.
        label["xlabel"] = knockout
    tail = f"{step_node(tail_step)}:{tail_port}"
    head = f"{step_node(head_step)}:{head_port}"
    if tail_col <= head_col:
        # Turn in the tail's gutter, level with the head's row.
        bend = f"{gutter_node(tail_step)}:{row_port(head_row)}:c"
        graph.edge(f"{tail}:e", bend, dir="none", headclip="false", **style, **label)
        if tail_col == head_col:
            graph.edge(f"{head}:e", bend, dir="back", headclip="false", **style)
        else:
            graph.edge(bend, f"{head}:w", tailclip="false", **style)
    else:
        # The head is to the left: turn in its gutter, level with the tail's row.
        bend = f"{gutter_node(head_step)}:{row_port(tail_row)}:c"
        graph.edge(f"{head}:e", bend, dir="back", headclip="false", **style)
        graph.edge(bend, f"{tail}:w", dir="none", tailclip="false", **style, **label)
