"""Analysis of a compiled journey: lint rules, the report, the map's hot spots, the diff.

`lint` reads the model only; `check_file`, `check_string` and `check_bytes`
compile an input and lint it, as `journeymap check` does.
"""

from __future__ import annotations

from journeymap.analysis.check import check_bytes, check_file, check_string
from journeymap.analysis.lint import lint

__all__ = ["check_bytes", "check_file", "check_string", "lint"]
