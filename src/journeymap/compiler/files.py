"""Reading `.journey` files from disk, and the include sandbox (LANGUAGE.md section 7).

Includes resolve relative to the including file and must stay inside the
root (the main file's directory unless the user names another): absolute
paths, `..` escapes and symbolic links that lead outside are refused, and so
is anything that is not a regular file (a directory, a FIFO, a device).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from journeymap.language.journey_source import NOT_A_SOURCE_HINT, is_journey_source
from journeymap.language.source import MAX_FILE_BYTES, decode
from journeymap.model.diagnostics import Collector, Location

MAX_INCLUDE_DEPTH = 16


class SourceText:
    """A file's checked text, the name it is shown by, and its real path."""

    __slots__ = ("display", "real", "text")

    def __init__(self, display: str, real: Path | None, text: str) -> None:
        self.display, self.real, self.text = display, real, text


def read_path(
    path: Path, display: str, diagnostics: Collector, where: Location | None = None
) -> SourceText | None:
    """Read and check one file; report (at `where`, or at the file) why not.

    A file that is not a journey source (`journeymap.language.journey_source`)
    gets one error naming it: none of its text reaches a diagnostic.
    """
    at = where or Location(display)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        diagnostics.error("E007", f"cannot read `{display}`: no such file", at)
        return None
    except OSError as exc:
        diagnostics.error("E007", f"cannot read `{display}`: {exc.strerror or exc}", at)
        return None
    if stat.S_ISDIR(info.st_mode):
        diagnostics.error(
            "E007", f"cannot read `{display}`: it is a directory", at, "give a .journey file"
        )
        return None
    if not stat.S_ISREG(info.st_mode):
        diagnostics.error(
            "E007",
            f"cannot read `{display}`: it is not a regular file",
            at,
            "devices, FIFOs and sockets are not read",
        )
        return None
    if info.st_size > MAX_FILE_BYTES:
        diagnostics.error(
            "E005",
            f"`{display}` is too large ({info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
            at,
            "split the journey into files joined with `include`",
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error("E007", f"cannot read `{display}`: {exc.strerror or exc}", at)
        return None
    if not is_journey_source(data):
        diagnostics.error("E008", f"`{display}` is not a journey source", at, NOT_A_SOURCE_HINT)
        return None
    text = decode(data, display, diagnostics)
    if text is None:
        return None
    return SourceText(display, path.resolve(), text)


def resolve_include(
    target: str, including: SourceText, root: Path, diagnostics: Collector, where: Location
) -> tuple[Path, str] | None:
    """The real path and display name of an include, or None after a diagnostic."""
    if (
        os.path.isabs(target)
        or target.startswith(("/", "\\"))
        or (len(target) > 1 and target[1] == ":")
    ):
        diagnostics.error(
            "E401",
            f"include path `{target}` is absolute",
            where,
            "write the path relative to the including file",
        )
        return None
    base = including.real.parent if including.real else Path.cwd()
    candidate = base / target
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError):
        diagnostics.error("E405", f"cannot resolve include path `{target}`", where)
        return None
    root_real = root.resolve()
    if real != root_real and root_real not in real.parents:
        diagnostics.error(
            "E402",
            f"include path `{target}` leads outside the root `{root}`",
            where,
            "includes may only read files below the main file's directory "
            "(or the directory given with --root)",
        )
        return None
    display_dir = os.path.dirname(including.display)
    display = (
        os.path.normpath(os.path.join(display_dir, target))
        if display_dir
        else (os.path.normpath(target))
    )
    return real, display
