"""Analysis of a compiled journey: lint rules, the report, and the map's hot spots.

`lint` reads the model only and loads eagerly; the `check_*` entry points
(which compile and parse) load on first use, so that the map layout can
import the funnel maths without pulling in the compiler.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from journeymap.analysis.lint import lint

if TYPE_CHECKING:
    from journeymap.analysis.check import check_bytes, check_file, check_string

__all__ = ["check_bytes", "check_file", "check_string", "lint"]


def __getattr__(name: str) -> object:
    if name in ("check_bytes", "check_file", "check_string"):
        return getattr(import_module("journeymap.analysis.check"), name)
    raise AttributeError(f"module 'journeymap.analysis' has no attribute {name!r}")
