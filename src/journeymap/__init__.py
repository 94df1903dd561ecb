"""journeymap: customer journey maps, service blueprints and touchpoint matrices as code."""

from journeymap._version import __version__
from journeymap.api import Compiled, compile_file, compile_string, load, loads, to_json
from journeymap.diagnostics import Diagnostic, JourneyError, Location, Severity
from journeymap.model import (
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
    "to_json",
]
