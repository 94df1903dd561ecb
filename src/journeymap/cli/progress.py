"""A one-line progress bar on standard error, shown only to a person at a terminal.

Directory mode reports progress through a callback; this is the callback the
CLI passes when stderr is a terminal and `CI` is not set, so CI logs and pipes
stay free of carriage returns: there, `summary` is the one line printed, at
the end. No dependency: a bar is a few characters.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import TextIO

BAR_WIDTH = 24
"""Cells of the bar; the file name takes what is left of the terminal line."""


def wanted(stream: TextIO | None = None) -> bool:
    """True when `stream` (default stderr) is a terminal and this is not a CI run."""
    stream = stream or sys.stderr
    if os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressBar:
    """`bar(done, total, name)` redraws the line; `bar.close()` clears it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, name: str) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        left = time_left(time.monotonic() - self.started, done, total)
        head = f"[{bar}] {done}/{total}{left} "
        columns = shutil.get_terminal_size().columns - 1
        # Clip to the terminal, or a wrapped line could not be redrawn in place; a long
        # path loses its start, so that the file's own name stays in view.
        room = max(columns - len(head), 1)
        if len(name) > room:
            name = "…" + name[len(name) - room + 1 :] if room > 1 else ""
        self.stream.write("\r" + (head + name)[:columns].ljust(columns))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            columns = shutil.get_terminal_size().columns - 1
            self.stream.write("\r" + " " * columns + "\r")
            self.stream.flush()
            self.shown = False


def time_left(elapsed: float, done: int, total: int) -> str:
    """` ~12s left` from the pace so far; nothing before the first file or after the last."""
    if done <= 0 or done >= total:
        return ""
    seconds = elapsed / done * (total - done)
    if seconds >= 60:
        return f" ~{int(seconds // 60)}m{int(seconds % 60):02d}s left"
    return f" ~{seconds:.0f}s left"


def summary(counts: list[tuple[int, str]], seconds: float) -> str:
    """The one line a directory-mode run ends with: `12 checked, 1 failed in 0.8 s`."""
    return ", ".join(f"{n} {what}" for n, what in counts) + f" in {seconds:.1f} s"


def progress_bar(stream: TextIO | None = None) -> ProgressBar | None:
    """A bar for `stream` (default stderr), or None where a bar is not wanted."""
    return ProgressBar(stream) if wanted(stream) else None
