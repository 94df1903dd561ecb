"""Benchmarks: figures as ratios against baselines measured in the same run.

    python bench/run.py            # full run, Markdown table on stdout
    python bench/run.py --quick    # a smoke run for CI (small sizes, few repeats)

Never part of the test suite's pass/fail: these machines are shared and
noisy, so every figure is set beside a baseline taken in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import journeymap  # noqa: E402
from generate import generate  # noqa: E402
from journeymap.api import compile_string  # noqa: E402


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of `repeats` timings of `run()`, in seconds (least disturbed by noise).

    Layout caches are cleared before each run, so a figure is a render from cold,
    not a re-render of text already wrapped.
    """
    from journeymap.layout.boxes import clear_caches

    times = []
    for _ in range(repeats):
        clear_caches()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_compile(sizes: list[int], repeats: int) -> list[str]:
    rows = [
        "| steps | lines | parse+compile (s) | lines/s | target 20,000 lines/s |",
        "|---:|---:|---:|---:|:---|",
    ]
    for steps in sizes:
        text = generate(steps)
        lines = text.count("\n")
        result = compile_string(text, name="bench.journey")
        assert not result.has_errors, result.diagnostics[:3]
        seconds = best_of(repeats, lambda text=text: compile_string(text, name="bench.journey"))
        rate = lines / seconds
        verdict = "met" if rate >= 20_000 else "missed"
        rows.append(f"| {steps:,} | {lines:,} | {seconds:.4f} | {rate:,.0f} | {verdict} |")
    return rows


def _cards(svg: str) -> int:
    """Cards in a map: the rounded rectangles that hold text (steps, touchpoints, notes…)."""
    return svg.count(' rx="')


def map_render(sizes: list[int], repeats: int) -> list[str]:
    """Library time to lay out and emit the map, its growth, and SVG bytes per card."""
    from journeymap.views import render_map_svg

    rows = [
        "| steps | render (s) | growth vs previous size | SVG bytes | cards | bytes/card |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    previous: tuple[int, float] | None = None
    for steps in sizes:
        journey = journeymap.loads(generate(steps), name="bench.journey")
        svg = render_map_svg(journey)  # warm-up, and the figures below
        seconds = best_of(repeats, lambda journey=journey: render_map_svg(journey))
        growth = ""
        if previous is not None:
            size_ratio = steps / previous[0]
            growth = f"{seconds / previous[1]:.1f}x for {size_ratio:.0f}x steps"
        previous = (steps, seconds)
        cards = _cards(svg)
        rows.append(
            f"| {steps:,} | {seconds:.3f} | {growth} | {len(svg.encode()):,} | {cards:,} | "
            f"{len(svg.encode()) / max(cards, 1):,.0f} |"
        )
    return rows


def blueprint_vs_graphviz(sizes: list[int], repeats: int) -> list[str]:
    """Native blueprint (layout + SVG) against Graphviz `dot -Tsvg` on our DOT, same journeys."""
    import shutil

    from journeymap.emit.dot import journey_to_dot
    from journeymap.views import render_blueprint_svg

    dot = shutil.which("dot")
    rows = [
        "| steps | flows | native blueprint (s) | growth | dot -Tsvg on our DOT (s) | "
        "Graphviz / native |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    previous: tuple[int, float] | None = None
    for steps in sizes:
        journey = journeymap.loads(generate(steps), name="bench.journey")
        render_blueprint_svg(journey)
        native = best_of(repeats, lambda journey=journey: render_blueprint_svg(journey))
        growth = ""
        if previous is not None:
            growth = f"{native / previous[1]:.1f}x for {steps / previous[0]:.0f}x steps"
        previous = (steps, native)
        peer, ratio = "not installed", ""
        if dot:
            source = journey_to_dot(journey, view="blueprint").encode()
            # The peer, timed the same way as ours (best of N).
            seconds = best_of(
                max(1, repeats // 2),
                lambda source=source: subprocess.run(
                    [dot, "-Tsvg"], input=source, capture_output=True, check=True
                ),
            )
            peer, ratio = f"{seconds:.3f}", f"{seconds / native:.1f}"
        rows.append(
            f"| {steps:,} | {len(journey.flows):,} | {native:.3f} | {growth} | {peer} | {ratio} |"
        )
    return rows


def _median_wall(command: list[str], repeats: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(repeats: int) -> list[str]:
    """`journeymap check` on a small file against `python -c "import lark, click"`."""
    python = sys.executable
    # Bytecode as an installed package has it (pip compiles on install).
    subprocess.run(
        [python, "-m", "compileall", "-q", str(Path(journeymap.__file__).parent)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.journey"
        small.write_text(generate(12), encoding="utf-8")
        env = {**os.environ, "JOURNEYMAP_CACHE_DIR": str(Path(tmp) / "cache")}
        check = [python, "-m", "journeymap", "check", str(small)]
        floor = [python, "-c", "import lark, click"]
        subprocess.run(check, check=True, env=env)  # warm the parser-table cache once
        # Interleave the two so that machine noise falls on both alike.
        floor_times, check_times = [], []
        for _ in range(repeats):
            floor_times.append(_median_wall(floor, 1, env))
            check_times.append(_median_wall(check, 1, env))
    f, c = statistics.median(floor_times), statistics.median(check_times)
    ratio = c / f
    verdict = "met" if ratio <= 1.5 else "missed"
    return [
        "| command | median wall (s) | ratio to floor | target |",
        "|:---|---:|---:|:---|",
        f'| python -c "import lark, click" (floor) | {f:.3f} | 1.00 | |',
        f"| journeymap check (12 steps) | {c:.3f} | {ratio:.2f} | <= 1.5 ({verdict}) |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (CI smoke)")
    args = parser.parse_args()
    sizes = [10, 100] if args.quick else [10, 100, 1000, 10000]
    repeats = 2 if args.quick else 5
    print("## Parse + compile\n")
    print("\n".join(parse_compile(sizes, repeats)))
    print("\n## Map rendering (layout + SVG, in the library)\n")
    map_sizes = [10, 100] if args.quick else [10, 100, 1000, 2000]
    print("\n".join(map_render(map_sizes, repeats)))
    print("\n## Blueprint: native against Graphviz\n")
    blueprint_sizes = [10, 100] if args.quick else [10, 100, 1000]
    print("\n".join(blueprint_vs_graphviz(blueprint_sizes, repeats)))
    print("\n## Cold start\n")
    print("\n".join(cold_start(3 if args.quick else 21)))


if __name__ == "__main__":
    main()
