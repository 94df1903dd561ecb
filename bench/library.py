"""Library time per pipeline stage (parse, compile, layout, emit) for maps and blueprints."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass

from common import Table, best_of, exponent, secs
from generate import generate

NAME = "bench.journey"


@dataclass
class StageTimes:
    """Best-of-N seconds of each stage for one journey size and view."""

    view: str
    steps: int
    lines: int
    flows: int
    parse: float
    compile: float
    layout: float
    emit: float
    svg_bytes: int
    cards: int

    @property
    def render(self) -> float:
        """Layout and emit: what `render(journey)` costs once the journey is loaded."""
        return self.layout + self.emit

    @property
    def total(self) -> float:
        return self.parse + self.compile + self.layout + self.emit


def repeats_for(steps: int, repeats: int) -> int:
    """Fewer repeats for the big sizes: their noise is small against their length."""
    if steps >= 10_000:
        return 1
    if steps >= 1_000:
        return min(repeats, 3)
    return repeats


def cards(svg: str) -> int:
    """Cards in a drawing: the rounded rectangles that hold text (steps, touchpoints, notes…)."""
    return svg.count(' rx="')


def _collector_off(work: Callable[[], object]) -> Callable[[], object]:
    """`work`, run with the cyclic garbage collector off (as the console script runs a render)."""

    def run() -> object:
        gc.disable()
        try:
            return work()
        finally:
            gc.enable()

    return run


def measure(steps: int, repeats: int) -> list[StageTimes]:
    """Stage timings of the map and the blueprint of the synthetic journey of `steps` steps.

    Parse is timed alone; compile is parse+compile less parse, since the
    compiler parses (and follows includes) as it walks. Each stage is timed
    with the cyclic collector off, as `journeymap render FILE` runs it, so
    the growth figures are the stages' own; the library leaves the collector
    as its host program set it, and a program that keeps Python's defaults
    also pays for the collector's scans of the growing heap.
    """
    from journeymap.compiler.load import compile_string
    from journeymap.emit.svg import to_svg
    from journeymap.language.parser import parse
    from journeymap.layout.blueprint import BlueprintOptions, layout_blueprint
    from journeymap.layout.map import MapOptions, layout_map
    from journeymap.layout.themes import default_theme
    from journeymap.model.diagnostics import Collector

    text = generate(steps)
    n = repeats_for(steps, repeats)
    result = compile_string(text, name=NAME)
    assert result.journey is not None and not result.has_errors, result.diagnostics[:3]
    journey, theme = result.journey, default_theme()
    parse_s = best_of(n, _collector_off(lambda: parse(text, NAME, Collector())))
    both = best_of(n, _collector_off(lambda: compile_string(text, name=NAME)))
    out = []
    layouts = {
        "map": lambda: layout_map(journey, theme, MapOptions()),
        "blueprint": lambda: layout_blueprint(journey, theme, BlueprintOptions()),
    }
    for view, lay in layouts.items():
        scene = lay()
        svg = to_svg(scene)
        layout_s = best_of(n, _collector_off(lay))
        emit_s = best_of(n, _collector_off(lambda scene=scene: to_svg(scene)))  # type: ignore[misc]
        out.append(
            StageTimes(
                view,
                steps,
                text.count("\n"),
                len(journey.flows),
                parse_s,
                max(both - parse_s, 0.0),
                layout_s,
                emit_s,
                len(svg.encode()),
                cards(svg),
            )
        )
    return out


def stage_tables(results: list[StageTimes]) -> list[Table]:
    """One table per view: stage times by size, growth exponents, SVG bytes per card."""
    tables = []
    for view in ("map", "blueprint"):
        rows = [r for r in results if r.view == view]
        table = Table(
            f"Library time per stage: {view}",
            [
                "steps",
                "lines",
                "parse",
                "compile",
                "layout",
                "emit (SVG)",
                "layout+emit",
                "all four",
                "SVG bytes",
                "cards",
                "bytes/card",
            ],
            "r" * 11,
        )
        for r in rows:
            table.add(
                f"{r.steps:,}",
                f"{r.lines:,}",
                secs(r.parse),
                secs(r.compile),
                secs(r.layout),
                secs(r.emit),
                secs(r.render),
                secs(r.total),
                f"{r.svg_bytes:,}",
                f"{r.cards:,}",
                f"{r.svg_bytes / max(r.cards, 1):,.0f}",
            )
        sizes = [r.steps for r in rows]
        growth = [
            exponent(sizes, [getattr(r, stage) for r in rows])
            for stage in ("parse", "compile", "layout", "emit", "render", "total")
        ]
        table.add("growth exponent k", "", *growth, "", "", "")
        table.notes.append(
            "Seconds, best of N with layout caches cleared before each run. Growth "
            "exponent k: time ~ steps^k between the two largest sizes (1.00 linear; "
            "n log n shows as about 1.1). Parse and compile are the same for both views."
        )
        tables.append(table)
    return tables
