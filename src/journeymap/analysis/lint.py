"""Lint a compiled journey: run the rules of `lint_rules` and return located warnings.

Rules read the model only (DESIGN.md: lint is rules over the model), so a
JSON model is linted like `.journey` source. Silencing is applied here, from
a set of codes for the whole run and from the `(file, line)` map that
`ignores.silenced_lines` reads from the source's end-of-line comments.
"""

from __future__ import annotations

from collections.abc import Mapping

from journeymap.analysis.lint_rules import RULES, Finding
from journeymap.model.diagnostics import Diagnostic, Location, Severity
from journeymap.model.journey import Journey, Origin

Silenced = Mapping[tuple[str, int], frozenset[str]]
"""(file, line) -> codes silenced there; line 0 is the whole file."""

_NO_SILENCES: Silenced = {}


def first_file(journey: Journey) -> str:
    """The file of the journey's first object with an origin (the main file, in practice)."""
    groups: tuple[tuple[object, ...], ...] = (
        journey.personas,
        journey.channels,
        journey.teams,
        journey.stages,
        journey.steps(),
        journey.flows,
    )
    origins = [getattr(item, "origin", None) for group in groups for item in group]
    found = [origin for origin in origins if isinstance(origin, Origin)]
    return min(found, key=lambda o: o.line).file if found else "<journey>"


def is_silenced(diagnostic: Diagnostic, ignore: frozenset[str], silenced: Silenced) -> bool:
    """Whether a warning is switched off for the run (`ignore`) or for its line.

    Errors are never silenced: a file with errors has no journey to draw.
    """
    if diagnostic.severity is not Severity.WARNING:
        return False
    if diagnostic.code in ignore:
        return True
    where = diagnostic.location
    return diagnostic.code in silenced.get((where.file, where.line), frozenset())


def _diagnostic(finding: Finding, main_file: str) -> Diagnostic:
    origin = finding.origin
    location = Location(origin.file, origin.line) if origin else Location(main_file)
    return Diagnostic(Severity.WARNING, finding.code, finding.message, location, finding.hint)


def lint(
    journey: Journey,
    *,
    ignore: frozenset[str] = frozenset(),
    silenced: Silenced = _NO_SILENCES,
    main_file: str | None = None,
) -> list[Diagnostic]:
    """Every rule's warnings for `journey`, in rule order, minus the silenced ones.

    `main_file` locates file-wide warnings (default: the file of the first
    declaration). Diagnostics carry no source line; `check_file` adds them.
    """
    where = main_file or first_file(journey)
    found = [_diagnostic(finding, where) for rule in RULES for finding in rule(journey)]
    return [d for d in found if not is_silenced(d, ignore, silenced)]
