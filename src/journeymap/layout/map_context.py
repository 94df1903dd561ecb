"""What every part of the map layout shares: the journey, theme, grid and ids."""

import re
from typing import NamedTuple

from journeymap.layout.grid import Band, Column
from journeymap.layout.map_model import CurveStyle, Funnel, Visible
from journeymap.layout.scene import Item
from journeymap.layout.themes import Theme
from journeymap.model.journey import Attributes, Channel, Journey, Step
from journeymap.model.links import LINK_KEY, link_target

_NOT_ID = re.compile(r"[^\w.-]")


class Row(NamedTuple):
    """One laid-out row of the grid; `items` already sit at their final y."""

    key: str
    label: str
    items: tuple[Item, ...]
    height: float
    label_inset: float | None = None
    """From the row's top to its label's line box (None: the card padding)."""


class MapContext(NamedTuple):
    journey: Journey
    theme: Theme
    prefix: str
    visible: Visible
    columns: tuple[Column, ...]
    bands: tuple[Band, ...]
    curves: tuple[CurveStyle, ...]
    funnel: Funnel

    def id(self, *parts: str) -> str:
        """An element id: the map prefix, then the parts (user ids), joined by `-`.

        Generated parts use `.` (never in a user id), so they cannot collide.
        """
        joined = "-".join((self.prefix, *parts))
        # `\w` is exactly str.isalnum() plus "_": an id of word characters, dots and
        # dashes (nearly all) is returned without the slower regex substitution.
        if joined.replace("-", "").replace(".", "").replace("_", "").isalnum():
            return joined
        return _NOT_ID.sub("_", joined)

    def team_name(self, team: str) -> str:
        for t in self.journey.teams:
            if t.id == team:
                return t.name
        return team

    def channel(self, channel: str | None) -> Channel | None:
        for c in self.journey.channels:
            if c.id == channel:
                return c
        return None

    def break_before(self, index: int) -> bool:
        """Whether a stage break (stages left out) lies just left of column `index`."""
        col = self.columns[index]
        return index > 0 and self.bands[col.band].first == index and col.band in self.visible.breaks

    @property
    def left(self) -> float:
        return self.columns[0].x

    @property
    def right(self) -> float:
        return self.columns[-1].right


def id_part(part: str) -> str:
    """`part` as `MapContext.id` writes it, so `ctx.id(a) + "-" + id_part(b) == ctx.id(a, b)`.

    For the many ids under one head (a lane's cards): the head is worked out
    once. The substitution is character by character and keeps `-`, so
    sanitising the parts apart gives what sanitising them joined gives.
    """
    # Nearly every part is a clean id already: a search is cheaper than a substitution.
    return part if _NOT_ID.search(part) is None else _NOT_ID.sub("_", part)


def step_channels(step: Step) -> tuple[str, ...]:
    """The channels a step's touchpoints use, in order, without repeats."""
    out: list[str] = []
    for tp in step.touchpoints:
        if tp.channel and tp.channel not in out:
            out.append(tp.channel)
    return tuple(out)


def attribute_lines(attributes: Attributes) -> tuple[str, ...]:
    """Free attributes as compact `key value` lines (a flag is its key alone), in source order.

    A `url=` that `card_link` turns into a link is left out: the card is the
    link instead. Any other `url=` (not a validated http(s) address) is drawn
    as text like any other attribute, never as a link.
    """
    return tuple(
        key if value is True else f"{key} {value}"
        for key, value in attributes
        if key != LINK_KEY or not isinstance(value, str) or link_target(value) is None
    )


def card_link(attributes: Attributes) -> str | None:
    """The href a card with these free attributes links to: its first `url=`, validated."""
    for key, value in attributes:
        if key == LINK_KEY and isinstance(value, str):
            return link_target(value)
    return None


FIGURES = ("frequency", "duration", "time", "location", "score")
"""A touchpoint's named figures (LANGUAGE.md §5), drawn together on one compact line."""

_SECONDS = re.compile(r"(\d+(?:\.\d+)?)\s*s")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def compact_duration(text: str) -> str:
    """Seconds as minutes and seconds, the way a card has room for: `200s` is `3m 20s`.

    >>> compact_duration("200s"), compact_duration("45s"), compact_duration("3725s")
    ('3m 20s', '45s', '1h 2m')
    >>> compact_duration("2m")
    '2m'
    """
    match = _SECONDS.fullmatch(text.strip())
    if match is None:
        return text
    total = round(float(match.group(1)))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m {seconds}s" if seconds else f"{minutes}m"
    return f"{seconds}s"


def compact_number(text: str) -> str:
    """A large plain number shortened: `12000` is `12k`, `1500000` is `1.5M`; words unchanged.

    >>> [compact_number(n) for n in ("12000", "950", "1500000", "daily")]
    ['12k', '950', '1.5M', 'daily']
    """
    if _PLAIN_NUMBER.fullmatch(text.strip()) is None:
        return text
    value = float(text)
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            short = f"{value / size:.1f}".removesuffix(".0")
            return f"{short}{unit}"
    return text.strip()


def figure_line(attributes: Attributes) -> str | None:
    """A touchpoint's figures on one line, each with its unit or word, or None without any.

    >>> figure_line((("score", "4.1"), ("duration", "200s"), ("frequency", "12000")))
    '12k\\xa0uses · takes\\xa03m\\xa020s · score\\xa04.1'
    >>> figure_line((("time", "9-11am"), ("location", "store"), ("url", "/x")))
    'at\\xa09-11am · in\\xa0store'
    """
    given = {key: value for key, value in attributes if key in FIGURES and value is not True}
    parts = []
    if "frequency" in given:
        frequency = str(given["frequency"])
        short = compact_number(frequency)
        parts.append(f"{short} uses" if short != frequency or frequency.isdigit() else short)
    if "duration" in given:
        parts.append(f"takes {compact_duration(str(given['duration']))}")
    if "time" in given:
        parts.append(f"at {given['time']}")
    if "location" in given:
        parts.append(f"in {given['location']}")
    if "score" in given:
        parts.append(f"score {given['score']}")
    # A figure never breaks inside itself when the card wraps the line: no-break spaces.
    return " · ".join(part.replace(" ", "\u00a0") for part in parts) if parts else None


def other_attributes(attributes: Attributes) -> Attributes:
    """The free attributes that are not named figures (those are on the figure line)."""
    return tuple((k, v) for k, v in attributes if k not in FIGURES or v is True)
