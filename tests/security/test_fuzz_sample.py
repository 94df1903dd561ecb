"""The CI sample of the fuzz harness (fuzz/harness.py): 2,000 inputs, no failure, no hang.

The full run is `python fuzz/harness.py --count 100000` (fuzz/README.md).
To stay within CI time, the sample compiles and formats every input but
renders only every 20th input, when it compiles (`--render-every 20`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_two_thousand_fuzz_inputs_give_no_failure(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(REPO / "fuzz" / "harness.py"),
            "--count",
            "2000",
            "--seed",
            "2",
            "--render-every",
            "20",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        # The harness's workers each make a sandbox with mkdtemp and leave it; here it is ours.
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "inputs=2000 " in run.stdout and "exceptions=0 hangs=0" in run.stdout, run.stdout
