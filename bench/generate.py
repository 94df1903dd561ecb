"""Generate synthetic but realistic `.journey` files of a given size, for benchmarks.

Deterministic: the same size gives the same text. Every step carries what a
real map has (touchpoints, thoughts, an emotion per persona, pains,
opportunities, blueprint lanes) and every few steps a flow, so parse,
compile and layout times reflect real files rather than a list of names.

    python bench/generate.py 1000 > big.journey
"""

from __future__ import annotations

import random
import sys

_VERBS = [
    "Opens",
    "Compares",
    "Reads",
    "Fills in",
    "Uploads",
    "Waits for",
    "Calls",
    "Pays",
    "Checks",
    "Confirms",
    "Downloads",
    "Books",
    "Cancels",
    "Reviews",
    "Shares",
]
_THINGS = [
    "the offer",
    "the app",
    "the form",
    "a receipt",
    "the delivery slot",
    "a photo ID",
    "the invoice",
    "the status page",
    "an email",
    "the contract",
    "the plan",
]
_FEELINGS = ["Curious", "Tedious", "Anxious", "Relieved", "Confused", "Pleased", "Annoyed"]
_CHANNELS = [
    ("web", "Website", "digital"),
    ("app", "Mobile app", "digital"),
    ("phone", "Phone line", "human"),
    ("store", "Store", "physical"),
]
_TEAMS = [("growth", "Growth"), ("ops", "Operations"), ("support", "Customer support")]
STEPS_PER_STAGE = 8


_MAP_ONLY = ("touchpoint", "think", "emotion", "pain", "opportunity", "metric", "count")


def generate(steps: int, seed: int = 7, *, lanes_only: bool = False) -> str:
    """A journey with `steps` steps (and `steps * 13`-odd lines).

    `lanes_only` keeps what a blueprint draws (stages, steps, the four lanes
    and the flows) and leaves out the map's rows: the content of the D2 grid
    and of our DOT, so those peers and we are given the same journey.
    """
    rng = random.Random(seed)
    out = [
        f"# Synthetic journey with {steps} steps (bench/generate.py)",
        f"journey: Synthetic journey, {steps} steps",
        "description: Generated for benchmarks; every step has the rows a real map has.",
        "persona ana: Ana",
        "  role: Returning customer",
        "  goal: Get it done in one sitting",
        "persona ben: Ben",
        "  need: A clear price",
    ]
    out += [f"channel {cid}: {name} [kind={kind}]" for cid, name, kind in _CHANNELS]
    out += [f"team {tid}: {name}" for tid, name in _TEAMS]
    for n in range(steps):
        if n % STEPS_PER_STAGE == 0:
            stage = n // STEPS_PER_STAGE
            out += ["", f"stage s{stage}: Stage {stage + 1}", f"  count: {10000 - stage * 7}"]
        channel = rng.choice(_CHANNELS)[0]
        team = rng.choice(_TEAMS)[0]
        action = f"{rng.choice(_VERBS)} {rng.choice(_THINGS)}"
        flags = " [moment-of-truth]" if n % 11 == 0 else ""
        out += [
            f"  step p{n}: {action}{flags}",
            f"    touchpoint t{n}: {rng.choice(_THINGS).capitalize()} "
            f"[channel={channel}, tier=primary, owner={team}]",
            f"    think: Is {rng.choice(_THINGS)} worth it?",
            f"    emotion: {rng.randint(-2, 2):+d} {rng.choice(_FEELINGS)} [persona=ana]",
            f"    emotion: {rng.randint(-2, 2):+d} {rng.choice(_FEELINGS)} [persona=ben]",
            f"    pain: {rng.choice(_THINGS).capitalize()} takes too long # noted in interviews",
            f"    opportunity: Simplify {rng.choice(_THINGS)} [owner={team}, priority=medium]",
            f"    customer: {action}",
            f"    frontstage f{n}: Staff confirm {rng.choice(_THINGS)} [owner={team}]",
            f"    backstage b{n}: System records {rng.choice(_THINGS)} [owner=ops, duration=2m]",
            f"    support u{n}: Records service [system=CRM]",
            f"    metric csat: {rng.randint(30, 50) / 10}/5",
        ]
        if n % 3 == 0:
            out.append(f"f{n} -> b{n}: Hands over")
        if n % 5 == 0:
            out.append(f"b{n} --> u{n}: Syncs")
    if lanes_only:
        out = [line for line in out if line.lstrip().split(" ")[0].rstrip(":") not in _MAP_ONLY]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
