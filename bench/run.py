"""Benchmarks: journeymap against its floor and its peers, measured in the same run.

    python bench/run.py               # everything; Markdown on stdout and in bench/results.md
    python bench/run.py --quick       # a smoke run for CI (small sizes, few repeats; ~1 min)
    python bench/run.py --no-install  # use only the peers already on the machine
    python bench/run.py --baseline REV  # issue 19's before/after against REV (core.py)

Never part of the test suite's pass/fail: these machines are shared and
noisy, so every figure is set beside a baseline taken in the same run.
Sections: before/after issue 19 against a wheel of an earlier commit
(core.py), library time per stage (library.py), peak memory (memory.py),
start-up and in-process renders (cold.py), peers (peers.py), directory mode
(batch.py), many journeys against one process a file (many.py, issue 24),
bounded cost of hostile input: `check` growth and the matrix's peak memory
(cost.py, issue 20), Mermaid import growth (mermaid_cost.py), the language
server (lsp.py, issue 25), reading a large analytics export and rendering a
journey with data against one without (data_read.py, issue 22).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch import FILES, batch_table  # noqa: E402
from cold import _journeymap_command, cold_start, in_process, phases  # noqa: E402
from common import Table, machine_facts, verdict  # noqa: E402
from core import BASELINE, DOT_GOAL, LINEAR, SAME_RUN, core_table  # noqa: E402
from cost import cost_table  # noqa: E402
from data_read import data_table  # noqa: E402
from library import StageTimes, measure, stage_tables  # noqa: E402
from lsp import lsp_section  # noqa: E402
from many import FILES as MANY_FILES  # noqa: E402
from many import INVENTORY_GOAL, PARALLEL_GOAL, QUICK_FILES, WARM_GOAL, many_table  # noqa: E402
from memory import memory_table  # noqa: E402
from mermaid_cost import mermaid_table, mermaid_targets  # noqa: E402
from peers import describe_versions, peers_table  # noqa: E402

NLOGN_EXPONENT = math.log10(10 * math.log(10_000) / math.log(1_000))
"""The exponent n log n shows between 1,000 and 10,000 steps (about 1.12)."""


def _mermaid_ratios(peers: dict[tuple[str, int], float], ours: str) -> list[tuple[int, float]]:
    """(steps, Mermaid CLI's time / ours) at each size both ran."""
    return sorted(
        (s, peers[("mmdc", s)] / peers[(ours, s)])
        for (k, s) in peers
        if k == "mmdc" and (ours, s) in peers
    )


def _core_targets(table: Table, core: dict[str, float]) -> None:
    """Issue 19's ratios, each against a baseline measured in the same run (core.py)."""
    if not core:
        table.add("issue 19: new build against the commit before it", "section skipped", "n/a")
        return
    for case in ("12-step map", "12-step blueprint", "1,000-step blueprint with flows"):
        table.add(
            f"cold render, {case}: new build <= {SAME_RUN}x the old wheel's time (issue 19)",
            f"{core[case]:.2f}x",
            verdict(core[case] <= SAME_RUN),
        )
    table.add(
        f"run with an empty HOME <= {SAME_RUN}x a later run (issue 19)",
        f"{core['first run']:.2f}x",
        verdict(core["first run"] <= SAME_RUN),
    )
    table.add(
        f"in-process text -> SVG of the 12-step map <= {SAME_RUN}x the old wheel's (issue 19)",
        f"{core['in-process']:.2f}x",
        verdict(core["in-process"] <= SAME_RUN),
    )
    table.add(
        f"time per added step, 1,000->3,000 <= {LINEAR}x that of 100->1,000 (issue 19)",
        f"{core['linear']:.2f}x",
        verdict(core["linear"] <= LINEAR),
    )
    if "dot" in core:
        table.add(
            f"cold 1,000-step blueprint <= {DOT_GOAL}x `dot -Tsvg` on our DOT (issue 19's goal)",
            f"{core['dot']:.2f}x",
            verdict(core["dot"] <= DOT_GOAL),
        )


def _targets(
    core: dict[str, float],
    stages: list[StageTimes],
    cold: dict[str, float],
    warm: dict[str, float],
    peers: dict[tuple[str, int], float],
    batch: dict[str, float],
    memory: dict[int, float],
    many: dict[str, float],
) -> Table:
    table = Table("Targets", ["target", "figure", "verdict"], "lll")
    _core_targets(table, core)
    maps = sorted((r for r in stages if r.view == "map"), key=lambda r: r.steps)
    if maps:
        rates = [(r.steps, r.lines / (r.parse + r.compile)) for r in maps]
        table.add(
            "parse+compile >= 20,000 lines/s (issue #2)",
            ", ".join(f"{rate:,.0f} at {steps:,} steps" for steps, rate in rates),
            verdict(min(rate for _, rate in rates) >= 20_000),
        )
    map_at = {r.steps: r for r in maps}
    if 1000 in map_at:
        render = map_at[1000].render
        table.add(
            "1,000-step map renders in < 1 s in the library (issue #3; layout+emit)",
            f"{render:.2f} s ({map_at[1000].total:.2f} s with parse and compile)",
            verdict(render < 1),
        )
        if 10_000 in map_at:
            growth = map_at[10_000].render / render
            table.add(
                "map: 10x the steps costs at most 12x the time (issue #3)",
                f"{growth:.1f}x",
                verdict(growth <= 12),
            )
        per_card = map_at[1000].svg_bytes / map_at[1000].cards
        table.add(
            "map SVG under 1.5 KB per card (issue #3)",
            f"{per_card:,.0f} B",
            verdict(per_card < 1500),
        )
    if cold:
        check = cold["check"] / cold["check floor"]
        table.add(
            'cold `check` of the typical map <= 1.5x `python -c "import lark, click"` (issue #2)',
            f"{check:.2f}x",
            verdict(check <= 1.5),
        )
        ratio = cold["render"] / cold["floor"]
        table.add(
            "cold render of the typical map <= 1.5x the import floor",
            f"{ratio:.2f}x",
            verdict(ratio <= 1.5),
        )
    same = _mermaid_ratios(peers, "journeymap mmd")
    if same:
        worst = min(r for _, r in same)
        figure = ", ".join(f"{r:.1f}x at {s:,}" for s, r in same)
        table.add(
            ">= 10x faster than Mermaid's CLI on its own journey at every size",
            figure,
            verdict(worst >= 10),
        )
        full = _mermaid_ratios(peers, "journeymap map")
        table.add(
            "... our full map of the journey against Mermaid's projection of it (context)",
            ", ".join(f"{r:.1f}x at {s:,}" for s, r in full),
            "-",
        )
    else:
        table.add(
            ">= 10x faster than Mermaid's CLI at every size", "Mermaid CLI did not run", "n/a"
        )
    bp = {r.steps: r for r in stages if r.view == "blueprint"}
    if 1000 in bp:
        table.add(
            "1,000-step native blueprint < 2 s (issue #4; parse to SVG)",
            f"{bp[1000].total:.2f} s",
            verdict(bp[1000].total < 2),
        )
    dot = peers.get(("dot", 1000))
    if dot and 1000 in bp:
        native = bp[1000].render / dot
        table.add(
            "1,000-step blueprint <= 0.2x Graphviz on our DOT, i.e. >= 5x faster "
            "(issues #4, #9; in-process layout+emit)",
            f"{native:.2f}x ({dot / bp[1000].render:.1f}x faster)",
            verdict(native <= 0.2),
        )
        with_load = bp[1000].total / dot
        table.add(
            "... the same with parse and compile",
            f"{with_load:.2f}x ({dot / bp[1000].total:.1f}x faster)",
            verdict(with_load <= 0.2),
        )
        if ("journeymap lanes", 1000) in peers:
            cli = peers[("journeymap lanes", 1000)] / dot
            table.add(
                "... the same, whole `journeymap render` process from cold "
                "(lanes-only file: what the DOT holds)",
                f"{cli:.2f}x",
                verdict(cli <= 0.2),
            )
    d2 = peers.get(("d2", 1000))
    for key, what in (("journeymap lanes", "lanes-only file"), ("journeymap blueprint", "full")):
        if d2 and (key, 1000) in peers:
            ours = peers[(key, 1000)]
            table.add(
                f"1,000-step blueprint faster than the D2 grid (cold processes; {what})",
                f"{ours:.2f} s vs {d2:.2f} s",
                verdict(ours < d2),
            )
    if warm:
        ms = warm["render(journey) map svg"] * 1000
        table.add(
            "in-process render of the typical map < 10 ms after the first",
            f"{ms:.1f} ms",
            verdict(ms < 10),
        )
    if 10_000 in bp:
        r = bp[10_000]
        table.add(
            "10,000-step blueprint < 10 s (layout + SVG)",
            f"{r.render:.1f} s",
            verdict(r.render < 10),
        )
        table.add("... with parse and compile too", f"{r.total:.1f} s", verdict(r.total < 10))
        if 10_000 in memory:
            table.add(
                "10,000-step blueprint < 500 MB peak",
                f"{memory[10_000]:,.0f} MiB",
                verdict(memory[10_000] * 1.048576 < 500),
            )
        if 1000 in bp:
            k = math.log(r.render / bp[1000].render) / math.log(10)
            table.add(
                f"blueprint growth no worse than n log n (k <= {NLOGN_EXPONENT:.2f})",
                f"k = {k:.2f}",
                verdict(k <= NLOGN_EXPONENT),
            )
    if many:
        for key, goal, what in (
            ("parallel", PARALLEL_GOAL, "render DIR with 4 jobs <= {goal}x one process per file"),
            ("unchanged", WARM_GOAL, "render DIR again, nothing changed, <= {goal}x the first"),
            ("inventory", INVENTORY_GOAL, "report DIR (inventory) <= {goal}x check DIR --jobs 1"),
        ):
            table.add(
                f"{what.format(goal=goal)} (issue 24, {many['files']:,.0f} files)",
                f"{many[key]:.3f}x",
                verdict(many[key] <= goal),
            )
    if batch:
        table.add(
            "warm batch of 500 unchanged files < 2 s",
            f"{batch['warm']:.2f} s",
            verdict(batch["warm"] < 2.0),
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (CI)")
    parser.add_argument(
        "--no-install", action="store_true", help="do not install missing peers (D2, Mermaid CLI)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="also write the Markdown here (default: bench/results.md, except with --quick)",
    )
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        help=f"the revision issue 19's before/after compares with (default {BASELINE})",
    )
    args = parser.parse_args()
    quick = args.quick
    sizes = [10, 100] if quick else [10, 100, 1_000, 10_000]
    peer_sizes = [12] if quick else [12, 100, 1_000]
    repeats = 2 if quick else 5
    output = args.output or (None if quick else HERE / "results.md")
    started = time.perf_counter()
    header = [
        "# journeymap benchmarks" + (" (quick smoke run)" if quick else ""),
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python bench/run.py"
        + (" --quick" if quick else "")
        + "`.",
        f"Machine: {machine_facts()}.",
        "",
    ]
    print("\n".join(header), flush=True)
    sections: list[Table] = []

    def show(table: Table) -> None:
        sections.append(table)
        print(table.markdown(), flush=True)

    core_tbl, core = core_table(quick, args.baseline)
    show(core_tbl)
    stages = [r for steps in sizes for r in measure(steps, repeats)]
    for table in stage_tables(stages):
        show(table)
    memory_tbl, memory = memory_table(sizes)
    show(memory_tbl)
    cold_tbl, cold = cold_start(3 if quick else 21)
    show(cold_tbl)
    show(phases(peer_sizes, 3 if quick else 11))
    warm_tbl, warm = in_process(20 if quick else 200)
    show(warm_tbl)
    jm = _journeymap_command()
    peer_tbl, peers = peers_table(peer_sizes, 1 if quick else 9, not (quick or args.no_install), jm)
    peer_tbl.notes += ["", "Peer versions: " + "; ".join(describe_versions()) + "."]
    show(peer_tbl)
    batch_tbl, batch = batch_table(20 if quick else FILES, jm)
    show(batch_tbl)
    show(lsp_section(quick))
    many_tbl, many = many_table(QUICK_FILES if quick else MANY_FILES, jm)
    show(many_tbl)
    targets = _targets(
        core,
        stages,
        cold,
        warm,
        peers,
        batch if not quick else {},
        memory,
        many if not quick else {},
    )
    cost_tbl, cost_targets = cost_table(quick)
    show(cost_tbl)
    mermaid_tbl, mermaid = mermaid_table(quick)
    show(mermaid_tbl)
    data_tbl, data_targets = data_table(quick)
    show(data_tbl)
    targets.rows += cost_targets.rows
    targets.rows += data_targets.rows
    mermaid_targets(targets, mermaid)
    show(targets)
    footer = f"Whole run: {time.perf_counter() - started:.0f} s."
    print(footer)
    if output is not None:
        body = (
            "\n".join(header)
            + "\n"
            + "\n".join(t.markdown() for t in [targets, *sections[:-1]])
            + "\n"
            + footer
            + "\n"
        )
        output.write_text(body, encoding="utf-8")


if __name__ == "__main__":
    main()
