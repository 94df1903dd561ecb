"""Before/after issue 19: this checkout against a wheel of the commit before its restructure.

Both builds are wheels installed into their own temporary virtual
environment and driven only from outside (the console script, and the public
`journeymap.loads` / `journeymap.render`), so the section measures the same
way whatever the package's insides look like on either side. Old and new
take turns, round by round; every figure is a ratio of medians from the same
run.

    python bench/core.py [--quick] [--baseline REV]   # this section alone
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from common import PYTHON, ROOT, Table, median, verdict, wall
from generate import generate

BASELINE = "46cfe8e"
"""The last commit before the "One safe, simple core" restructure (issue 19).

Its build keeps parser tables, terminal patterns and records in a disk cache
(`JOURNEYMAP_CACHE_DIR`), which this section warms before timing it, as the
issue asks.
"""

DEPENDENCIES = ("lark", "click", "resvg_py", "graphviz")
"""Import names of the runtime dependencies both wheels share."""

CASES = (
    ("12-step map", 12, "map"),
    ("12-step blueprint", 12, "blueprint"),
    ("1,000-step blueprint with flows", 1000, "blueprint"),
)
LINEAR_SIZES = (100, 1000, 3000)
SAME_RUN = 1.1
"""Issue 19: each whole-process case, the first run and the in-process render at most 1.1x."""
LINEAR = 1.3
"""Issue 19: time per added step from 1,000 to 3,000 at most 1.3x that from 100 to 1,000."""
DOT_GOAL = 0.2
"""Issue 19's goal, recorded beside the targets: the 1,000-step blueprint at 0.2x `dot -Tsvg`."""

_IN_PROCESS = r"""
import sys, time
import journeymap
text = open(sys.argv[1], encoding="utf-8").read()
journeymap.render(journeymap.loads(text, name="typical.journey"))  # loads what later calls reuse
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    journeymap.render(journeymap.loads(text, name="typical.journey"))
    times.append(time.perf_counter() - start)
times.sort()
print(times[len(times) // 2])
"""


class Skipped(Exception):
    """The section cannot run here; the message says why."""


@dataclass
class Build:
    """One installed wheel: its interpreter, its console script and the environment to run it in."""

    label: str
    python: Path
    script: Path
    env: dict[str, str]

    def render(self, source: Path, out: Path, *options: str) -> list[str]:
        return [str(self.script), "render", str(source), *options, "-o", str(out)]


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise Skipped(f"{what} failed: {last[:200]}")


def _resolve(rev: str) -> str:
    if shutil.which("git") is None:
        raise Skipped("git is not on PATH")
    done = subprocess.run(
        # --end-of-options: a revision that starts with `-` is a revision, not an option.
        [
            "git",
            "-C",
            str(ROOT),
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{rev}^{{commit}}",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise Skipped(f"revision {rev} is not in this clone (a shallow clone?)")
    return done.stdout.strip()


def _pip(tmp: Path, *args: str, what: str) -> None:
    """Run this environment's pip offline, with a temporary HOME.

    pip keeps nothing (`--no-cache-dir`), and the HOME is for what it starts:
    it asks `rustc` for its version, and a rustup shim writes under HOME.
    """
    home = tmp / "pip-home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    _run([PYTHON, "-m", "pip", *args, "-q", "--no-index", "--no-cache-dir"], what, env)


def _wheel(source: Path, dest: Path, tmp: Path) -> Path:
    """A wheel of the tree at `source`, built with the build backend already installed here."""
    _pip(
        tmp,
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        str(source),
        "-w",
        str(dest),
        what=f"building a wheel of {source}",
    )
    (wheel,) = dest.glob("journeymap-*.whl")
    return wheel


def _dependency_dirs() -> list[str]:
    """The directories this interpreter imports the shared dependencies from."""
    dirs = []
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise Skipped(f"the dependency {name} is not installed here")
        found = str(Path(spec.origin).parent.parent)
        if found not in dirs:
            dirs.append(found)
    return dirs


def _install(label: str, wheel: Path, tmp: Path) -> Build:
    """A venv holding `wheel` alone; the dependencies are this environment's, the same for both.

    A `.pth` line puts the dependencies' directories after the venv's own
    site-packages, so the venv's journeymap is the one imported, and the
    two builds differ only in journeymap itself.
    """
    venv = tmp / f"venv-{label}"
    _run([PYTHON, "-m", "venv", "--without-pip", str(venv)], f"creating the {label} venv")
    python = venv / "bin" / "python"
    _pip(
        tmp, "--python", str(python), "install", "--no-deps", str(wheel), what=f"installing {label}"
    )
    done = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    (Path(done.stdout.strip()) / "bench-dependencies.pth").write_text(
        "\n".join(_dependency_dirs()) + "\n", encoding="utf-8"
    )
    home = tmp / f"home-{label}"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "JOURNEYMAP_CACHE_DIR", "VIRTUAL_ENV")
    }
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    return Build(label, python, venv / "bin" / "journeymap", env)


def prepare(baseline: str, tmp: Path) -> tuple[Build, Build, str]:
    """The old and new builds, installed under `tmp`, and the baseline's full hash."""
    commit = _resolve(baseline)
    src = tmp / "baseline-src"
    src.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--end-of-options", commit],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    old = _install("old", _wheel(src, tmp / "dist-old", tmp), tmp)
    # The old build's disk cache, in a temporary directory; warmed before timing.
    old.env["JOURNEYMAP_CACHE_DIR"] = str(tmp / "cache-old")
    new = _install("new", _wheel(ROOT, tmp / "dist-new", tmp), tmp)
    return old, new, commit


def _rounds(commands: dict[str, tuple[list[str], dict[str, str]]], rounds: int) -> dict[str, float]:
    """Median wall time of each command, taking turns; the order flips every round."""
    for command, env in commands.values():
        wall(command, env=env)  # warm: the old build's disk cache, and the page cache
    times: dict[str, list[float]] = {key: [] for key in commands}
    for n in range(rounds):
        for key in list(commands) if n % 2 == 0 else list(reversed(commands)):
            command, env = commands[key]
            times[key].append(wall(command, env=env))
    return {key: median(values) for key, values in times.items()}


@dataclass
class Section:
    """One run of the section: the two builds, the journeys, and the table being filled."""

    old: Build
    new: Build
    tmp: Path
    quick: bool
    table: Table
    figures: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def rounds(self) -> int:
        return 11 if self.quick else 21

    def source(self, steps: int) -> Path:
        path = self.tmp / f"j{steps}.journey"
        if not path.exists():
            path.write_text(generate(steps), encoding="utf-8")
        return path

    def row(
        self, case: str, reference: float, measured: float, target: float, ms: bool = False
    ) -> float:
        """A row comparing `measured` with `reference` against a target ratio; the ratio."""
        ratio = measured / reference
        cells = [f"{t * 1000:.2f} ms" if ms else f"{t:.3f} s" for t in (reference, measured)]
        self.table.add(case, *cells, f"{ratio:.2f}x", f"<= {target}x", verdict(ratio <= target))
        return ratio

    def context(self, reference: str, measured: str, ratio: float) -> None:
        """The old build's figure for the row above: context, with no target."""
        self.table.add(
            "... the old build, for comparison", reference, measured, f"{ratio:.2f}x", "", "-"
        )

    def side_by_side(self) -> None:
        """Cold `journeymap render` of each case, old and new taking turns."""
        commands = {}
        for case, steps, view in CASES:
            for build in (self.old, self.new):
                out = self.tmp / f"{build.label}-{steps}-{view}.svg"
                commands[f"{build.label} {case}"] = (
                    build.render(self.source(steps), out, "--view", view),
                    build.env,
                )
        whole = _rounds(commands, self.rounds)
        for case, _, _ in CASES:
            self.figures[case] = self.row(
                f"cold `journeymap render`, {case}: new / old",
                whole[f"old {case}"],
                whole[f"new {case}"],
                SAME_RUN,
            )
        self.notes.append(
            f"Whole-process rows: the median wall time of {self.rounds} rounds in which old "
            "and new take turns (the order flips every round); the journeys come from "
            "bench/generate.py, with flows at every third and fifth step."
        )

    def _first_run(self, build: Build) -> tuple[float, float, int]:
        """Medians of a run with an empty HOME and of the run after it; most files left there."""
        first, later, left = [], [], 0
        command = build.render(self.source(12), self.tmp / "first.svg")
        for n in range(self.rounds):
            home = self.tmp / f"empty-{build.label}-{n}"
            home.mkdir()
            env = {**build.env, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
            env.pop("JOURNEYMAP_CACHE_DIR", None)
            first.append(wall(command, env=env))
            later.append(wall(command, env=env))
            left = max(left, sum(1 for p in home.rglob("*") if p.is_file()))
            shutil.rmtree(home)
        return median(first), median(later), left

    def first_run(self) -> None:
        """No first-run penalty: a run with an empty HOME against the run after it."""
        first, later, left = self._first_run(self.new)
        self.figures["first run"] = self.row(
            "new build, 12-step map: run with an empty HOME / the run after",
            later,
            first,
            SAME_RUN,
        )
        old_first, old_later, old_left = self._first_run(self.old)
        self.context(f"{old_later:.3f} s", f"{old_first:.3f} s", old_first / old_later)
        self.notes.append(
            f"Empty-HOME rows: in each of {self.rounds} rounds, a fresh empty HOME and "
            "XDG_CACHE_HOME (and no JOURNEYMAP_CACHE_DIR), a run, then a second run with the "
            f"same; the new build left {left} file(s) there, the old build {old_left}."
        )

    def in_process(self) -> None:
        """Text -> SVG of the 12-step map in a running process, after the first call."""
        loops, rounds = (50, 3) if self.quick else (200, 7)
        times: dict[str, list[float]] = {"old": [], "new": []}
        builds = [self.old, self.new]
        for n in range(rounds):
            for build in builds if n % 2 == 0 else reversed(builds):
                command = [str(build.python), "-c", _IN_PROCESS, str(self.source(12)), str(loops)]
                done = subprocess.run(
                    command, capture_output=True, text=True, check=True, env=build.env
                )
                times[build.label].append(float(done.stdout))
        self.figures["in-process"] = self.row(
            "in-process `render(loads(text))`, 12-step map, after the first: new / old",
            median(times["old"]),
            median(times["new"]),
            SAME_RUN,
            ms=True,
        )
        self.notes.append(
            f"In-process row: the median of {loops} calls after the first, timed inside a "
            f"fresh interpreter of each build; the median of {rounds} such interpreters."
        )

    def linearity(self) -> None:
        """Time per added step from 1,000 to 3,000 against that from 100 to 1,000."""
        commands = {
            f"{build.label} {steps}": (
                build.render(self.source(steps), self.tmp / "lin.svg", "--view", "blueprint"),
                build.env,
            )
            for steps in LINEAR_SIZES
            for build in (self.old, self.new)
        }
        rounds = 5 if self.quick else 11
        times = _rounds(commands, rounds)
        small, mid, big = LINEAR_SIZES
        per_step = {
            label: (
                (times[f"{label} {mid}"] - times[f"{label} {small}"]) / (mid - small),
                (times[f"{label} {big}"] - times[f"{label} {mid}"]) / (big - mid),
            )
            for label in ("old", "new")
        }
        low, high = per_step["new"]
        self.figures["linear"] = high / low
        self.table.add(
            f"new build, blueprint with flows: time per added step, {mid:,}->{big:,} / "
            f"{small:,}->{mid:,} steps",
            f"{low * 1e6:.0f} µs",
            f"{high * 1e6:.0f} µs",
            f"{high / low:.2f}x",
            f"<= {LINEAR}x",
            verdict(high / low <= LINEAR),
        )
        low, high = per_step["old"]
        self.context(f"{low * 1e6:.0f} µs", f"{high * 1e6:.0f} µs", high / low)
        self.notes.append(
            "Time per added step: the difference of the median whole-process times of "
            f"`journeymap render --view blueprint` ({rounds} rounds, old and new taking "
            "turns), divided by the steps added."
        )

    def graphviz(self) -> None:
        """Our whole `journeymap render` of the 1,000-step blueprint against `dot -Tsvg`."""
        dot = shutil.which("dot")
        case = "new build, 1,000-step blueprint with flows: native SVG / `dot -Tsvg` on our DOT"
        if dot is None:
            self.table.add(case, "-", "-", "-", f"goal <= {DOT_GOAL}x", "n/a")
            self.notes.append("Graphviz's `dot` is not on PATH, so its row did not run.")
            return
        source, dot_file = self.source(1000), self.tmp / "j1000.dot"
        view = ("--view", "blueprint")
        _run(self.new.render(source, dot_file, *view, "--format", "dot"), "DOT", self.new.env)
        commands = {
            "dot": ([dot, "-Tsvg", str(dot_file), "-o", str(self.tmp / "dot.svg")], self.new.env),
            **{
                b.label: (b.render(source, self.tmp / "n.svg", *view), b.env)
                for b in (self.old, self.new)
            },
        }
        rounds = 2 if self.quick else 5
        times = _rounds(commands, rounds)
        self.figures["dot"] = times["new"] / times["dot"]
        self.table.add(
            case,
            f"{times['dot']:.3f} s",
            f"{times['new']:.3f} s",
            f"{self.figures['dot']:.2f}x",
            f"goal <= {DOT_GOAL}x",
            verdict(self.figures["dot"] <= DOT_GOAL),
        )
        self.context(f"{times['dot']:.3f} s", f"{times['old']:.3f} s", times["old"] / times["dot"])
        self.notes.append(
            f"Graphviz rows: whole processes taking turns ({rounds} rounds), "
            "`journeymap render --view blueprint` against `dot -Tsvg` on the DOT that "
            "`--format dot --view blueprint` writes (writing the DOT not counted)."
        )


TITLE = "Before/after (issue 19): this checkout against the commit before it"
HEADER = ["case", "reference", "measured", "ratio", "target", "verdict"]


def core_table(quick: bool, baseline: str = BASELINE) -> tuple[Table, dict[str, float]]:
    """The section's table and its ratios by name (none when the section is skipped)."""
    with tempfile.TemporaryDirectory(prefix="journeymap-bench-core-") as tmp_name:
        tmp = Path(tmp_name)
        try:
            old, new, commit = prepare(baseline, tmp)
        except Skipped as why:
            table = Table(TITLE, HEADER, "lrrrll")
            table.notes.append(f"Skipped: {why}.")
            return table, {}
        table = Table(f"{TITLE} ({commit[:7]})", HEADER, "lrrrll")
        section = Section(old, new, tmp, quick, table)
        section.notes.append(
            f"Old: a wheel of {commit[:12]} (`git archive`), the last commit before the "
            "restructure, with its disk cache (`JOURNEYMAP_CACHE_DIR`) in a temporary "
            "directory, warmed by one run of each command. New: a wheel of this checkout. "
            "Each is installed alone in a temporary venv, with the same dependencies and a "
            "temporary HOME, and is driven only through its console script and public API."
        )
        section.side_by_side()
        section.first_run()
        section.in_process()
        section.linearity()
        section.graphviz()
    table.notes += [" ".join(section.notes)]
    return table, section.figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    parser.add_argument(
        "--baseline", default=BASELINE, help=f"the revision to compare with (default {BASELINE})"
    )
    args = parser.parse_args()
    table, _ = core_table(args.quick, args.baseline)
    print(table.markdown())


if __name__ == "__main__":
    main()
