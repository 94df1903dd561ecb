"""Markdown outputs, read as GitHub reads them: user text is text, never a link, image or HTML.

The report, the touchpoint matrix and the diff are rendered with cmarkgfm
(GitHub's own cmark-gfm, with its table, autolink and strikethrough
extensions, and raw HTML let through so that any would show): the HTML must
hold no link, no image and no tag the writers do not make themselves, and
its text must be the user's text exactly as typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest

from journeymap.analysis.diff.compare import diff
from journeymap.analysis.diff.text import to_markdown
from journeymap.analysis.report import build_report
from journeymap.analysis.report_render import report_markdown
from journeymap.emit.markdown import matrix_markdown
from journeymap.language.markdown_text import WORD_JOINER, code, inline
from journeymap.model.journey import Channel, Journey, Opportunity, Stage, Step, Touchpoint
from tests.conftest import REPO

cmarkgfm = pytest.importorskip("cmarkgfm")

HOSTILE = [
    "[click](javascript:alert(1))",
    "![pixel](https://evil.example/p.png)",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    "https://evil.example/x and HTTP://EVIL.EXAMPLE",
    "www.evil.example",
    "ann@evil.example and @someone",
    "[ref] and [^1]",
    "`code` **bold** _em_ ~~strike~~ $x$",
    "&lt;b&gt; &amp; &#60;i&#62;",
    "<!-- comment --> <?pi?> <![CDATA[x]]>",
    "| not | a | cell |",
    "trailing backslash \\",
    "[x]: javascript:alert(1)",
    "snake_case_id __init__ a_*b*_c _x_ é_ü",
]
ALLOWED_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "strong", "em", "code", "ul", "li", "table", "thead", "tbody"}
    | {"tr", "th", "td"}
)


def github_html(markdown: str) -> str:
    from cmarkgfm.cmark import Options  # the renderer's options, with the module above

    return str(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    )


def shown_text(rendered: str) -> str:
    """The text a reader sees: tags removed, entities read, word joiners dropped."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered)).replace(WORD_JOINER, "")


def assert_inert(markdown: str, wanted: list[str]) -> None:
    rendered = github_html(markdown)
    tags = re.findall(r"<(/?)([A-Za-z][\w-]*)([^>]*)>", rendered)
    names = {name.lower() for _, name, _ in tags}
    assert names <= ALLOWED_TAGS, sorted(names - ALLOWED_TAGS)
    # Only a table's column alignment: no href, src or handler on any tag.
    attributes = {a for _, _, rest in tags for a in re.findall(r"([\w-]+)=", rest)}
    assert attributes <= {"align"}, attributes
    text = shown_text(rendered)
    for piece in wanted:
        assert piece in text, piece


def hostile_journey() -> Journey:
    steps = tuple(
        Step(
            f"s{i}",
            text,
            touchpoints=(Touchpoint(f"t{i}", text, channel="c"),),
            opportunities=(Opportunity(text, priority="high"),),
        )
        for i, text in enumerate(HOSTILE)
    )
    return Journey(
        title=HOSTILE[0],
        channels=(Channel("c", HOSTILE[3], kind="digital"),),
        stages=(Stage("st", HOSTILE[1], steps=steps),),
    )


def test_report_markdown_shows_user_text_as_text() -> None:
    assert_inert(report_markdown(build_report(hostile_journey())), HOSTILE)


def test_matrix_markdown_shows_user_text_as_text() -> None:
    assert_inert(matrix_markdown(hostile_journey()), HOSTILE)


def test_diff_markdown_shows_user_text_and_file_names_as_text() -> None:
    old = Journey(title="Plain", stages=(Stage("st", "Stage", steps=(Step("s0", "Step"),)),))
    new = Journey(
        title=HOSTILE[0],
        stages=(Stage("st", HOSTILE[1], steps=(Step("s0", "Step", pains=tuple(HOSTILE)),)),),
    )
    for before, after in ((old, new), (new, old)):
        markdown = to_markdown(diff(before, after), HOSTILE[0], HOSTILE[8])
        assert_inert(markdown, [*HOSTILE, "Journey changes: " + HOSTILE[0]])


def test_a_biggest_drop_off_cannot_break_out_of_its_code_span() -> None:
    # A JSON model's stage ID may hold any text.
    name = "`x` [click](javascript:alert(1)) `"
    stages = (
        Stage("a", "A", count=100, steps=(Step("s1", "One"),)),
        Stage(name, "B", count=10, steps=(Step("s2", "Two"),)),
    )
    rendered = github_html(report_markdown(build_report(Journey(stages=stages))))
    assert "href" not in rendered
    assert f"<code>{html.escape(name, quote=False)}</code>" in rendered


@pytest.mark.parametrize(
    "writer", [inline, code, lambda text: code(text, in_table=True)], ids=["inline", "code", "cell"]
)
def test_the_shared_helper_keeps_any_text_inert(writer: Callable[[str], str]) -> None:
    for text in HOSTILE:
        markdown = (
            f"| h |\n| --- |\n| {writer(text)} |"
            if writer.__name__ == "<lambda>"
            else (f"- {writer(text)}")
        )
        assert_inert(markdown, [" ".join(text.split())])


def test_every_markdown_writer_uses_the_one_helper() -> None:
    writers = [
        "src/journeymap/analysis/report_render.py",
        "src/journeymap/analysis/diff/text.py",
        "src/journeymap/emit/markdown.py",
    ]
    for path in writers:
        source = (REPO / path).read_text(encoding="utf-8")
        assert "from journeymap.language.markdown_text import" in source, path
        # No escaping of its own that could drift from the shared one.
        assert not re.search(r"re\.compile\(r\"\(\[\\\\", source), path
