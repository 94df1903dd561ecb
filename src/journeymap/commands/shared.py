"""Options and checks that more than one command takes: what to draw, and the include root.

`render` and `serve` draw the same pictures, so they share these option
definitions (and so docs/cli.md words them the same way) and the checks that
turn a misspelt persona, stage or lane into a usage error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from journeymap.model import Journey

# Kept here rather than imported from journeymap.api so that --help is fast.
VIEWS = ("map", "blueprint", "matrix")

VIEW = click.option(
    "--view", type=click.Choice(VIEWS), default="map", show_default=True, help="What to draw."
)
THEME = click.option(
    "--theme",
    default=None,
    help="Theme name (default, dark, high-contrast, print) or a .toml path; "
    "overrides the file's `theme:`.",
)
PERSONAS = click.option("--personas", default=None, help="Comma-separated persona IDs to keep.")
STAGES = click.option("--stages", default=None, help="Comma-separated stage IDs to keep.")
LANES = click.option(
    "--lanes",
    default=None,
    help="Blueprint only: comma-separated lanes to keep "
    "(evidence, customer, frontstage, backstage, support, policy).",
)
ANNOTATE = click.option(
    "--annotate",
    is_flag=True,
    help="Map only: mark the hot spots of `journeymap report` (lowest emotions, pains "
    "with no opportunity).",
)
ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory that includes may not leave (default: the file's own).",
)


def names(value: str | None) -> tuple[str, ...] | None:
    """A comma-separated option as a tuple of names (None when the option was not given)."""
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def check_narrowing(
    journey: Journey, personas: tuple[str, ...] | None, stages: tuple[str, ...] | None
) -> None:
    """A usage error for a persona or stage that `journey` lacks: it would draw nothing."""
    _check_names("--personas", personas, [p.id for p in journey.personas])
    _check_names("--stages", stages, [s.id for s in journey.stages if s.id])


def _check_names(option: str, wanted: tuple[str, ...] | None, known: list[str]) -> None:
    from journeymap.compiler.values import did_you_mean

    for name in wanted or ():
        if name not in known:
            suggestion = did_you_mean(name, known)
            hint = f"; did you mean `{suggestion}`?" if suggestion else ""
            listed = ", ".join(known) or "none"
            raise click.UsageError(f"{option}: no `{name}` in this journey (it has {listed}){hint}")


def check_lanes(lanes: tuple[str, ...] | None) -> None:
    """A usage error for a lane name the blueprint does not have."""
    from journeymap.compiler.values import did_you_mean
    from journeymap.model import LANES

    for lane in lanes or ():
        if lane not in LANES:
            suggestion = did_you_mean(lane, LANES)
            hint = f"; did you mean `{suggestion}`?" if suggestion else ""
            raise click.UsageError(
                f"--lanes: no lane `{lane}` (the lanes are {', '.join(LANES)}){hint}"
            )
