"""The inventory's heat map: journeys (rows) x channels (columns), as a Scene.

Each cell holds the number of touchpoints the journey has in the channel, on
a fill for the average emotion at those steps: from the theme's pain colour
(-2) through its surface (0) to its delight colour (+2); a cell without
emotions is the theme's grid grey. Colour is never the only carrier: the number is
written, and the legend gives each fill's score. Every text sits on its own
card (a group whose first child is a rect), so the browser layout checks
apply as to the other views.
"""

from journeymap.analysis.inventory import Inventory
from journeymap.layout.scene import Group, Item, Rect, Scene, Text
from journeymap.layout.text import line_height, wrap_text
from journeymap.layout.themes import Theme, contrast_ratio, default_theme, parse_colour

LABEL_WIDTH = 220.0
COLUMN_WIDTH = 104.0
MIN_ROW = 36.0
PAD = 8.0
AA_CONTRAST = 4.5
SCORES = (-2, -1, 0, 1, 2)
SWATCH = 72.0
LEGEND_WIDTH = (SWATCH + PAD) * (len(SCORES) + 2)


def _mix(base: str, other: str, amount: float) -> str:
    a, b = parse_colour(base), parse_colour(other)
    if a is None or b is None:
        return base
    mixed = (round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def emotion_fill(theme: Theme, score: float | None) -> str:
    """The fill for an average emotion: pain colour below 0, delight above, surface at 0."""
    palette = theme.palette
    if score is None:
        return palette.grid
    target = palette.pain if score < 0 else palette.delight
    amount = min(abs(score), 2.0) / 2 * 0.55
    fill = _mix(palette.surface, target, amount)
    # The cell's text must stay readable (WCAG AA, 4.5:1): in a dark theme the full
    # mix can come too close to the text colour, so the tint is lightened until it is.
    while amount > 0 and contrast_ratio(palette.text, fill) < AA_CONTRAST:
        amount = max(0.0, amount - 0.05)
        fill = _mix(palette.surface, target, amount)
    return fill


def _card(
    gid: str,
    x: float,
    y: float,
    width: float,
    height: float,
    lines: list[str],
    size: float,
    theme: Theme,
    *,
    fill: str | None = None,
    bold: bool = False,
    centre: bool = False,
) -> Group:
    palette = theme.palette
    rect = Rect(x, y, width, height, fill or palette.surface, palette.border, 1.0, 3.0)
    step = line_height(size)
    top = y + (height - step * len(lines)) / 2 + size * 0.8
    text_x = x + width / 2 if centre else x + PAD
    text = Text(
        text_x,
        top,
        tuple(lines),
        size,
        step,
        palette.text,
        bold,
        anchor="middle" if centre else "start",
    )
    return Group(gid, (rect, text) if lines else (rect,))


def heat_map(inventory: Inventory, theme: Theme | None = None) -> Scene:
    """The heat map of `inventory` drawn with `theme` (default: the default theme)."""
    theme = theme or default_theme()
    palette, type_ = theme.palette, theme.typography
    margin = theme.spacing.margin
    size = type_.card_size
    step = line_height(size)
    names = dict(inventory.channel_names)
    channels = [key for key, _ in inventory.channel_names]
    cells = {(c.journey, c.channel): c for c in inventory.heat}
    items: list[Item] = []
    title = f"Touchpoints by journey and channel ({len(inventory.journeys)} journeys)"
    y = margin + type_.title_size
    width = margin * 2 + max(LABEL_WIDTH + COLUMN_WIDTH * len(channels), LEGEND_WIDTH)
    title_lines = wrap_text(title, width - 2 * margin, type_.title_size, True)
    items.append(
        Text(
            margin,
            y,
            tuple(title_lines),
            type_.title_size,
            line_height(type_.title_size),
            palette.text,
            True,
        )
    )
    y += line_height(type_.title_size) * len(title_lines) + PAD
    # Column headers: channel names, wrapped to the column.
    headers = [wrap_text(names.get(k, k), COLUMN_WIDTH - 2 * PAD, size, True) for k in channels]
    header_height = max([len(h) for h in headers] + [1]) * step + 2 * PAD
    x0 = margin + LABEL_WIDTH
    for index, lines in enumerate(headers):
        items.append(
            _card(
                f"heat-channel-{index}",
                x0 + index * COLUMN_WIDTH,
                y,
                COLUMN_WIDTH,
                header_height,
                lines,
                size,
                theme,
                bold=True,
                centre=True,
            )
        )
    y += header_height
    for row, source in enumerate(inventory.journeys):
        label = wrap_text(source.title, LABEL_WIDTH - 2 * PAD, size)
        height = max(MIN_ROW, len(label) * step + 2 * PAD)
        items.append(
            _card(f"heat-journey-{row}", margin, y, LABEL_WIDTH, height, label, size, theme)
        )
        for index, key in enumerate(channels):
            cell = cells.get((source.file, key))
            x = x0 + index * COLUMN_WIDTH
            if cell is None:  # no touchpoint here: a dashed outline, nothing to read
                empty = Rect(x, y, COLUMN_WIDTH, height, palette.background, palette.grid, 1.0)
                items.append(Group(f"heat-cell-{row}-{index}", (empty._replace(dash=(3.0, 3.0)),)))
                continue
            items.append(
                _card(
                    f"heat-cell-{row}-{index}",
                    x,
                    y,
                    COLUMN_WIDTH,
                    height,
                    [str(cell.touchpoints)],
                    size,
                    theme,
                    fill=emotion_fill(theme, cell.average_emotion),
                    bold=True,
                    centre=True,
                )
            )
        y += height
    y += PAD * 3
    items.extend(_legend(theme, margin, y, size))
    y += step + PAD + MIN_ROW
    return Scene(
        width,
        y + margin,
        palette.background,
        type_.font_family,
        title,
        "Rows are journeys, columns channels; each cell is the number of touchpoints, "
        "its colour the average emotion at their steps.",
        "heat",
        tuple(items),
    )


def _legend(theme: Theme, x: float, y: float, size: float) -> list[Item]:
    palette = theme.palette
    step = line_height(size)
    out: list[Item] = [
        Text(
            x,
            y + size,
            ("Average emotion at the touchpoints' steps (number: touchpoints; dashed: none)",),
            size,
            step,
            palette.muted,
        )
    ]
    y += step + PAD
    swatch = SWATCH
    labels = [(f"{s:+d}" if s else "0", float(s)) for s in SCORES]
    for index, (text, score) in enumerate(labels):
        out.append(
            _card(
                f"heat-legend-{index}",
                x + index * (swatch + PAD),
                y,
                swatch,
                MIN_ROW,
                [text],
                size,
                theme,
                fill=emotion_fill(theme, score),
                centre=True,
            )
        )
    none_x = x + len(labels) * (swatch + PAD)
    out.append(
        _card(
            "heat-legend-none",
            none_x,
            y,
            swatch * 2,
            MIN_ROW,
            ["no emotion"],
            size,
            theme,
            fill=emotion_fill(theme, None),
            centre=True,
        )
    )
    return out
