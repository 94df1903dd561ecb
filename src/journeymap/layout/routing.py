"""Orthogonal flow routing for the blueprint: gutters, channels and tracks.

Cards sit only inside (lane, column) cells. Between columns run vertical
*gutters*, below every lane a horizontal *channel*; nothing else is drawn
there. A route leaves its source card sideways into a gutter, may run along
one channel to a second gutter, and enters its target card sideways, so it
never crosses a card. A labelled route with both ends in one lane bows into
the channel beside its lane, so its label can sit by it there. Parallel
segments get their own tracks by interval partitioning, separately per gutter
and per channel (a sort and a heap: O(n log n) in that gutter's segments),
never by a search over the whole grid, so the cost grows linearly with the
size of the blueprint.

Routing has two phases because channel heights depend on how many tracks
and labels they hold, and card positions depend on channel heights:
`plan_routes` fixes each route's topology and what it asks of the channels;
once the caller has placed lanes, channels and cards, `draw_routes` assigns
ports and gutter tracks and returns the geometry.
"""

import heapq
from collections.abc import Sequence
from typing import Literal, NamedTuple

from journeymap.layout.scene import Point, Rect

Side = Literal["left", "right"]


class End(NamedTuple):
    """A route end: the card's lane and column (visible indexes) and its index."""

    lane: int
    column: int
    card: int


class Request(NamedTuple):
    key: str
    source: End
    target: End
    label_size: tuple[float, float] | None
    """(width, height) of the label box, knock-out padding included; None: no label."""
    above: bool = False
    """Keep a level route in the channel above its lane (customer to customer: the
    route stays above the line of interaction) when there is one."""


class Plan(NamedTuple):
    """A route's topology: which gutters, which channel, where its label goes."""

    request: Request
    out_gutter: int
    in_gutter: int
    out_side: Side
    in_side: Side
    run: int | None
    """Channel of the horizontal run, None when both ends share a gutter."""
    label_channel: int | None
    label_span: tuple[float, float]
    row: int = 0
    """Run plans: track row in the run channel; others: label row in the label channel."""


class Channel(NamedTuple):
    """What one channel must hold: run rows (a track, maybe labels) and label rows."""

    run_rows: tuple[float, ...]
    """Height of each run row; the track runs through its middle."""
    label_rows: tuple[float, ...]


class ChannelPlace(NamedTuple):
    """Where the caller put a channel's rows."""

    run_ys: tuple[float, ...]
    """The track's y in each run row."""
    label_tops: tuple[float, ...]
    """The top of the label boxes in each label row."""


class Route(NamedTuple):
    key: str
    points: tuple[Point, ...]
    """From the source card's edge to the base of the arrowhead."""
    tip: Point
    direction: float
    """+1 when the arrow points right, -1 left."""
    label_box: Rect | None


class Metrics(NamedTuple):
    """The theme's routing distances."""

    track: float
    arrow: float
    port_gap: float


def assign_tracks(spans: Sequence[tuple[float, float]], gap: float) -> tuple[list[int], int]:
    """Interval partitioning: a track per span so overlapping spans differ; and the count.

    Spans closer than `gap` count as overlapping.

    >>> assign_tracks([(0, 10), (5, 20), (12, 30)], 1.0)
    ([0, 1, 0], 2)
    """
    if len(spans) == 1:  # most gutters of a big blueprint hold one leg: no sort, no heap
        return [0], 1
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1], i))
    free: list[tuple[float, int]] = []  # (end of its last span, track), earliest end first
    tracks = [0] * len(spans)
    count = 0
    for i in order:
        lo, hi = spans[i]
        if free and free[0][0] + gap <= lo:
            _, track = heapq.heappop(free)
        else:
            track, count = count, count + 1
        tracks[i] = track
        heapq.heappush(free, (hi, track))
    return tracks, count


def _label_span(
    column: tuple[float, float], width: float, align: Literal["start", "middle", "end"], pad: float
) -> tuple[float, float]:
    x, right = column
    if align == "start":
        return x + pad, x + pad + width
    if align == "end":
        return right - pad - width, right - pad
    mid = (x + right) / 2
    return mid - width / 2, mid + width / 2


def label_column(source: int, target: int) -> int:
    """The column whose width a route's label must fit: the first one its run crosses.

    >>> label_column(2, 5), label_column(5, 2), label_column(2, 3)
    (3, 4, 2)
    """
    if abs(target - source) < 2:
        return source
    return source + (1 if target > source else -1)


def _topology(request: Request, columns: Sequence[tuple[float, float]], pad: float) -> Plan:
    """Gutters, sides, channel and label span of one route (before any rows)."""
    a, b = request.source, request.target
    ca, cb = a.column, b.column
    out_s: Side
    in_s: Side
    if cb > ca:  # forward: out of the right side, into the left
        out_g, in_g, out_s, in_s = ca + 1, cb, "right", "left"
    elif cb < ca:  # backward: out of the left side, into the right
        out_g, in_g, out_s, in_s = ca, cb + 1, "left", "right"
    else:  # one column: down (or up) the gutter on its right
        out_g, in_g, out_s, in_s = ca + 1, ca + 1, "right", "right"
    # The channel next to the source, on the target's side (below when level).
    near = a.lane - 1 if b.lane < a.lane or (request.above and a.lane > 0) else a.lane
    width = request.label_size[0] if request.label_size else 0.0
    if out_g != in_g:
        span = _label_span(columns[label_column(ca, cb)], width, "middle", pad)
        return Plan(request, out_g, in_g, out_s, in_s, near, near, span)
    align: Literal["start", "end"] = "end" if out_s == "right" else "start"
    span = _label_span(columns[ca], width, align, pad)
    if request.label_size and a.lane == b.lane:
        # Both ends in one lane: the leg between the cards has no room beside it
        # for the label, so the route bows into the channel and the label sits by it.
        return Plan(request, out_g, in_g, out_s, in_s, near, near, span)
    channel = near if request.label_size else None
    return Plan(request, out_g, in_g, out_s, in_s, None, channel, span)


def plan_routes(
    requests: Sequence[Request],
    columns: Sequence[tuple[float, float]],
    channels: int,
    metrics: Metrics,
    pad: float,
) -> tuple[list[Plan], list[Channel]]:
    """Each request's plan and what each of the `channels` channels must hold."""
    plans = [_topology(r, columns, pad) for r in requests]
    _free_label_channels(plans)
    runs: list[list[int]] = [[] for _ in range(channels)]
    crossings: list[list[int]] = [[] for _ in range(channels)]
    for index, plan in enumerate(plans):
        if plan.run is not None and not _bows_down(plan):
            runs[plan.run].append(index)
        elif plan.label_channel is not None:
            crossings[plan.label_channel].append(index)
    demand: list[Channel] = []
    for channel in range(channels):
        run_rows = _rows(plans, runs[channel], "run", metrics)
        label_rows = _rows(plans, crossings[channel], "label", metrics, columns)
        demand.append(Channel(tuple(run_rows), tuple(label_rows)))
    return plans, demand


def _crossed(plan: Plan) -> list[tuple[int, int, int]]:
    """(gutter, first channel, last channel) that each leg of `plan` runs through."""
    a, b = plan.request.source.lane, plan.request.target.lane
    if plan.run is None:
        lo, hi = min(a, b), max(a, b) - 1
        return [(plan.out_gutter, lo, hi)] if lo <= hi else []
    k = plan.run
    return [
        (plan.out_gutter, min(a, k), max(a - 1, k)),
        (plan.in_gutter, min(b, k), max(b - 1, k)),
    ]


def _free_label_channels(plans: list[Plan]) -> None:
    """A leg's label moves (in place) to the channel next to its target when fewer
    other legs of its gutter run through that one.

    Two legs that cross one channel side by side, each with its label there,
    leave no side of either free for a label; one of them can take its label
    to the other end of its leg.
    """
    movable = [
        i
        for i, plan in enumerate(plans)
        if plan.run is None
        and plan.label_channel is not None
        and abs(plan.request.source.lane - plan.request.target.lane) > 1
    ]
    if not movable:
        return
    legs: dict[int, list[tuple[int, int, int]]] = {}
    for index, plan in enumerate(plans):
        for gutter, lo, hi in _crossed(plan):
            legs.setdefault(gutter, []).append((index, lo, hi))

    def crowd(index: int, channel: int) -> int:
        return sum(
            1
            for other, lo, hi in legs.get(plans[index].out_gutter, ())
            if other != index and lo <= channel <= hi
        )

    for index in movable:
        plan = plans[index]
        a, b = plan.request.source.lane, plan.request.target.lane
        near = plan.label_channel
        far = b - 1 if b > a else b
        if near is not None and crowd(index, far) < crowd(index, near):
            plans[index] = plan._replace(label_channel=far)


def _bows_down(plan: Plan) -> bool:
    """Whether `plan` bows from its lane into the channel below it.

    Such a bow turns in the channel's label rows, on its lane's side of the
    channel's line, so it does not seem to cross into the lane below.
    """
    return (
        plan.run is not None
        and plan.out_gutter == plan.in_gutter
        and plan.run == plan.request.source.lane
    )


def _row_span(plan: Plan, columns: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The x a label row must keep for `plan`: its label, and for a bow the gutter
    it turns in too, so two bows in one gutter take different rows."""
    x0, x1 = plan.label_span
    if plan.run is None:
        return x0, x1
    column = plan.request.source.column
    if plan.out_side == "right":
        edge = columns[column + 1][0] if column + 1 < len(columns) else columns[column][1]
        return x0, max(x1, edge)
    edge = columns[column - 1][1] if column > 0 else columns[column][0]
    return min(x0, edge), x1


def _rows(
    plans: list[Plan],
    members: list[int],
    kind: str,
    metrics: Metrics,
    columns: Sequence[tuple[float, float]] = (),
) -> list[float]:
    """Give `members` rows (in place) and return each row's height."""
    if kind == "run":
        # A run spans from gutter to gutter; gutter indexes order it along the channel.
        spans = [
            (
                float(min(plans[i].out_gutter, plans[i].in_gutter)),
                float(max(plans[i].out_gutter, plans[i].in_gutter)),
            )
            for i in members
        ]
        gap = 1.0  # runs meeting in one gutter would share its track there
    else:
        spans = [_row_span(plans[i], columns) for i in members]
        gap = metrics.track
    rows, count = assign_tracks(spans, gap)
    heights = [metrics.track] * count
    for i, row in zip(members, rows, strict=True):
        if row:  # a plan starts in row 0 (most stay there): no copy for those
            plans[i] = _with_row(plans[i], row)
        size = plans[i].request.label_size
        if size is not None:
            heights[row] = max(heights[row], size[1] + metrics.track)
    return heights


def _with_row(plan: Plan, row: int) -> Plan:
    return Plan(
        plan.request,
        plan.out_gutter,
        plan.in_gutter,
        plan.out_side,
        plan.in_side,
        plan.run,
        plan.label_channel,
        plan.label_span,
        row,
    )


def _ports(
    plans: Sequence[Plan],
    cards: Sequence[Rect],
    pins: dict[tuple[int, Side], float],
    metrics: Metrics,
) -> tuple[list[float], list[float]]:
    """The y where each plan meets its source card's side, and its target card's.

    The ends on one side of a card are spread evenly along it, ordered by
    where the other end is, so neighbouring routes do not cross at the card.
    Two lists by plan index rather than a dict by (index, role): a big
    blueprint has hundreds of routes, each looked up several times.
    """
    sides: dict[tuple[int, Side], list[tuple[float, int, int]]] = {}
    for index, plan in enumerate(plans):
        a, b = plan.request.source.card, plan.request.target.card
        far_a, far_b = cards[b], cards[a]
        sides.setdefault((a, plan.out_side), []).append((far_a.y + far_a.height / 2, index, 0))
        sides.setdefault((b, plan.in_side), []).append((far_b.y + far_b.height / 2, index, 1))
    ys: tuple[list[float], list[float]] = ([0.0] * len(plans), [0.0] * len(plans))
    # Each side is spread on its own: the order the sides come in changes nothing.
    for (card, side), ends in sides.items():
        ends.sort()
        rect = cards[card]
        lo, hi = rect.y + metrics.port_gap, rect.bottom - metrics.port_gap
        pin = pins.get((card, side))
        if pin is not None:
            lo = max(lo, pin + metrics.port_gap)
        if hi < lo:
            lo = hi = min(rect.bottom - metrics.port_gap / 2, lo)
        for k, (_, index, role) in enumerate(ends):
            ys[role][index] = lo + (hi - lo) * (k + 0.5) / len(ends)
    return ys


def _track_xs(gutter: tuple[float, float], count: int, metrics: Metrics) -> list[float]:
    """Track positions in a gutter: centred, squeezed when there are many."""
    x0, x1 = gutter
    usable = max(0.0, x1 - x0 - 2 * (metrics.arrow + metrics.track / 2))
    step = metrics.track if count < 2 else min(metrics.track, usable / (count - 1))
    mid = (x0 + x1) / 2
    return [mid + (k - (count - 1) / 2) * step for k in range(count)]


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three in a straight line."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def draw_routes(
    plans: Sequence[Plan],
    cards: Sequence[Rect],
    gutters: Sequence[tuple[float, float]],
    places: Sequence[ChannelPlace],
    pins: dict[tuple[int, Side], float],
    metrics: Metrics,
) -> list[Route]:
    """The geometry of every planned route, once cards and channels are placed."""
    source_ys, target_ys = _ports(plans, cards, pins, metrics)
    # Vertical segments, per gutter: (plan index, which leg, low y, high y).
    legs: dict[int, list[tuple[int, int, float, float]]] = {}
    run_ys: list[float | None] = [None] * len(plans)
    for index, plan in enumerate(plans):
        ya, yb = source_ys[index], target_ys[index]
        if plan.run is None:
            legs.setdefault(plan.out_gutter, []).append((index, 0, min(ya, yb), max(ya, yb)))
            continue
        if _bows_down(plan):
            size = plan.request.label_size
            half = size[1] / 2 if size else 0.0
            y = run_ys[index] = places[plan.run].label_tops[plan.row] + half
        else:
            y = run_ys[index] = places[plan.run].run_ys[plan.row]
        legs.setdefault(plan.out_gutter, []).append((index, 0, min(ya, y), max(ya, y)))
        legs.setdefault(plan.in_gutter, []).append((index, 1, min(y, yb), max(y, yb)))
    # Every label where its plan put it first, so a label moved later is checked
    # against the ones not yet moved too.
    boxes = [_label_box(plan, places, run_ys[index]) for index, plan in enumerate(plans)]
    # The track x of each plan's first leg and of its second (runs only).
    track_xs: tuple[list[float], list[float]] = ([0.0] * len(plans), [0.0] * len(plans))
    for gutter, members in legs.items():  # gutters are independent: any order
        tracks, count = assign_tracks([(lo, hi) for _, _, lo, hi in members], metrics.port_gap)
        if count > 1:
            tracks = _label_sides_out(plans, boxes, members, tracks, count)
        xs = _track_xs(gutters[gutter], count, metrics)
        for (index, leg, _, _), track in zip(members, tracks, strict=True):
            track_xs[leg][index] = xs[track]
    out_xs, in_xs = track_xs
    # Every vertical leg (x, low y, high y, plan index): a label moved toward its own
    # leg stops before any other leg it would cover.
    # Kept in buckets of `_CELL` px of x: a label meets only the legs and labels
    # near it, and a big blueprint has thousands of each.
    verticals: dict[int, list[tuple[float, float, float, int]]] = {}
    for members in legs.values():
        for index, leg, lo, hi in members:
            x = track_xs[leg][index]
            verticals.setdefault(int(x // _CELL), []).append((x, lo, hi, index))
    bounds = (min(g[0] for g in gutters), max(g[1] for g in gutters)) if gutters else (0.0, 0.0)
    labels = _Labels(boxes)
    routes = []
    for index, plan in enumerate(plans):
        a, b = cards[plan.request.source.card], cards[plan.request.target.card]
        ya, yb = source_ys[index], target_ys[index]
        # Rect.right written out (x + width): a property call per end adds up.
        start_x = a.x + a.width if plan.out_side == "right" else a.x
        tip_x = b.x + b.width if plan.in_side == "right" else b.x
        gx1 = out_xs[index]
        run_y = run_ys[index]
        direction = 1.0 if tip_x > (in_xs[index] if run_y is not None else gx1) else -1.0
        base = (tip_x - direction * metrics.arrow, yb)
        points: list[Point] = [(start_x, ya), (gx1, ya)]
        if run_y is not None:
            gx2 = in_xs[index]
            points += [(gx1, run_y), (gx2, run_y), (gx2, yb)]
        else:
            points.append((gx1, yb))
        points.append(base)
        box = boxes[index]
        if box is not None and (run_y is None or plan.out_gutter == plan.in_gutter):
            box = _beside_leg(box, index, gx1, plan.out_side, verticals, labels, metrics, bounds)
            labels.move(index, box)
        routes.append(Route(plan.request.key, _simplify(points), (tip_x, yb), direction, box))
    return routes


def _label_sides_out(
    plans: Sequence[Plan],
    boxes: Sequence[Rect | None],
    members: list[tuple[int, int, float, float]],
    tracks: list[int],
    count: int,
) -> list[int]:
    """`tracks` renumbered so a label beside a leg covers no other leg of the gutter.

    A label sits beside its route's first leg, on the side of the source's
    column (left of a leg that leaves a card's right side), so it covers the
    tracks further out on that side: the legs leaning that way go outermost,
    and among them a leg whose span meets another's label goes inside it. A
    bowed route's second leg leans the other way, leaving its first leg free on
    the label's side. Any order of the tracks keeps overlapping legs apart:
    only which track is where changes.
    """
    lean = [0] * count
    spans: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    rows: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    for (index, leg, lo, hi), track in zip(members, tracks, strict=True):
        spans[track].append((lo, hi))
        plan, box = plans[index], boxes[index]
        if box is None or plan.out_gutter != plan.in_gutter:
            continue
        left = plan.out_side == "right"
        if leg == 1:
            left = not left
        else:
            rows[track].append((box.y, box.y + box.height))
        lean[track] += -1 if left else 1
    if not any(lean):
        return tracks
    lefts = _inside_out([t for t in range(count) if lean[t] < 0], spans, rows)
    rights = _inside_out([t for t in range(count) if lean[t] > 0], spans, rows)
    order = lefts[::-1] + [t for t in range(count) if lean[t] == 0] + rights
    where = {track: k for k, track in enumerate(order)}
    return [where[t] for t in tracks]


def _inside_out(
    group: list[int], spans: list[list[tuple[float, float]]], rows: list[list[tuple[float, float]]]
) -> list[int]:
    """`group`'s tracks from the gutter's middle outward: each one's labels met by
    as few of the tracks outside it as can be (greedy; a gutter holds few legs)."""

    def covering(track: int, others: list[int]) -> int:
        return sum(
            1
            for other in others
            if other != track
            for lo, hi in spans[other]
            for top, bottom in rows[track]
            if lo < bottom and hi > top
        )

    left = list(group)
    out: list[int] = []
    while left:
        best = min(left, key=lambda t: (covering(t, left), t))
        out.append(best)
        left.remove(best)
    return out


_CELL = 256.0
"""Width in px of the x buckets that legs and labels are kept in for `_beside_leg`."""


def _cells(lo: float, hi: float) -> range:
    return range(int(lo // _CELL), int(hi // _CELL) + 1)


class _Labels:
    """Label boxes by x bucket, so a label is checked only against labels near it."""

    def __init__(self, boxes: list[Rect | None]) -> None:
        self.boxes = boxes
        self.cells: dict[int, set[int]] = {}
        for index, box in enumerate(boxes):
            if box is not None:
                self._add(index, box)

    def _add(self, index: int, box: Rect) -> None:
        for cell in _cells(box.x, box.x + box.width):
            self.cells.setdefault(cell, set()).add(index)

    def move(self, index: int, box: Rect) -> None:
        old = self.boxes[index]
        if old is not None:
            for cell in _cells(old.x, old.x + old.width):
                self.cells[cell].discard(index)
        self.boxes[index] = box
        self._add(index, box)

    def meets(self, index: int, box: Rect) -> bool:
        """Whether `box` overlaps the label of any plan but `index`."""
        for cell in _cells(box.x, box.x + box.width):
            for n in self.cells.get(cell, ()):
                o = self.boxes[n]
                if (
                    n != index
                    and o is not None
                    and box.x < o.x + o.width
                    and o.x < box.x + box.width
                    and box.y < o.y + o.height
                    and o.y < box.y + box.height
                ):
                    return True
        return False


def _beside_leg(
    box: Rect,
    index: int,
    leg_x: float,
    side: Side,
    verticals: dict[int, list[tuple[float, float, float, int]]],
    labels: _Labels,
    metrics: Metrics,
    bounds: tuple[float, float],
) -> Rect:
    """`box` moved along its row next to its route's leg at `leg_x`, where the route
    crosses the label's channel, so the label reads as the leg's own.

    First on the column's side of the leg, `metrics.track / 2` short of it, else
    on its far side; a place that would cover another route's leg or meet
    another label is not taken, and then the label stays where its plan put it.
    """
    gap = metrics.track / 2
    top, bottom = box.y, box.y + box.height
    near = leg_x - gap - box.width if side == "right" else leg_x + gap
    far = leg_x + gap if side == "right" else leg_x - gap - box.width
    for x in (near, far):
        if x < bounds[0] or x + box.width > bounds[1]:
            continue  # never out of the grid (and off the canvas)
        moved = Rect(x, box.y, box.width, box.height)
        # The label may cover no leg but its own.
        lo, hi = x, x + box.width
        if any(
            other != index and lo < vx < hi and vlo < bottom and vhi > top
            for cell in _cells(lo, hi)
            for vx, vlo, vhi, other in verticals.get(cell, ())
        ):
            continue
        if labels.meets(index, moved):
            continue
        return moved
    return box


def _label_box(plan: Plan, places: Sequence[ChannelPlace], run_y: float | None) -> Rect | None:
    size = plan.request.label_size
    if size is None or plan.label_channel is None:
        return None
    x0, x1 = plan.label_span
    if run_y is not None:  # on its own run, knocking the line out behind it
        return Rect(x0, run_y - size[1] / 2, x1 - x0, size[1])
    return Rect(x0, places[plan.label_channel].label_tops[plan.row], x1 - x0, size[1])
