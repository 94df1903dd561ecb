"""The `journeymap-render` pre-commit hook: render sibling outputs, fail when one was written.

pre-commit fails a hook that modifies tracked files, but not one that creates
a file: a first SVG would be left untracked while the commit passes. So this
entry point writes only outputs that are missing or differ, names each, and
exits 1 when it wrote any (or an input has errors), 0 when all were current.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from journeymap.compiler import load
from journeymap.emit import formats, pipeline
from journeymap.emit.output import write_atomic
from journeymap.emit.staleness import default_target, draw_bytes, output_status
from journeymap.model.diagnostics import Diagnostic, format_all


def main(argv: Sequence[str] | None = None) -> int:
    """Render each FILE beside itself where the output is stale; 1 when anything changed."""
    parser = argparse.ArgumentParser(prog="journeymap-render", description=main.__doc__)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--view", choices=pipeline.VIEWS, default="map")
    parser.add_argument(
        "--format", dest="fmt", choices=("svg", "png", "json", "dot"), default="svg"
    )
    parser.add_argument("--theme", default=None)
    args = parser.parse_args(argv)
    # As for `render`: an option that does nothing for this view and format is a usage error.
    refused = formats.misapplied(("theme",) if args.theme else (), args.view, args.fmt)
    if refused is not None:
        parser.error(refused)
    diagnostics: list[Diagnostic] = []
    failed = False
    for name in args.files:
        compiled = load.compile_file(name)
        diagnostics.extend(compiled.diagnostics)
        if compiled.journey is None or compiled.has_errors:
            failed = True
            continue
        data = draw_bytes(
            compiled, view=args.view, fmt=args.fmt, theme=args.theme, diagnostics=diagnostics
        )
        if data is None:
            failed = True
            continue
        target = default_target(name, args.fmt)
        reason = output_status(target, data)
        if reason is not None:
            write_atomic(Path(target), data)
            print(f"{target}: rendered ({reason}); add it to the commit")
            failed = True
    if diagnostics:
        print(format_all(diagnostics), file=sys.stderr)
    return 1 if failed or any(d.is_error for d in diagnostics) else 0


if __name__ == "__main__":
    sys.exit(main())
