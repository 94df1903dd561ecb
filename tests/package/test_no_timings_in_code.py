"""No comment or docstring in the package quotes a timing: figures live in docs/performance.md.

A timing written beside the code goes stale with the next change to the
code or the machine, and tempts a reader to trust it; the benchmark in
bench/ measures, and docs/performance.md says what it measured and when.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "journeymap"

# "3.5 ms", "0.2 µs", "30ms", "milliseconds", "microseconds", "nanoseconds".
TIMING = re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns)\b|\b(?:milli|micro|nano)seconds?\b")


def timings_in(source: str) -> list[tuple[int, str]]:
    """(line, text) of each comment or string that quotes a timing."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.STRING) and TIMING.search(token.string):
            found.append((token.start[0], token.string.strip()[:80]))
    return found


def test_no_comment_or_docstring_quotes_a_timing() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix(): hits
        for path in sorted(PACKAGE.rglob("*.py"))
        if (hits := timings_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_sees_a_timing() -> None:
    source = 'x = 1  # this took 3.5 ms\ndef f():\n    """About 30 microseconds."""\n'
    assert [line for line, _ in timings_in(source)] == [1, 3]
    assert timings_in("y = 2  # a tenth of the work\n") == []
