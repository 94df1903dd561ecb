"""Options and checks that more than one command takes: what to draw, and the include root.

`render` and `serve` draw the same pictures, so they share these option
definitions (and so docs/cli.md words them the same way) and the checks that
turn a misspelt persona, stage or lane into a usage error (the checks
themselves live in the click-free `journeymap.cli.run`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from journeymap.cli import run as plain_run
from journeymap.cli.run import usage_errors
from journeymap.emit import formats

if TYPE_CHECKING:
    from journeymap.model.journey import Journey

VIEWS = tuple(formats.VIEWS)

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
JOBS = click.option(
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Directory mode: worker processes (default: one per CPU); the output is the same "
    "for any number.",
)
SHARD = click.option(
    "--shard",
    default=None,
    metavar="I/N",
    help="CI: take only shard I of N (I from 1), chosen by a stable hash of each file's path "
    "relative to its directory (docs/ci.md).",
)
DATA = click.option(
    "--data",
    "data",
    multiple=True,
    metavar="FILE[:KEY=COLUMN,…]",
    help="Figures from a CSV, TSV or JSON export, as a `data` statement reads them "
    "(repeatable; later files win): `--data pages.csv:id=page_path,count=sessions`.",
)
ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory that includes and the file's own theme may not leave "
    "(default: the file's own).",
)


def check_narrowing(
    journey: Journey, personas: tuple[str, ...] | None, stages: tuple[str, ...] | None
) -> None:
    """A usage error for a persona or stage that `journey` lacks: it would draw nothing."""
    with usage_errors(click.UsageError):
        plain_run.check_narrowing(journey, personas, stages)


def check_lanes(lanes: tuple[str, ...] | None) -> None:
    """A usage error for a lane name the blueprint does not have."""
    with usage_errors(click.UsageError):
        plain_run.check_lanes(lanes)
