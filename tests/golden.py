"""Golden files: compare output with a committed file; one switch accepts new output.

`JOURNEYMAP_UPDATE_GOLDENS=1` rewrites the goldens. On a mismatch the new
output is written beside the golden as `NAME.got.EXT` (git ignores those) and
the test fails with a unified diff. A golden is a claim: look at it (render
SVG goldens to PNG) before accepting it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

UPDATE = os.environ.get("JOURNEYMAP_UPDATE_GOLDENS") == "1"


def check_golden(golden: Path, got: str) -> None:
    """Fail with a readable diff unless `got` equals the golden file's text."""
    got_path = golden.with_name(f"{golden.stem}.got{golden.suffix}")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if got == expected:
        got_path.unlink(missing_ok=True)
        return
    got_path.write_text(got, encoding="utf-8", newline="\n")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            got.splitlines(keepends=True),
            str(golden),
            str(got_path),
        )
    )
    pytest.fail(
        f"{golden.name} differs (JOURNEYMAP_UPDATE_GOLDENS=1 accepts the new output):\n"
        f"{diff[:4000]}"
    )
