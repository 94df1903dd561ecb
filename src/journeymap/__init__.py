"""journeymap: customer journey maps, service blueprints and touchpoint matrices as code.

The names below are imported on first use (PEP 562): the command line
imports this package before anything else, and importing them here would
load the compiler and the drawing code into every command (`check` draws
nothing; `--version` compiles nothing).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from journeymap._version import __version__

if TYPE_CHECKING:
    from journeymap.compiler.load import Compiled, compile_file, compile_string, load, loads
    from journeymap.emit.pipeline import render, to_json
    from journeymap.model.diagnostics import Diagnostic, JourneyError, Location, Severity
    from journeymap.model.journey import (
        Channel,
        Emotion,
        Flow,
        Journey,
        LaneItem,
        Lanes,
        Opportunity,
        Persona,
        Stage,
        Step,
        Team,
        Touchpoint,
    )

_HOMES = {
    "journeymap.compiler.load": (
        "Compiled",
        "compile_file",
        "compile_string",
        "load",
        "loads",
    ),
    "journeymap.emit.pipeline": ("render", "to_json"),
    "journeymap.model.diagnostics": ("Diagnostic", "JourneyError", "Location", "Severity"),
    "journeymap.model.journey": (
        "Channel",
        "Emotion",
        "Flow",
        "Journey",
        "LaneItem",
        "Lanes",
        "Opportunity",
        "Persona",
        "Stage",
        "Step",
        "Team",
        "Touchpoint",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "Channel",
    "Compiled",
    "Diagnostic",
    "Emotion",
    "Flow",
    "Journey",
    "JourneyError",
    "LaneItem",
    "Lanes",
    "Location",
    "Opportunity",
    "Persona",
    "Severity",
    "Stage",
    "Step",
    "Team",
    "Touchpoint",
    "__version__",
    "compile_file",
    "compile_string",
    "load",
    "loads",
    "render",
    "to_json",
]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
