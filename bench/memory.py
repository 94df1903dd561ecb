"""Peak memory of one render, each in a fresh interpreter so sizes do not share a heap.

python bench/memory.py --child STEPS VIEW    # prints two numbers (MiB): imported, peak
"""

from __future__ import annotations

import subprocess
import sys

from common import HERE, PYTHON, Table


def _peak_mib() -> float:
    """This process's peak resident set so far, in MiB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a
    child of a big benchmark process would report its parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child(steps: int, view: str) -> None:
    sys.path.insert(0, str(HERE))
    import journeymap
    from generate import generate
    from journeymap.emit.views import render_blueprint_svg, render_map_svg

    text = generate(steps)
    # The baseline: interpreter, journeymap and the source text, before any work.
    imported = _peak_mib()
    journey = journeymap.loads(text, name="bench.journey")
    svg = (render_map_svg if view == "map" else render_blueprint_svg)(journey)
    peak = _peak_mib()
    assert svg
    print(f"{imported:.1f} {peak:.1f}")


def peak_rss(steps: int, view: str) -> tuple[float, float]:
    """(MiB resident after imports, peak MiB resident) for load + render of `steps` steps."""
    done = subprocess.run(
        [PYTHON, str(HERE / "memory.py"), "--child", str(steps), view],
        check=True,
        capture_output=True,
        text=True,
    )
    imported, peak = done.stdout.split()
    return float(imported), float(peak)


def memory_table(sizes: list[int]) -> tuple[Table, dict[int, float]]:
    """The table, and the blueprint's peak MiB by size (for the targets)."""
    blueprint: dict[int, float] = {}
    table = Table(
        "Peak memory (load + render, fresh process)",
        ["steps", "map peak (MiB)", "map above imports", "blueprint peak (MiB)", "above imports"],
        "rrrrr",
    )
    for steps in sizes:
        cells = []
        for view in ("map", "blueprint"):
            imported, peak = peak_rss(steps, view)
            if view == "blueprint":
                blueprint[steps] = peak
            cells += [f"{peak:,.0f}", f"{peak - imported:,.0f}"]
        table.add(f"{steps:,}", *cells)
    table.notes.append(
        "Peak resident set (VmHWM) of a process that imports journeymap, compiles "
        "the journey and renders one view; 'above imports' subtracts what it held "
        "before compiling. Target: a 10,000-step blueprint under 500 MB."
    )
    return table, blueprint


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit("usage: memory.py --child STEPS VIEW")
