"""The only link journeymap writes is a card's `url=` that is a validated http(s) address.

Every other `url=` value (other schemes, tricks that browsers would still
follow as `javascript:`, credentials, quotes or markup, very long values) is
drawn as text with one located W230 warning, and no SVG ever holds another
kind of link: tests/security/inert.py allows exactly `<a xlink:href="http(s)…">`.
"""

from __future__ import annotations

import pytest

from journeymap.compiler.load import compile_string
from journeymap.emit.pipeline import render
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Journey
from journeymap.model.links import MAX_LINK, link_target
from tests.emit.test_svg_profile import profile_errors
from tests.security.inert import svg_problems, svg_text

HOSTILE = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "mailto:someone@example.com",
    "HTTP://example.com/",
    "Https://example.com/",
    "//example.com/path",
    "/relative/path",
    "relative/path",
    "https:example.com",
    "https://",
    "https:///path",
    "https://user:password@example.com/",
    "https://user@example.com/",
    "https://example.com@evil.example/",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/'x",
    "https://example.com/<script>",
    "https://example.com/a>b",
    "https://example.com/a b",
    "https://example.com/a\nb",
    "https://example.com/\x7f",
    "https://example.com/\u0085",
    "https://example.com/a\\b",
    "https://exa mple.com/",
    "https://example.com:99999/",
    "https://example.com:port/",
    "https://ex_ample.com/",
    "https://exämple.com/",
    "https://[2001:db8::1]/x",  # not hostile, but IP literals are refused: hosts are names
    "https://example.com/" + "a" * MAX_LINK,
]

SAFE = [
    ("https://example.com", "https://example.com"),
    ("http://example.com/help", "http://example.com/help"),
    ("https://example.com:8443/a/b?q=1&r=2#top", "https://example.com:8443/a/b?q=1&r=2#top"),
    ("https://example.com/a%20b", "https://example.com/a%20b"),
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_not_links(value: str) -> None:
    assert link_target(value) is None


@pytest.mark.parametrize(("value", "href"), SAFE)
def test_plain_http_addresses_are_links(value: str, href: str) -> None:
    assert link_target(value) == href


def test_the_length_limit_is_2000_characters() -> None:
    base = "https://example.com/"
    assert link_target(base + "a" * (MAX_LINK - len(base))) is not None
    assert link_target(base + "a" * (MAX_LINK - len(base) + 1)) is None


def _source(value: str) -> str:
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return (
        "journey: Links\n"
        "stage s: Start\n"
        "  step a: Sees an ad\n"
        f'    touchpoint help: Help page [url="{quoted}"]\n'
        f'    frontstage desk: Desk answers [url="{quoted}"]\n'
    )


def _journey_with(value: str) -> Journey:
    """A journey whose touchpoint and frontstage card carry `url=value`, set in the
    model directly: the layout must refuse a bad value whatever the compiler let in."""
    result = compile_string(_source("https://example.com/"))
    journey = result.journey
    assert journey is not None
    stage = journey.stages[0]
    step = stage.steps[0]
    tp = step.touchpoints[0]._replace(attributes=(("url", value),))
    desk = step.lanes.frontstage[0]._replace(attributes=(("url", value),))
    step = step._replace(touchpoints=(tp,), lanes=step.lanes._replace(frontstage=(desk,)))
    return journey._replace(stages=(stage._replace(steps=(step,)),))


# Characters XML cannot hold are the compiler's to refuse (E0xx) before any layout.
DRAWABLE = [v for v in HOSTILE if "\x01" not in v]


@pytest.mark.parametrize("value", DRAWABLE)
@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_hostile_url_is_drawn_as_text_in_every_view(value: str, view: str) -> None:
    svg = render(_journey_with(value), view=view, theme=load_theme("default"))
    assert isinstance(svg, str)
    assert "<a " not in svg and "xlink" not in svg
    assert svg_problems(svg) == []
    # Drawn as its `url …` text line instead (wrapped, so only its start is looked for).
    assert any(line.startswith("url") for line in svg_text(svg).split("\n"))


@pytest.mark.parametrize(("value", "href"), SAFE)
@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_safe_url_makes_the_card_a_valid_svg_11_link(value: str, href: str, view: str) -> None:
    svg = render(_journey_with(value), view=view, theme=load_theme("default"))
    assert isinstance(svg, str)
    escaped = href.replace("&", "&amp;")
    assert svg.count(f'<a xlink:href="{escaped}">') == 1  # map: the touchpoint; blueprint: the desk
    assert 'xmlns:xlink="http://www.w3.org/1999/xlink"' in svg
    assert svg_problems(svg) == []
    assert profile_errors(svg) == []
    # The card is the link instead of a `url …` line.
    assert "url " not in svg_text(svg) and href not in svg_text(svg)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:,x",
        "https://user:pw@example.com/",
        'https://example.com/"x',
        "https://example.com/<x>",
        "https://example.com/" + "a" * MAX_LINK,
    ],
)
def test_a_url_that_is_not_a_link_gets_one_located_warning(value: str) -> None:
    result = compile_string(_source(value), name="links.journey")
    assert result.journey is not None
    warnings = [d for d in result.diagnostics if d.code == "W230"]
    # One for the touchpoint (line 4) and one for the frontstage card (line 5).
    assert [(d.location.file, d.location.line) for d in warnings] == [
        ("links.journey", 4),
        ("links.journey", 5),
    ]
    assert all(d.location.column > 1 for d in warnings)


@pytest.mark.parametrize("value", ["https://example.com/help", "/pricing", "/a/b?c=1"])
def test_a_link_or_a_page_path_gives_no_warning(value: str) -> None:
    result = compile_string(_source(value))
    assert [d.code for d in result.diagnostics if d.code == "W230"] == []


@pytest.mark.parametrize("value", ["/pricing", "//evil.example/x", "/\\evil.example"])
def test_a_page_path_is_text_not_a_link(value: str) -> None:
    svg = render(_journey_with(value), view="map", theme=load_theme("default"))
    assert isinstance(svg, str)
    assert "<a " not in svg
    assert any(line.startswith("url") for line in svg_text(svg).split("\n"))


@pytest.mark.parametrize("value", ["//evil.example/x", "/\\evil.example/x", "relative/x"])
def test_protocol_relative_values_still_warn(value: str) -> None:
    result = compile_string(_source(value))
    assert [d.code for d in result.diagnostics if d.code == "W230"] == ["W230", "W230"]


LINK = '<a xlink:href="{}"><rect width="1" height="1" /></a>'
DOC = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def test_inert_check_allows_exactly_the_validated_link() -> None:
    assert svg_problems(DOC.format(LINK.format("https://example.com/a?b=1&amp;c=2"))) == []
    for bad in [
        LINK.format("javascript:alert(1)"),
        LINK.format("JAVASCRIPT:alert(1)"),
        LINK.format("data:text/html,x"),
        LINK.format("HTTPS://example.com/"),
        LINK.format("https://user:pw@example.com/"),
        LINK.format("https://example.com/&lt;x&gt;"),
        LINK.format("https://example.com/" + "a" * MAX_LINK),
        '<a xlink:href="https://example.com/" target="_blank"><rect /></a>',
        '<a href="https://example.com/"><rect /></a>',
        '<a xlink:href="https://example.com/" onclick="x()"><rect /></a>',
        "<a><rect /></a>",
    ]:
        assert svg_problems(DOC.format(bad)) != [], bad


def test_a_json_model_gets_the_same_warning_and_no_link() -> None:
    text = render(_journey_with("javascript:alert(1)"), view="map", format="json")
    assert isinstance(text, str)
    result = compile_string(text, name="links.json")
    assert result.journey is not None
    warnings = [d for d in result.diagnostics if d.code == "W230"]
    assert len(warnings) == 2 and all(d.location.line > 1 for d in warnings)
    svg = render(result.journey, view="map", theme=load_theme("default"))
    assert isinstance(svg, str) and "<a " not in svg
