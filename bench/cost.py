"""Bounded cost (issue 20): `check` of a warning on every step, and the matrix's peak memory.

    python bench/cost.py [--quick]                 # this section alone
    python bench/cost.py --matrix-child STEPS KIND # prints two numbers (MiB): imported, peak

Both figures are ratios or caps measured in this run, never seconds against
a constant: `check` of 100,000 steps with one warning each (W202, no
touchpoint) against 10,000 steps, as the console script runs it, text and
JSON; and the peak resident memory of drawing the matrix of 10,000 steps
each with a touchpoint of its own (once without channels, once each in a
channel of its own), with the growth from 5,000 steps beside it. `--quick`
(CI) divides every size by 10.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from common import HERE, PYTHON, Table, verdict, wall

CHECK_SIZES = (10_000, 100_000)
CHECK_RATIO = 12.0
"""Issue 20: 10x the steps (and warnings) costs `check` at most 12x the time."""
MATRIX_STEPS = (5_000, 10_000)
MATRIX_CAP_MB = 300
"""Issue 20: the matrix of 10,000 steps, each with its own touchpoint, peaks at most 300 MB."""
MATRIX_KINDS = ("no channel", "own channel")


def warned_steps(steps: int) -> str:
    """A journey whose every step has one warning: no touchpoint (W202)."""
    lines = ["journey: Warnings"]
    for i in range(steps):
        if i % 10 == 0:
            lines.append(f"stage s{i}: Stage {i}")
        lines.append(f"  step x{i}: Step {i} of the journey")
    return "\n".join(lines) + "\n"


def own_touchpoints(steps: int, channels: bool) -> str:
    """A journey whose every step has a touchpoint no other step has (and maybe a channel)."""
    lines = ["journey: Matrix"]
    for i in range(steps):
        if i % 10 == 0:
            lines.append(f"stage s{i}: Stage {i}")
        lines.append(f"  step x{i}: Step {i}")
        attributes = f" [channel=c{i}]" if channels else ""
        lines.append(f"    touchpoint: Touchpoint {i}{attributes}")
    return "\n".join(lines) + "\n"


def _jm() -> list[str]:
    # The console script, as users (and CI) run it; `python -m` where it is not installed.
    script = Path(PYTHON).with_name("journeymap")
    return [str(script)] if script.exists() else [PYTHON, "-m", "journeymap"]


def _check_seconds(path: Path, as_json: bool) -> float:
    """One run of `journeymap check` (warnings alone exit 0)."""
    command = [*_jm(), "check", str(path)]
    if as_json:
        command += ["--diagnostics", "json"]
    return wall(command)


def check_growth(quick: bool, repeats: int) -> dict[str, tuple[float, float]]:
    """(seconds at the small size, at the big one) of `check`, as text and as JSON."""
    small, big = (n // 10 for n in CHECK_SIZES) if quick else CHECK_SIZES
    out: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for steps in (small, big):
            paths[steps] = Path(tmp) / f"warnings-{steps}.journey"
            paths[steps].write_text(warned_steps(steps), encoding="utf-8")
        for label, as_json in (("text", False), ("json", True)):
            # Interleaved, so a burst of machine noise falls on both sizes alike.
            best = [float("inf"), float("inf")]
            for _ in range(repeats):
                for k, steps in enumerate((small, big)):
                    best[k] = min(best[k], _check_seconds(paths[steps], as_json))
            out[label] = (best[0], best[1])
    return out


def _peak_mib() -> float:
    """This process's peak resident set so far (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise OSError("no VmHWM in /proc/self/status")


def _matrix_child(steps: int, kind: str) -> None:
    import journeymap
    from journeymap.emit.pipeline import render

    text = own_touchpoints(steps, channels=kind == "own channel")
    imported = _peak_mib()
    journey = journeymap.loads(text, name="matrix.journey")
    svg = render(journey, view="matrix")
    peak = _peak_mib()
    assert isinstance(svg, str) and svg.startswith("<svg")
    print(f"{imported:.1f} {peak:.1f}")


def matrix_peak(steps: int, kind: str) -> tuple[float, float]:
    """(MiB resident after imports, peak MiB resident) of load + matrix of `steps` steps."""
    done = subprocess.run(
        [PYTHON, str(HERE / "cost.py"), "--matrix-child", str(steps), kind],
        check=True,
        capture_output=True,
        text=True,
    )
    imported, peak = done.stdout.split()
    return float(imported), float(peak)


def cost_table(quick: bool) -> tuple[Table, Table]:
    """The figures, and the targets they meet or miss."""
    repeats = 1 if quick else 3
    figures = Table("Bounded cost (issue 20)", ["what", "small", "big", "ratio"], "lrrr")
    targets = Table("Targets: bounded cost (issue 20)", ["target", "figure", "verdict"], "lll")
    small, big = (n // 10 for n in CHECK_SIZES) if quick else CHECK_SIZES
    growth = check_growth(quick, repeats)
    for label, (t_small, t_big) in growth.items():
        ratio = t_big / t_small
        figures.add(
            f"`check` ({label} diagnostics), {small:,} vs {big:,} steps, a warning each",
            f"{t_small:.2f} s",
            f"{t_big:.2f} s",
            f"{ratio:.1f}x",
        )
        targets.add(
            f"`check` ({label}) of {big:,} steps <= {CHECK_RATIO:g}x the time of {small:,}",
            f"{ratio:.1f}x",
            verdict(ratio <= CHECK_RATIO),
        )
    sizes = tuple(n // 10 for n in MATRIX_STEPS) if quick else MATRIX_STEPS
    for kind in MATRIX_KINDS:
        (imp_s, peak_s), (imp_b, peak_b) = (matrix_peak(n, kind) for n in sizes)
        above = (peak_b - imp_b) / max(peak_s - imp_s, 1.0)
        figures.add(
            f"matrix peak MiB, a touchpoint per step ({kind}), {sizes[0]:,} vs {sizes[1]:,}",
            f"{peak_s:,.0f}",
            f"{peak_b:,.0f}",
            f"{above:.1f}x above imports",
        )
        megabytes = peak_b * 1.048576
        if not quick:  # a tenth of the steps is no test of the cap
            targets.add(
                f"matrix of {sizes[1]:,} steps with their own touchpoints ({kind}) "
                f"peaks <= {MATRIX_CAP_MB} MB",
                f"{megabytes:,.0f} MB",
                verdict(megabytes <= MATRIX_CAP_MB),
            )
        targets.add(
            f"matrix ({kind}): memory above imports at {sizes[1]:,} steps <= 3x that at "
            f"{sizes[0]:,} (linear is 2x, quadratic 4x)",
            f"{above:.1f}x",
            verdict(above <= 3),
        )
    figures.notes.append(
        "`check` is the console script in a fresh process, best of "
        f"{repeats}; the two sizes are timed interleaved. The matrix is load + render of "
        "the SVG in a fresh process; peak is VmHWM, whole process."
        + (" Quick run: every size divided by 10, the 300 MB cap not judged." if quick else "")
    )
    return figures, targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="sizes divided by 10 (CI)")
    parser.add_argument("--matrix-child", nargs=2, metavar=("STEPS", "KIND"))
    args = parser.parse_args()
    if args.matrix_child:
        steps, kind = args.matrix_child
        _matrix_child(int(steps), kind)
        return
    for table in cost_table(args.quick):
        print(table.markdown())


if __name__ == "__main__":
    main()
