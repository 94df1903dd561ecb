"""Hostile text in every text position renders as inert, escaped text in every output.

tests/security/hostile.txt puts `<script>`, `</text>`, `]]>`, `&`, quotes,
`javascript:` URLs, bidi overrides, a 10,000-character word and Markdown or
Mermaid line breaks in titles, names, labels, pains, quotes, attribute
values, metrics, notes, persona lines and flow labels. Every SVG must parse
as safe XML and hold no active content (tests/security/inert.py), with the
hostile text present verbatim as text; DOT, Markdown and Mermaid must keep it
inside their quoting and escaping.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree

import journeymap
from journeymap.analysis.diff.compare import diff
from journeymap.analysis.diff.text import to_markdown
from journeymap.analysis.report import build_report
from journeymap.analysis.report_render import report_markdown
from journeymap.emit.mermaid import to_mermaid
from journeymap.emit.pipeline import render
from journeymap.integrations.mermaid_in import import_mermaid
from journeymap.language.mermaid_text import BREAK
from journeymap.language.resources import theme_names
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Journey
from tests.security.inert import svg_problems

HERE = Path(__file__).parent
HOSTILE_TEXT = (HERE / "hostile.txt").read_text(encoding="utf-8")

VERBATIM = [
    '<script>alert(1)</script> & "T"',
    "</text><script>x</script> ]]> <!-- -->",
    "javascript:alert(1) <img src=x onerror=alert(1)>",
    "<svg onload=alert(1)> | P",
    "<script>stage</script>",
    '<a href="javascript:alert(1)">x</a>',
    "]]> & <tp>",
    "</tspan></text><foreignObject><script>1</script></foreignObject>",
    "&lt;already&gt; escaped &#x3C;",
    "\u202e\u2066bidi\u2069\u202c",
    "W" * 10_000,
]


@pytest.fixture(scope="module")
def hostile() -> Journey:
    return journeymap.loads(HOSTILE_TEXT, name="hostile.journey")


def _all_text(svg: str) -> str:
    """Every character of text in `svg`, with white space (where wrapping cuts) removed."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    return re.sub(r"\s+", "", "".join(root.itertext()))


def _svgs(journey: Journey, theme_name: str) -> dict[str, str]:
    from journeymap.emit import views

    theme = load_theme(theme_name)
    out = {view: str(render(journey, view=view, theme=theme)) for view in ("map", "blueprint")}
    out["annotated map"] = views.render_map_svg(journey, theme, annotate=True)
    if hasattr(views, "render_matrix_svg"):
        out["matrix"] = views.render_matrix_svg(journey, theme)
    return out


@pytest.mark.parametrize("theme_name", theme_names())
def test_svg_is_inert_and_keeps_the_text(hostile: Journey, theme_name: str) -> None:
    for view, svg in _svgs(hostile, theme_name).items():
        assert svg_problems(svg) == [], view
        assert "<script" not in svg and "<foreignObject" not in svg, view
        if view == "matrix":
            continue  # the matrix shows steps and touchpoints only
        text = _all_text(svg)
        # The blueprint draws lane items (not the persona card, scenario or step
        # lines); the map draws everything else.
        shown = [VERBATIM[i] for i in (0, 4, 9, 10)] if view == "blueprint" else VERBATIM[:9]
        for wanted in shown:
            assert re.sub(r"\s+", "", wanted) in text, (view, wanted[:40])


def test_the_checker_catches_active_content() -> None:
    ns = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    bad = [
        f"<svg {ns}><script>alert(1)</script></svg>",
        f"<svg {ns}><foreignObject/></svg>",
        f'<svg {ns}><rect onclick="x"/></svg>',
        f'<svg {ns}><use xlink:href="http://evil/#x"/></svg>',
        f'<svg {ns}><rect fill="url(http://evil/x)"/></svg>',
        f'<svg {ns}><rect data-x="javascript:alert(1)"/></svg>',
        f'<!DOCTYPE svg [<!ENTITY x "y">]><svg {ns}><text>&x;</text></svg>',
        "<svg><text>unclosed</svg>",
    ]
    for svg in bad:
        assert svg_problems(svg), svg
    assert svg_problems(f'<svg {ns}><rect fill="url(#p)"/><use xlink:href="#a"/></svg>') == []


def _dot_strings(dot: str) -> str:
    """`dot` with every quoted string and HTML label cut out: what is left is syntax."""
    out, i = [], 0
    while i < len(dot):
        char = dot[i]
        if char == '"':
            i += 1
            while dot[i] != '"':
                i += 2 if dot[i] == "\\" else 1
            i += 1
            out.append('""')
        elif char == "<":
            depth = 0
            while True:
                depth += {"<": 1, ">": -1}.get(dot[i], 0)
                i += 1
                if depth == 0:
                    break
            out.append("<>")
        else:
            out.append(char)
            i += 1
    return "".join(out)


@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_dot_keeps_user_text_inside_quotes_and_html(hostile: Journey, view: str) -> None:
    dot = str(render(hostile, view=view, format="dot"))
    syntax = _dot_strings(dot)
    for word in ("script", "alert", "javascript", "onload", "WWWW", "tspan"):
        assert word not in syntax, word
    assert "<script" not in dot and "<svg" not in dot
    assert not re.search(r"\b(URL|href|tooltip|target)\s*=", syntax)
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    drawn = subprocess.run(
        ["dot", "-Tsvg"], input=dot, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert svg_problems(drawn.split("\n", 1)[1] if drawn.startswith("<?xml") else drawn) == []


def _unescaped(text: str, char: str) -> list[str]:
    return [line for line in text.splitlines() if re.search(rf"(?<!\\){re.escape(char)}", line)]


def _check_markdown(text: str, allowed_line: re.Pattern[str]) -> None:
    assert _unescaped(text, "<") == [] and _unescaped(text, ">") == []
    for line in text.splitlines():
        assert allowed_line.match(line), line
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)
            assert cells[0] == "" and cells[-1] == "", line


def test_report_markdown_escapes_user_text(hostile: Journey) -> None:
    text = report_markdown(build_report(hostile))
    _check_markdown(
        text, re.compile(r"^(|# Journey report: .*|## [A-Z][a-z ]+|\| .* \||\|( --- \|)+|[A-Z].*)$")
    )
    assert "\\<script\\>alert(1)\\</script\\> \\&" in text
    widths = {line.count(" | ") for line in text.splitlines() if line.startswith("| ---")}
    assert widths  # tables are there; each row's cell count is checked above


DIFF_LINE = re.compile(r"^(|### Journey changes: .*|[0-9A-Z].*|\*\*.*\*\*|- .*|  - .*)$")


def test_diff_markdown_escapes_user_text(hostile: Journey) -> None:
    plain = journeymap.loads("journey: Plain\nstep a: A\n  pain: slow\n")
    for old, new in ((plain, hostile), (hostile, plain)):
        text = to_markdown(diff(old, new), "old<b>.journey", "new|x.journey")
        _check_markdown(text, DIFF_LINE)
        assert "<b>" not in text


def test_matrix_markdown_escapes_user_text(hostile: Journey) -> None:
    markdown = pytest.importorskip("journeymap.emit.markdown")
    text = markdown.matrix_markdown(hostile)
    _check_markdown(text, re.compile(r"^(|\*\*.*|\|.*\||Legend: .*)$"))


def test_mermaid_keeps_user_text_inert_and_on_its_line(hostile: Journey) -> None:
    text = to_mermaid(hostile)
    body = text.split("\njourney\n", 1)[1]
    for line in body.splitlines():
        assert re.match(r"^  (title |accDescr|section |  \S)", line), line
        assert "<" not in BREAK.sub("", line) and ">" not in BREAK.sub("", line), line
        assert "%%" not in line
    result = import_mermaid(text.encode("utf-8"), "out.mmd")
    assert result.text is not None
    again = journeymap.loads(result.text)
    assert again.title == hostile.title
    assert [s.name for s in again.stages] == [s.name for s in hostile.stages]
    names = [st.name for s in hostile.stages for st in s.steps]
    assert [st.name for s in again.stages for st in s.steps] == names


def test_the_suite_checks_every_svg_it_draws() -> None:
    # tests/conftest.py wraps the emitter for the session: every SVG drawn
    # in-process by any test passes through `svg_problems`.
    import journeymap.emit.svg

    assert journeymap.emit.svg.to_svg.__name__ == "checked"
