"""Fuzz journeymap: grammar-aware and byte-mutated inputs through compile, render and fmt.

Every input is made from its index alone (`random.Random(f"{seed}:{index}")`),
so a run is reproducible and resumable: `--start 40000 --count 60000` goes
on where a run of 40,000 stopped. The kinds of input take turns:

- structured (half the inputs): well-formed documents (personas, channels,
  teams, stages, steps with every kind of line, flows, comments) whose
  values are quoted hostile text (markup, `]]>`, `&`, quotes, `javascript:`,
  bidi controls, 10,000-character words), so most reach the renderers;
- grammar-aware: statement lines built from the keyword table
  (`journeymap.language.keywords`) in any order, with IDs, attributes, flows,
  includes, comments, unquoted text and control characters;
- byte mutations (flip, insert, delete, duplicate bytes) of every
  `gallery/*.journey` and `tests/**/*.journey` file;
- line mutations (drop, duplicate, swap, splice in hostile text) of the same.

Each input is compiled; when it compiles, the map and the blueprint are
drawn as SVG (checked as inert XML, tests/security/inert.py), and JSON, DOT
and Mermaid are written; every input also goes through `fmt`. Workers are
child processes; an input that takes over `--timeout` seconds is a hang:
the worker is killed and replaced. An exception, a hang, an SVG that is not
inert or a formatter that would change the meaning is a failure, written to
`fuzz/crashes/` with its traceback.

That is the `journey` target; `--target` picks another input
(fuzz/targets.py): `theme` (theme TOML), `json` (JSON models), `mermaid`
(Mermaid import) or `diff` (`diff` arguments, git revisions among them).
Every target also checks that nothing of a file that is not a journey source
(a key outside the root, links to it, other files inside) reaches any
output or diagnostic: such a leak is counted apart (`leaks=`).

    python fuzz/harness.py --count 100000                  # the full run of one target
    python fuzz/harness.py --target theme --count 100000   # likewise for theme TOML
    python fuzz/harness.py --count 2000      # the CI sample (tests/security/test_fuzz_sample.py)
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CRASHES = REPO / "fuzz" / "crashes"
TARGET_NAMES = ("journey", "theme", "json", "mermaid", "diff")

HOSTILE = [
    "<script>alert(1)</script>",
    "</text><script>x</script>",
    "]]>",
    "<![CDATA[",
    "&",
    "&amp;",
    "&#x3C;",
    "'",
    '\\"',
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "xlink:href=",
    "url(http://evil/x)",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "W" * 10_000,
    "é中😀",
    "|",
    "%%",
    "#",
    " # ",
    "#42",
    "\\n",
    "{",
    "[x]",
]
CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\r"]
IDS = ["a", "b", "c", "s1", "maya", "kyc-ops", "app", "web", "t1", "step", "é1", "_x"]
ATTR_KEYS = [
    "channel",
    "kind",
    "tier",
    "phase",
    "owner",
    "persona",
    "priority",
    "variant",
    "duration",
    "system",
    "url",
    "moment-of-truth",
    "fail-point",
    "assumption",
    "score",
]
# Files an include may name: missing, outside, a device, and the sandbox's secrets
# (fuzz/targets.py), whose text must never reach an output.
INCLUDES = [
    "x.journey",
    "../up.journey",
    "/dev/zero",
    "good.journey",
    "key.journey",
    "inside-secret.txt",
    "secret.toml",
    "../outside/id_rsa",
]
ATTR_VALUES = ["digital", "primary", "high", "a", "2m", "62%", "4.5", "#ff0000", '"x, y"', "-1"]


def corpus() -> list[bytes]:
    """Every gallery and test `.journey` file, in a stable order."""
    files = sorted((REPO / "gallery").glob("*.journey")) + sorted(
        (REPO / "tests").rglob("*.journey")
    )
    return [path.read_bytes() for path in files]


def _text(rng: random.Random) -> str:
    words = ["Pays", "the form", "Slow", "ok"]
    parts = [rng.choice(words + HOSTILE) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.03:
        parts.append(rng.choice(CONTROL))
    return " ".join(parts)


def _value(rng: random.Random) -> str:
    text = _text(rng)
    if rng.random() < 0.6:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _attributes(rng: random.Random) -> str:
    items = []
    for _ in range(rng.randint(1, 3)):
        key = rng.choice(ATTR_KEYS)
        items.append(key if rng.random() < 0.3 else f"{key}={rng.choice(ATTR_VALUES)}")
    return " [" + ", ".join(items) + "]"


def _quoted(rng: random.Random) -> str:
    text = _text(rng).translate({ord(c): None for c in CONTROL})
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


STEP_LINES = ["think", "pain", "delight", "note", *(["evidence", "customer", "frontstage"])]
LANE_LINES = ["backstage", "support", "policy"]


def structured_input(rng: random.Random) -> bytes:
    """A valid-looking document: declarations, stages, steps and their lines, flows.

    Values are quoted hostile text, so most of these compile and reach the
    renderers; a few mistakes (an unknown reference) are left in on purpose.
    """
    lines = [f"journey: {_quoted(rng)}"]
    if rng.random() < 0.5:
        lines.append(f"description: {_quoted(rng)}")
    personas = [f"p{n}" for n in range(rng.randint(0, 3))]
    for pid in personas:
        lines.append(f"persona {pid}: {_quoted(rng)}")
        for key in rng.sample(["role", "goal", "need", "frustration", "quote"], 2):
            lines.append(f"  {key}: {_quoted(rng)}")
    channels = [f"c{n}" for n in range(rng.randint(0, 3))]
    for cid in channels:
        kind = rng.choice(["digital", "physical", "human"])
        lines.append(f"channel {cid}: {_quoted(rng)} [kind={kind}]")
    teams = [f"t{n}" for n in range(rng.randint(0, 2))]
    lines += [f"team {tid}: {_quoted(rng)}" for tid in teams]
    ends: list[str] = []
    serial = 0
    for s in range(rng.randint(1, 4)):
        lines.append(f"stage s{s}: {_quoted(rng)}")
        if rng.random() < 0.5:
            lines.append(f"  count: {rng.randint(0, 5000)}")
        for _ in range(rng.randint(1, 4)):
            serial += 1
            flags = [
                f for f in ("moment-of-truth", "fail-point", "assumption") if rng.random() < 0.2
            ]
            if personas and rng.random() < 0.3:
                flags.append(f"persona={rng.choice(personas)}")
            attrs = f" [{', '.join(flags)}]" if flags else ""
            lines.append(f"  step x{serial}: {_quoted(rng)}{attrs}")
            ends.append(f"x{serial}")
            for n in range(rng.randint(0, 2)):
                extra = []
                if channels:
                    extra.append(f"channel={rng.choice(channels)}")
                if rng.random() < 0.3:
                    extra.append(f"tier={rng.choice(['primary', 'secondary', 'tertiary'])}")
                if rng.random() < 0.2:
                    extra.append(f"url={_quoted(rng)}")
                attrs = f" [{', '.join(extra)}]" if extra else ""
                lines.append(f"    touchpoint x{serial}t{n}: {_quoted(rng)}{attrs}")
            for _ in range(rng.randint(0, 2)):
                score = rng.choice(["-2", "-1", "0", "+1", "+2"])
                who = (
                    f" [persona={rng.choice(personas)}]" if personas and rng.random() < 0.3 else ""
                )
                lines.append(f'    emotion: "{score} {_quoted(rng)[1:]}{who}')
            for _ in range(rng.randint(0, 4)):
                key = rng.choice(STEP_LINES)
                lines.append(f"    {key}: {_quoted(rng)}")
            for n in range(rng.randint(0, 3)):
                key = rng.choice(LANE_LINES)
                owner = f" [owner={rng.choice(teams)}]" if teams else ""
                lines.append(f"    {key} x{serial}l{n}: {_quoted(rng)}{owner}")
                ends.append(f"x{serial}l{n}")
            if rng.random() < 0.3:
                lines.append(f"    opportunity: {_quoted(rng)} [priority=high]")
            if rng.random() < 0.2:
                lines.append(f"    metric m: {_quoted(rng)}")
    for _ in range(rng.randint(0, 4)):
        arrow = rng.choice(["->", "-->"])
        lines.append(f"{rng.choice(ends)} {arrow} {rng.choice(ends)}: {_quoted(rng)}")
    for _ in range(rng.randint(0, 2)):
        where = rng.randrange(len(lines) + 1)
        lines.insert(where, "# " + _text(rng).translate({ord(c): None for c in CONTROL}))
    return "\n".join(lines).encode("utf-8")


def grammar_input(rng: random.Random) -> bytes:
    """A plausible `.journey` file: keyword statements in a rough block order."""
    from journeymap.language.keywords import KEYWORDS

    names = sorted(KEYWORDS)
    lines = []
    if rng.random() < 0.8:
        lines.append(f"journey: {_value(rng)}")
    for _ in range(rng.randint(1, 30)):
        roll = rng.random()
        indent = " " * rng.choice([0, 2, 4])
        if roll < 0.08:
            arrow = rng.choice(["->", "-->"])
            lines.append(f"{rng.choice(IDS)} {arrow} {rng.choice(IDS)}: {_text(rng)}")
            continue
        if roll < 0.11:
            lines.append(f'include "{rng.choice(INCLUDES)}"')
            continue
        if roll < 0.15:
            lines.append(indent + "# " + _text(rng))
            continue
        if roll < 0.45:
            keyword = rng.choice(["stage", "step", "step", "persona", "channel", "team"])
        else:
            keyword = rng.choice(names)
        head = keyword
        if rng.random() < 0.6 or keyword in {"persona", "channel", "team", "metric"}:
            head += " " + rng.choice(IDS)
        if keyword == "emotion":
            value = f"{rng.choice(['-2', '+1', '0', '3', 'x'])} {_text(rng)}"
        elif keyword == "count":
            value = rng.choice(["12000", "0", "-1", "1e3"])
        else:
            value = _value(rng)
        line = f"{indent}{head}: {value}"
        if rng.random() < 0.35:
            line += _attributes(rng)
        if rng.random() < 0.05:
            line += " # " + _text(rng)
        lines.append(line)
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    return newline.join(lines).encode("utf-8", "surrogatepass")


def byte_mutation(rng: random.Random, data: bytes) -> bytes:
    """`data` with a few bytes flipped, inserted, deleted or duplicated."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        where = rng.randrange(len(out) + 1)
        op = rng.randrange(4)
        if op == 0 and out and where < len(out):
            out[where] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[where:where] = bytes([rng.choice(b':[]"#\\=,->\n \t\x00\xff\xc3')])
        elif op == 2 and out:
            del out[where : where + rng.randint(1, 16)]
        else:
            length = rng.randint(1, 64)
            out[where:where] = out[where : where + length]
    return bytes(out)


def line_mutation(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """`data` with lines dropped, duplicated, swapped, taken from `other`, or made hostile."""
    lines = data.split(b"\n")
    donor = other.split(b"\n")
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(len(lines))
        op = rng.randrange(5)
        if op == 0 and len(lines) > 1:
            del lines[where]
        elif op == 1:
            lines.insert(where, lines[where])
        elif op == 2:
            there = rng.randrange(len(lines))
            lines[where], lines[there] = lines[there], lines[where]
        elif op == 3:
            lines.insert(where, rng.choice(donor))
        else:
            line = lines[where]
            cut = line.find(b":") + 1 or len(line)
            hostile = (" " + _value(rng)).encode("utf-8")
            lines[where] = line[:cut] + hostile
    return b"\n".join(lines)


def make_input(seed: int, index: int, sources: list[bytes]) -> bytes:
    """Input number `index` of the run with `seed`: the same bytes on every machine."""
    rng = random.Random(f"{seed}:{index}")
    kind = index % 4
    if kind == 0 or not sources:
        return structured_input(rng) if rng.random() < 0.75 else grammar_input(rng)
    if kind == 3:
        return structured_input(rng)
    source = rng.choice(sources)
    if kind == 1:
        return byte_mutation(rng, source)
    return line_mutation(rng, source, rng.choice(sources))


def make_case(target: str, seed: int, index: int, sources: list[bytes]) -> bytes:
    """Input `index` of `target` in the run with `seed`: the same bytes on every machine."""
    if target == "journey":
        return make_input(seed, index, sources)
    import targets  # fuzz/targets.py, beside this file

    rng = random.Random(f"{seed}:{target}:{index}")
    return targets.TARGETS[target][0](rng, sources)


@dataclass
class Outcome:
    """What one input did."""

    index: int
    compiled: bool = False
    rendered: bool = False
    failure: str | None = None


def check_case(target: str, data: bytes, index: int, render: bool) -> Outcome:
    """Run one input of `target` through the tool; a failure is an exception or broken promise."""
    if target == "journey":
        return check_input(data, index, render)
    import targets  # fuzz/targets.py, beside this file

    outcome = Outcome(index)
    try:
        compiled, rendered = targets.TARGETS[target][1](data, render, Path.cwd())
        outcome.compiled, outcome.rendered = compiled, bool(rendered)
    except targets.Leak as leak:
        outcome.failure = str(leak)
    except Exception:
        outcome.failure = traceback.format_exc()
    return outcome


def check_input(data: bytes, index: int, render: bool) -> Outcome:
    """Run one input through the tool; a failure is any exception or broken promise."""
    import targets  # fuzz/targets.py: the canary check

    from journeymap.compiler.load import compile_bytes
    from journeymap.emit.mermaid import to_mermaid
    from journeymap.emit.pipeline import render as draw
    from journeymap.language.format import format_bytes
    from tests.security.inert import svg_problems

    outcome = Outcome(index)
    try:
        result = compile_bytes(data, name="fuzz.journey", root=os.getcwd())
        targets.no_canary("a diagnostic", targets.diagnostics_text(result.diagnostics))
        outcome.compiled = result.journey is not None and not result.has_errors
        formatted = format_bytes(data, "fuzz.journey")  # raises FormatError on a meaning change
        if formatted.text is not None:
            assert format_bytes(formatted.text.encode("utf-8"), "f").text == formatted.text
        if outcome.compiled and render and result.journey is not None:
            journey = result.journey
            for view in ("map", "blueprint"):
                svg = draw(journey, view=view)
                assert isinstance(svg, str)
                problems = svg_problems(svg)
                assert not problems, f"{view} SVG is not inert: {problems[:3]}"
                targets.no_canary(f"the {view} SVG", svg)
            for out in (
                draw(journey, format="json"),
                draw(journey, format="dot"),
                draw(journey, view="blueprint", format="dot"),
                to_mermaid(journey),
            ):
                targets.no_canary("a text output", out)
            outcome.rendered = True
    except targets.Leak as leak:
        outcome.failure = str(leak)
    except Exception:
        outcome.failure = traceback.format_exc()
    return outcome


def _worker(conn: Connection, seed: int, render_every: int, target: str) -> None:
    # Removed when the worker is told to stop (a worker killed for a hang leaves its own).
    with tempfile.TemporaryDirectory(prefix="jm-fuzz-") as sandbox:
        sys.path.insert(0, str(REPO))
        sys.path.insert(0, str(REPO / "fuzz"))
        import targets  # fuzz/targets.py, now importable

        # Includes, themes and git resolve inside the sandbox's project, beside the secrets.
        os.chdir(targets.make_sandbox(Path(sandbox)))
        sources = corpus()
        while True:
            index = conn.recv()
            if index is None:
                os.chdir(REPO)  # out of the sandbox, so it can be removed
                return
            data = make_case(target, seed, index, sources)
            conn.send(check_case(target, data, index, index % render_every == 0))


@dataclass
class Tally:
    """The run's counts."""

    inputs: int = 0
    compiled: int = 0
    rendered: int = 0
    exceptions: int = 0
    hangs: int = 0
    leaks: int = 0
    failures: list[int] = field(default_factory=list)


_SUFFIXES = {"journey": ".journey", "theme": ".toml", "json": ".json", "mermaid": ".mmd"}


def _save(seed: int, index: int, why: str, sources: list[bytes], target: str) -> None:
    data = make_case(target, seed, index, sources)
    CRASHES.mkdir(parents=True, exist_ok=True)
    prefix = "" if target == "journey" else f"{target}-"
    name = f"{prefix}{seed}-{index}-{hashlib.sha256(data).hexdigest()[:12]}"
    (CRASHES / f"{name}{_SUFFIXES.get(target, '.args')}").write_bytes(data)
    (CRASHES / f"{name}.txt").write_text(why, encoding="utf-8")


class _Slot:
    """One worker process and the input it is working on."""

    def __init__(self, seed: int, render_every: int, target: str) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker, args=(child, seed, render_every, target), daemon=True
        )
        self.process.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int) -> None:
        self.index, self.started = index, time.monotonic()
        self.conn.send(index)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()


def run(
    count: int,
    *,
    start: int = 0,
    seed: int = 1,
    workers: int = 2,
    timeout: float = 5.0,
    render_every: int = 1,
    save: bool = True,
    target: str = "journey",
) -> Tally:
    """Check inputs `start` .. `start + count - 1`; failing inputs go to fuzz/crashes/."""
    tally = Tally()
    sources = corpus()
    todo = iter(range(start, start + count))
    slots = [_Slot(seed, render_every, target) for _ in range(max(1, workers))]
    retried: set[int] = set()
    for slot in slots:
        nxt = next(todo, None)
        if nxt is not None:
            slot.give(nxt)
    # The first input of each worker also pays for imports; allow for that.
    grace = time.monotonic() + 30.0
    while any(slot.index is not None for slot in slots):
        busy = [slot for slot in slots if slot.index is not None]
        ready = wait([slot.conn for slot in busy], timeout=0.25)
        now = time.monotonic()
        for position, slot in enumerate(slots):
            if slot.index is None:
                continue
            finished = slot.conn in ready
            outcome: Outcome | None = None
            if finished:
                try:
                    outcome = slot.conn.recv()
                except EOFError:
                    outcome = Outcome(slot.index, failure="worker died")
            elif now - slot.started > timeout and now > grace:
                index = slot.index
                slot.kill()
                slots[position] = slot = _Slot(seed, render_every, target)
                grace = max(grace, time.monotonic() + 10.0)
                if index not in retried:
                    # A loaded machine can stall any input: a hang is one that takes
                    # too long twice, the second time in a fresh worker.
                    retried.add(index)
                    slot.give(index)
                    continue
                outcome = Outcome(index, failure=f"hang: over {timeout} s, twice")
            else:
                continue
            assert outcome is not None
            tally.inputs += 1
            tally.compiled += outcome.compiled
            tally.rendered += outcome.rendered
            if outcome.failure is not None:
                if outcome.failure.startswith("hang"):
                    tally.hangs += 1
                elif outcome.failure.startswith("leak"):
                    tally.leaks += 1
                else:
                    tally.exceptions += 1
                tally.failures.append(outcome.index)
                if save:
                    _save(seed, outcome.index, outcome.failure, sources, target)
            slot.index = None
            nxt = next(todo, None)
            if nxt is not None:
                slot.give(nxt)
    for slot in slots:
        slot.conn.send(None)
        slot.process.join(timeout=5)
    return tally


def main(argv: list[str] | None = None) -> int:
    """Command line: run, print the figures, exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=2000, help="how many inputs")
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds before a hang")
    parser.add_argument("--render-every", type=int, default=1, help="render every Nth input")
    parser.add_argument("--progress", type=int, default=0, help="print figures every N inputs")
    parser.add_argument(
        "--target", choices=TARGET_NAMES, default="journey", help="what kind of input to make"
    )
    args = parser.parse_args(argv)
    began = time.monotonic()
    total = Tally()
    chunk = args.progress or args.count
    for first in range(args.start, args.start + args.count, chunk):
        size = min(chunk, args.start + args.count - first)
        part = run(
            size,
            start=first,
            seed=args.seed,
            workers=args.workers,
            timeout=args.timeout,
            render_every=args.render_every,
            target=args.target,
        )
        for name in ("inputs", "compiled", "rendered", "exceptions", "hangs", "leaks"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
        total.failures += part.failures
        seconds = time.monotonic() - began
        print(
            f"target={args.target} seed={args.seed} start={args.start} inputs={total.inputs} "
            f"compiled={total.compiled} rendered={total.rendered} "
            f"exceptions={total.exceptions} hangs={total.hangs} leaks={total.leaks} "
            f"seconds={seconds:.1f} rate={total.inputs / max(seconds, 1e-9):.1f}/s",
            flush=True,
        )
    if total.failures:
        print(f"failing inputs: {total.failures[:50]} (see {CRASHES})")
    return 1 if total.failures else 0


if __name__ == "__main__":
    sys.exit(main())
