"""Byte-identical output across processes, PYTHONHASHSEED values and locales."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).parent / "hostile.txt"

_PROGRAM = """
import hashlib, sys
from journeymap.compiler.load import loads
from journeymap.emit.pipeline import render
journey = loads(open(sys.argv[1], encoding="utf-8").read(), name="hostile.journey")
for view, fmt in [("map", "svg"), ("blueprint", "svg"), ("map", "json"), ("map", "dot"),
                  ("blueprint", "dot")]:
    out = render(journey, view=view, format=fmt)
    data = out.encode("utf-8") if isinstance(out, str) else out
    print(view, fmt, hashlib.sha256(data).hexdigest())
"""


def _digests(locale: str, seed: str) -> str:
    env = {**os.environ, "LC_ALL": locale, "LANG": locale, "PYTHONHASHSEED": seed}
    env["PYTHONIOENCODING"] = "utf-8"
    run = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(SOURCE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return run.stdout


@pytest.mark.slow
def test_output_is_identical_across_locales_and_hash_seeds() -> None:
    runs = {
        (locale, seed): _digests(locale, seed)
        for locale, seed in [("C", "0"), ("C.UTF-8", "1"), ("C", "12345"), ("C.UTF-8", "random")]
    }
    first = next(iter(runs.values()))
    assert first.count("\n") == 5
    assert all(out == first for out in runs.values()), runs
