"""The rows of the map and the blueprint in DOT: what each step column shows, as cards.

No graph here: each function turns the model into `Row`s of `Cell`s, which
`journeymap.emit.dot` lays side by side as step columns.
"""

from collections.abc import Callable
from typing import NamedTuple

from journeymap.emit.dot_tables import Card, Cell, Text, dot_id
from journeymap.layout.map_model import CurveStyle, Visible, emotion_points
from journeymap.layout.themes import Theme
from journeymap.model.journey import LANES, Journey, LaneItem, Opportunity, Step, Touchpoint

LANE_LABELS: dict[str, str] = {
    "evidence": "Evidence",
    "customer": "Customer actions",
    "frontstage": "Frontstage",
    "backstage": "Backstage",
    "support": "Support",
    "policy": "Policy",
}
BLUEPRINT_LINES: tuple[tuple[str, str, str], ...] = (
    ("interaction", "customer", "line of interaction"),
    ("visibility", "frontstage", "line of visibility"),
    ("internal", "backstage", "line of internal interaction"),
)
"""(name, the lane it lies below, its label), top to bottom (LANGUAGE.md section 5)."""

ACTIONS_PORT = "cell.actions"
"""The port of a step's action cell on the map, where the left-to-right joins attach."""
CUSTOMER_PORT = "cell.customer"
"""The port of a step's customer-action cell: where joins and flows to the step attach."""

_GLYPHS = {
    "circle": ("●", "○"),
    "diamond": ("◆", "◇"),
    "square": ("■", "□"),
    "triangle": ("▲", "△"),
    "triangle-down": ("▼", "▽"),
}
LEVELS = (2, 1, 0, -1, -2)


class Row(NamedTuple):
    """One row (or lane) of a view: its label cell and a cell per step id."""

    key: str
    label: Cell
    cells: dict[str, Cell]


def marker(style: CurveStyle) -> str:
    """The curve's marker glyph: filled for the first variant, hollow for later ones."""
    filled, hollow = _GLYPHS.get(style.marker, _GLYPHS["circle"])
    return filled if style.filled else hollow


def score_text(score: int) -> str:
    return f"{score:+d}" if score else "0"


def item_port(item_id: str) -> str:
    """The port of a card that a flow can name."""
    return dot_id(item_id)


class RowBuilder:
    """Cards in the theme's colours and sizes, shared by both views."""

    def __init__(
        self, journey: Journey, visible: Visible, theme: Theme, styles: list[CurveStyle]
    ) -> None:
        self.journey = journey
        self.visible = visible
        self.theme = theme
        self.styles = styles
        self.teams = {t.id: t.name for t in journey.teams}
        self.channels = {c.id: c for c in journey.channels}

    def label(self, text: str) -> Cell:
        t = self.theme
        head = Text(text, t.typography.row_label_size, t.palette.text, bold=True)
        card = Card((head,), t.palette.background, t.palette.background, border_width=0)
        return Cell((card,))

    def note(self, text: str, colour: str | None = None) -> Text:
        return Text(text, self.theme.typography.note_size, colour or self.theme.palette.muted)

    def card(
        self,
        texts: list[Text],
        fill: str | None = None,
        border: str | None = None,
        port: str | None = None,
        dashed: bool = False,
        width: float | None = None,
    ) -> Card:
        p = self.theme.palette
        return Card(
            tuple(texts),
            fill or p.surface,
            border or p.border,
            port,
            dashed,
            self.theme.lines.card if width is None else width,
        )

    def body(self, text: str, bold: bool = False, italic: bool = False) -> Text:
        t = self.theme
        size = t.typography.card_title_size if bold else t.typography.card_size
        return Text(text, size, t.palette.text, bold=bold, italic=italic)

    def flags(self, step: Step) -> list[Text]:
        p = self.theme.palette
        out = []
        if step.moment_of_truth:
            out.append(self.note("★ moment of truth", p.moment))
        if step.fail_point:
            out.append(self.note("⚠ fail point", p.fail))
        return out

    def team(self, owner: str | None) -> str | None:
        return None if owner is None else self.teams.get(owner, owner)

    # -- map cards ---------------------------------------------------------

    def action(self, step: Step) -> Card:
        texts = [self.body(step.name, bold=True), *self.flags(step)]
        if step.count is not None:
            texts.append(self.note(f"count {step.count}"))
        return self.card(texts, port=dot_id(step.id), dashed=step.assumption)

    def touchpoint(self, tp: Touchpoint) -> Card:
        lines = self.theme.lines
        channel = self.channels.get(tp.channel or "")
        facts = [
            channel.name if channel else tp.channel,
            tp.kind or (channel.kind if channel else None),
            tp.tier,
            self.team(tp.owner),
        ]
        texts = [self.body(tp.label)]
        if any(facts):
            texts.append(self.note(" · ".join(f for f in facts if f)))
        # The outline's weight shows the tier, as on the native map.
        width = {"primary": lines.tier_primary, "secondary": lines.tier_secondary}.get(
            tp.tier or "", lines.tier_tertiary
        )
        port = dot_id(tp.id) if tp.id else None
        border = self.theme.palette.strong_border
        return self.card(texts, border=border, port=port, dashed=tp.assumption, width=width)

    def opportunity(self, opp: Opportunity, whole_stage: bool) -> Card:
        p = self.theme.palette
        facts = [self.team(opp.owner), f"▲ {opp.priority}" if opp.priority else None]
        if whole_stage:
            facts.append("whole stage")
        texts = [self.body(opp.text)]
        if any(facts):
            texts.append(self.note(" · ".join(f for f in facts if f)))
        return self.card(texts, p.opportunity_fill, p.opportunity, dashed=opp.assumption)

    def emotion_level(self, step: Step, level: int) -> Cell:
        """The curves' points at `level` in this step: a dot plot read across the row."""
        points = emotion_points(step, self.journey, self.visible)
        p = self.theme.palette
        texts = []
        for style in self.styles:
            emotion = points.get(style.key)
            if emotion is None or emotion.score != level:
                continue
            words = f"{marker(style)} {score_text(emotion.score)}"
            if emotion.label:
                words += f" {emotion.label}"
            texts.append(Text(words, self.theme.typography.card_size, style.colour))
        cards = (self.card(texts, p.chart_fill, p.chart_fill, width=0),) if texts else ()
        return Cell(cards, fill=p.chart_fill)

    def emotion_label(self, level: int) -> Cell:
        """`Emotion` on the top level, and the score on every level (the chart's scale)."""
        p = self.theme.palette
        texts = [self.note(score_text(level))]
        if level == LEVELS[0]:
            head = Text("Emotion", self.theme.typography.row_label_size, p.text, bold=True)
            texts.insert(0, head)
        return Cell((self.card(texts, p.background, p.background, width=0),))

    # -- blueprint cards ---------------------------------------------------

    def lane_item(self, item: LaneItem) -> Card:
        p = self.theme.palette
        facts = [
            self.team(item.owner),
            item.system,
            f"takes {item.duration}" if item.duration else None,
            f"waits {item.wait}" if item.wait else None,
        ]
        texts = [self.body(item.text)]
        if any(facts):
            texts.append(self.note(" · ".join(f for f in facts if f)))
        if item.fail_point:
            texts.append(self.note("⚠ fail point", p.fail))
        border = p.fail if item.fail_point else None
        port = item_port(item.id) if item.id else None
        return self.card(texts, border=border, port=port, dashed=item.assumption)

    def customer(self, step: Step) -> Cell:
        """The step's customer actions: its `customer:` items, else its name."""
        items = step.lanes.customer
        if not items:
            texts = [self.body(step.name, bold=True), *self.flags(step)]
            card = self.card(texts, port=item_port(step.id), dashed=step.assumption)
            return Cell((card,), port=CUSTOMER_PORT)
        cards = [self.lane_item(item) for item in items]
        flags = self.flags(step)
        if flags:
            cards[0] = cards[0]._replace(texts=(*cards[0].texts, *flags))
        return Cell(tuple(cards), port=CUSTOMER_PORT)


def map_rows(b: RowBuilder) -> list[Row]:
    """The map's rows, top to bottom; rows with no content are left out."""
    p = b.theme.palette
    steps = b.visible.steps()
    first_of_stage = {stage_steps[0].id: stage for _, stage, stage_steps in b.visible.stages}

    def row(key: str, label: str, make: Callable[[Step], list[Card]]) -> Row | None:
        cells = {s.id: Cell(tuple(make(s))) for s in steps}
        if not any(c.cards for c in cells.values()):
            return None
        return Row(key, b.label(label), cells)

    def stage_opportunities(step: Step) -> list[Card]:
        stage = first_of_stage.get(step.id)
        return [b.opportunity(o, whole_stage=True) for o in stage.opportunities] if stage else []

    def stage_metrics(step: Step) -> list[Card]:
        stage = first_of_stage.get(step.id)
        pairs = stage.metrics if stage else ()
        return [b.card([b.body(f"{k}: {v}"), b.note("whole stage")]) for k, v in pairs]

    actions = {s.id: Cell((b.action(s),), port=ACTIONS_PORT) for s in steps}
    rows: list[Row | None] = [
        Row("actions", b.label("Actions"), actions),
        row("touchpoints", "Touchpoints", lambda s: [b.touchpoint(t) for t in s.touchpoints]),
        row(
            "thinking",
            "Thinking",
            lambda s: [b.card([b.body(f"“{t}”", italic=True)], p.thought_fill) for t in s.thoughts],
        ),
    ]
    if b.styles:
        for level in LEVELS:
            cells = {s.id: b.emotion_level(s, level) for s in steps}
            rows.append(Row(f"emotion.{level}", b.emotion_label(level), cells))
    rows += [
        row(
            "pains",
            "Pain points",
            lambda s: [b.card([b.body(t)], p.pain_fill, p.pain) for t in s.pains],
        ),
        row(
            "delights",
            "Delights",
            lambda s: [b.card([b.body(t)], p.delight_fill, p.delight) for t in s.delights],
        ),
        row(
            "opportunities",
            "Opportunities",
            lambda s: [b.opportunity(o, False) for o in s.opportunities] + stage_opportunities(s),
        ),
        row(
            "metrics",
            "Metrics",
            lambda s: [b.card([b.body(f"{k}: {v}")]) for k, v in s.metrics] + stage_metrics(s),
        ),
    ]
    return [r for r in rows if r is not None]


def shown_lanes(journey: Journey, lanes: tuple[str, ...] | None) -> tuple[str, ...]:
    """The lanes drawn: the five main ones, policy when used, narrowed to `lanes`."""
    used = any(step.lanes.policy for step in journey.steps())
    default = tuple(lane for lane in LANES if lane != "policy" or used)
    return default if lanes is None else tuple(lane for lane in LANES if lane in lanes)


def blueprint_rows(b: RowBuilder, lanes: tuple[str, ...]) -> list[Row]:
    """Lanes top to bottom, and each of the three lines between the lanes it separates."""
    steps = b.visible.steps()
    rows: list[Row] = []
    for here, below in zip(lanes, (*lanes[1:], None), strict=True):
        if here == "customer":
            cells = {s.id: b.customer(s) for s in steps}
        else:
            cells = {s.id: Cell(tuple(b.lane_item(i) for i in s.lanes.lane(here))) for s in steps}
        rows.append(Row(here, b.label(LANE_LABELS[here]), cells))
        if below is None:
            continue
        # A narrowed view keeps a line wherever shown lanes lie on both sides of it.
        for name, above, words in BLUEPRINT_LINES:
            if LANES.index(here) <= LANES.index(above) < LANES.index(below):
                rows.append(line_row(b, name, words, steps))
    return rows


def line_port(name: str) -> str:
    return f"line.{name}"


def line_row(b: RowBuilder, name: str, words: str, steps: tuple[Step, ...]) -> Row:
    """A thin row whose top edge is the line; its label sits under it in the label column."""
    t = b.theme
    # The line of visibility is the strongest (VISUAL.md).
    strong = name == "visibility"
    colour = t.palette.text if strong else t.palette.neutral_line
    width = t.lines.tier_primary if strong else t.lines.tier_secondary
    port = line_port(name)
    label = b.card([b.note(words)], t.palette.background, t.palette.background, width=0)
    cells = {s.id: Cell(port=port, line=(colour, width)) for s in steps}
    return Row(f"line.{name}", Cell((label,), port=port, line=(colour, width)), cells)
