"""Helpers for the integration tests: run a tool in a subprocess with this interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

JOURNEY = """journey: Renew a passport
persona ana: Ana
stage apply: Apply
  step fill: Fills in the form
    touchpoint: Web form [channel=web, kind=digital]
    emotion: -1 Tedious
    pain: The photo rules are unclear
stage wait: Wait
  step track: Tracks the application
    touchpoint: Status page [kind=digital]
    emotion: +1 Relieved
"""

BROKEN = """journey: Broken
stage s: Start
  step a: Sees an ad
    pian: Slow
"""


def run_tool(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m …` with this interpreter, so the tool sees the journeymap under test.

    A subprocess rather than an import keeps the tool's own deprecation
    warnings out of pytest's warnings-are-errors filter.
    """
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )
