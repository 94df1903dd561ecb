"""One side of a diff, from wherever it lives: a file, standard input, `REV:path`, or nothing.

`/dev/null` (what git passes for a file that does not exist on one side)
and `NUL` stand for the empty journey, so a new file diffs as all-added.
"""

from __future__ import annotations

from pathlib import Path

from journeymap.analysis.diff.gitrev import RevisionError, is_revision, read_revision, worktree_path
from journeymap.compiler import compile_text
from journeymap.compiler.load import Compiled, compile_bytes, compile_file
from journeymap.language.journey_source import NOT_A_SOURCE_HINT, is_journey_source
from journeymap.language.source import decode
from journeymap.model.diagnostics import Collector, Location
from journeymap.model.journey import Journey

NOTHING = ("/dev/null", "NUL")


def load_side(argument: str, *, root: str | None = None, stdin: bytes | None = None) -> Compiled:
    """Compile one diff argument; problems come back as diagnostics, never raised."""
    if argument in NOTHING:
        return Compiled(argument, Journey(), [])
    if argument == "-":
        return compile_bytes(stdin or b"", name="<stdin>", root=root)
    if not is_revision(argument):
        return compile_file(argument, root=root)
    diagnostics = Collector()
    try:
        data = read_revision(argument)
    except RevisionError as exc:
        diagnostics.error("E007", str(exc), Location(argument))
        return Compiled(argument, None, diagnostics.sorted())
    if not is_journey_source(data):
        diagnostics.error(
            "E008", f"`{argument}` is not a journey source", Location(argument), NOT_A_SOURCE_HINT
        )
        return Compiled(argument, None, diagnostics.sorted())
    if data.lstrip().startswith(b"{"):
        return compile_bytes(data, name=argument, root=root)  # a JSON model
    text = decode(data, argument, diagnostics)
    if text is None:
        return Compiled(argument, None, diagnostics.sorted())
    # Includes are read from the working tree, beside where the file lives now:
    # a revision's includes are not checked out anywhere.
    real = worktree_path(argument)
    base = Path(root) if root is not None else (real.parent if real else Path.cwd())
    journey = compile_text(text, argument, diagnostics, root=base, real=real)
    return Compiled(argument, journey, diagnostics.sorted())
