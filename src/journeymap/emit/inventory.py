"""The touchpoint inventory written out: text, Markdown, JSON, or the heat map as SVG.

`journeymap.analysis.inventory` gathers the records; this module only writes
them. In Markdown every piece of user text goes through `markdown.escape`,
so a label or a pain cannot become a link, an image or HTML.
"""

import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from journeymap.analysis.inventory import Entry, Group, Inventory
from journeymap.analysis.report_render import as_plain
from journeymap.emit.markdown import escape
from journeymap.layout.themes import Theme

INVENTORY_VERSION = 1
FORMATS = ("text", "markdown", "json", "svg")


class Table(NamedTuple):
    title: str
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    """Cells are user text or our figures; Markdown escapes every one."""
    empty: str


def _emotion(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def _uses(entry: Entry) -> str:
    return ", ".join(f"{u.journey}: {u.step}" for u in entry.uses)


def _group_rows(groups: tuple[Group, ...]) -> list[tuple[str, ...]]:
    return [
        (
            g.name if g.name == g.key else f"{g.name} ({g.key})",
            str(g.journeys),
            str(g.touchpoints),
            _emotion(g.average_emotion),
            str(g.pains),
            str(g.open_high),
        )
        for g in groups
    ]


_GROUP_HEADERS = ("journeys", "touchpoints", "avg emotion", "pains", "open high-priority")


def tables(inventory: Inventory) -> list[Table]:
    """The inventory's sections, in the order every format shows them."""
    touchpoints = [
        (
            e.label if e.id is None else f"{e.label} ({e.id})",
            e.channel or "",
            e.kind or "",
            e.owner or "",
            str(len(e.journeys)),
            _uses(e),
            "; ".join(f"{k}={v}" for k, v in e.figures),
            "; ".join(e.pains),
            "; ".join(e.opportunities),
        )
        for e in inventory.touchpoints
    ]
    drops = [
        (
            d.title,
            d.journey,
            d.stage_name or d.stage or "-" if d.conversion is not None else "-",
            "-" if d.conversion is None else f"{d.conversion:.0%}",
        )
        for d in inventory.drop_offs
    ]
    busiest = [(g.name, str(g.open_high)) for g in inventory.busiest_owners]
    conflicts = [
        (
            f"{c.kind} {c.id}",
            c.difference,
            f"{c.first.file}:{c.first.line}",
            f"{c.second.file}:{c.second.line}",
        )
        for c in inventory.conflicts
    ]
    return [
        Table(
            "Touchpoints",
            (
                "touchpoint",
                "channel",
                "kind",
                "owner",
                "journeys",
                "used at",
                "figures",
                "pains",
                "opportunities",
            ),
            touchpoints,
            "No touchpoints.",
        ),
        Table("Per channel", ("channel", *_GROUP_HEADERS), _group_rows(inventory.channels), "-"),
        Table("Per owner", ("owner", *_GROUP_HEADERS), _group_rows(inventory.owners), "-"),
        Table(
            "Biggest drop-offs",
            ("journey", "file", "stage after the drop", "conversion"),
            drops,
            "No journeys.",
        ),
        Table(
            "Owners with the most open high-priority opportunities",
            ("owner", "open high-priority"),
            busiest,
            "No high-priority opportunities have an owner.",
        ),
        Table(
            "Conflicting declarations",
            ("declaration", "difference", "first", "second"),
            conflicts,
            "None: every persona, channel and team is declared the same way everywhere.",
        ),
    ]


def _title(inventory: Inventory) -> str:
    return (
        f"Touchpoint inventory: {len(inventory.journeys)} journeys, "
        f"{len(inventory.touchpoints)} touchpoints"
    )


def inventory_text(inventory: Inventory) -> str:
    """Aligned plain-text columns, one block per section."""
    out = [_title(inventory), "=" * len(_title(inventory))]
    for table in tables(inventory):
        out += ["", table.title, "-" * len(table.title)]
        if not table.rows:
            out.append(table.empty)
            continue
        rows = [table.headers, *table.rows]
        widths = [max(len(row[i]) for row in rows) for i in range(len(table.headers))]
        for row in rows:
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(out) + "\n"


def inventory_markdown(inventory: Inventory) -> str:
    """GitHub-flavoured Markdown: a heading and a table per section, user text escaped."""
    out = [f"# {_title(inventory)}"]
    for table in tables(inventory):
        out += ["", f"## {table.title}", ""]
        if not table.rows:
            out.append(table.empty)
            continue
        out.append("| " + " | ".join(table.headers) + " |")
        out.append("|" + "|".join(" --- " for _ in table.headers) + "|")
        out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


def inventory_json(inventory: Inventory) -> str:
    """The whole inventory, keys sorted."""
    data = {"version": INVENTORY_VERSION, **as_plain(inventory)}
    data["channel_names"] = dict(inventory.channel_names)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def inventory_svg(inventory: Inventory, theme: Theme | None = None) -> str:
    """The heat map of journeys x channels."""
    # the heat map's layout and the SVG writer: only --format svg draws
    from journeymap.analysis.inventory_scene import heat_map
    from journeymap.emit.svg import to_svg

    return to_svg(heat_map(inventory, theme))


WRITERS: dict[str, Callable[[Inventory], str]] = {
    "text": inventory_text,
    "markdown": inventory_markdown,
    "json": inventory_json,
    "svg": inventory_svg,
}
