"""The CI sample of the fuzz harness (fuzz/harness.py): every input kind, no failure, no hang,
no leak.

The full runs are `python fuzz/harness.py --target T --count 100000` for each
target (fuzz/README.md). To stay within CI time the sample is smaller: 2,000
`.journey` inputs of seed 2, compiled and formatted, every 20th drawn when it
compiles (`--render-every 20`); 400 inputs of seed 2 of each other target
(theme TOML, JSON models, Mermaid import, `diff` arguments), each drawn when
it loads. Each target runs once; one test checks its failures and hangs,
another its leaks (text of a file that is not a journey source in an output).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = {"journey": 2000, "theme": 400, "json": 400, "mermaid": 400, "diff": 400}
_FIGURES = re.compile(r"(\w+)=(\d+)(?= )")
_RUNS: dict[str, tuple[dict[str, int], str]] = {}


def _sample(target: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], str]:
    """The figures of the target's sample run (run once per session), and its output."""
    if target not in _RUNS:
        render_every = "20" if target == "journey" else "1"
        run = subprocess.run(
            [
                sys.executable,
                str(REPO / "fuzz" / "harness.py"),
                "--target",
                target,
                "--count",
                str(SAMPLES[target]),
                "--seed",
                "2",
                "--render-every",
                render_every,
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
            # The workers' sandboxes go below a folder of the test's own.
            env={**os.environ, "TMPDIR": str(tmp_path_factory.mktemp(f"fuzz-{target}"))},
        )
        lines = [line for line in run.stdout.splitlines() if line.startswith("target=")]
        assert lines, run.stdout + run.stderr
        figures = {key: int(value) for key, value in _FIGURES.findall(lines[-1] + " ")}
        _RUNS[target] = figures, run.stdout + run.stderr
    return _RUNS[target]


@pytest.mark.slow
@pytest.mark.parametrize(
    "target",
    [
        "journey",
        "theme",
        "json",
        "mermaid",
        "diff",
    ],
)
def test_a_sample_of_every_input_kind_gives_no_failure(
    target: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    figures, output = _sample(target, tmp_path_factory)
    assert figures["inputs"] == SAMPLES[target], output
    assert (figures["exceptions"], figures["hangs"]) == (0, 0), output
    assert figures["compiled"] > 0, output  # the sample gets past the parsers


@pytest.mark.slow
@pytest.mark.parametrize(
    "target",
    [
        "journey",
        "theme",
        "json",
        "mermaid",
        "diff",
    ],
)
def test_a_sample_of_every_input_kind_leaks_nothing(
    target: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    figures, output = _sample(target, tmp_path_factory)
    assert figures["inputs"] == SAMPLES[target], output
    assert figures["leaks"] == 0, output
