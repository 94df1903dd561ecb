"""The documentation cannot rot: its `.journey` snippets compile and its links resolve.

The convention for fenced code blocks in docs/*.md, README.md and gallery/README.md:

- ```` ```journey ```` (the info string's first word is `journey`; options such
  as `render="false"` may follow) is a working snippet: it must compile with
  no errors. Warnings are allowed (lint examples show them on purpose).
- ```` ```journey-error ```` shows a mistake: it must produce at least one
  error. Codes after it (```` ```journey-error E101 E301 ````) must all be among
  the errors produced.
- In docs/errors.md, which is generated from src/journeymap/codes.py, a
  ```` ```journey ```` block under an `### E…` heading is an error example: it
  must produce an error (tests/docs/test_error_docs.py checks that it is the
  heading's code).
- Blocks inside an outer fence (a ```` ````markdown ```` block showing a page
  that contains a fence) are part of that block's text, not snippets.

Every relative link and image (`[text](path)`, `![alt](path)`, `src=`/`srcset=`
in HTML outside code) must point at an existing file; a `#fragment` on a link
to a Markdown file must match one of its headings (GitHub's anchor rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import journeymap
from tests.conftest import REPO

PAGES = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md", REPO / "gallery" / "README.md"]
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int
    info: str
    text: str
    heading: str

    @property
    def lang(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    def __str__(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def parse(page: Path) -> tuple[list[Block], list[tuple[int, str]]]:
    """The page's top-level fenced blocks, and its lines outside any fence (number, text)."""
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    heading = ""
    i = 0
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if opened is None or (opened["fence"][0] == "`" and "`" in opened["info"]):
            found = _HEADING.match(lines[i])
            if found:
                heading = found["text"]
            prose.append((i + 1, lines[i]))
            i += 1
            continue
        fence, indent = opened["fence"], len(opened["indent"])
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            line = lines[j]
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            j += 1
        blocks.append(Block(page, i + 1, opened["info"].strip(), "\n".join(body) + "\n", heading))
        i = j + 1
    return blocks, prose


def _blocks(*langs: str) -> list[Block]:
    return [b for page in PAGES for b in parse(page)[0] if b.lang in langs]


def _expects_error(block: Block) -> bool:
    if block.lang == "journey-error":
        return True
    return block.page.name == "errors.md" and re.match(r"E\d{3}\b", block.heading) is not None


def _compile(block: Block, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error codes the block produces; includes resolve from the page's directory."""
    monkeypatch.chdir(block.page.parent)  # a string's includes resolve from the cwd
    result = journeymap.compile_string(
        block.text, name=f"{block.page.name}.journey", root=block.page.parent
    )
    return [d.code for d in result.diagnostics if d.is_error]


SNIPPETS = _blocks("journey", "journey-error")


def test_the_docs_have_snippets() -> None:
    assert len([b for b in SNIPPETS if b.lang == "journey"]) >= 60
    assert any(b.lang == "journey-error" for b in SNIPPETS)


@pytest.mark.parametrize("block", SNIPPETS, ids=str)
def test_snippet_compiles_as_documented(block: Block, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = _compile(block, monkeypatch)
    if not _expects_error(block):
        assert errors == [], f"{block}: the snippet does not compile ({errors})"
        return
    assert errors, f"{block}: a `journey-error` block must produce an error"
    wanted = block.info.split()[1:]
    assert set(wanted) <= set(errors), f"{block}: expected {wanted}, got {errors}"


def test_fence_parser_skips_nested_blocks(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\n````markdown\n```journey\nnot a snippet\n```\n````\n\n"
        "- item\n\n  ```journey-error E101\n  pian: x\n  ```\n",
        encoding="utf-8",
    )
    blocks, prose = parse(page)
    assert [(b.lang, b.text) for b in blocks] == [
        ("markdown", "```journey\nnot a snippet\n```\n"),
        ("journey-error", "pian: x\n"),
    ]
    assert (1, "# Title") in prose


# --- links -------------------------------------------------------------------------

_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML = re.compile(r"\b(?:src|srcset|href)=\"([^\"]+)\"")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\n\s*\n).)*?\1", re.DOTALL)


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to `-`."""
    text = re.sub(r"[`*]|<[^>]+>", "", heading).strip().lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return "".join(c for c in text if c.isalnum() or c in " -_").replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    found: set[str] = set()
    for _, line in parse(page)[1]:
        heading = _HEADING.match(line)
        if heading is None:
            continue
        slug = _anchor(heading["text"])
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def _links(page: Path) -> list[tuple[int, str]]:
    prose = parse(page)[1]
    # Code spans may run over a line break: drop them from the joined text, keeping the
    # line breaks so that line numbers still match.
    joined = "\n".join(line for _, line in prose)
    joined = _CODE_SPAN.sub(lambda m: "\n" * m.group(0).count("\n"), joined)
    out: list[tuple[int, str]] = []
    for (number, _), text in zip(prose, joined.split("\n"), strict=True):
        out.extend((number, target) for target in _LINK.findall(text))
        for value in _HTML.findall(text):
            out.extend((number, part.split()[0]) for part in value.split(",") if part.strip())
    return out


LINKS = [
    (page, number, target)
    for page in PAGES
    for number, target in _links(page)
    if not re.match(r"[a-z][a-z0-9+.-]*:", target)  # http:, https:, mailto:
]


def test_the_docs_have_links() -> None:
    assert len(LINKS) >= 40


@pytest.mark.parametrize(
    ("page", "number", "target"),
    LINKS,
    ids=[f"{p.relative_to(REPO)}:{n}:{t}" for p, n, t in LINKS],
)
def test_relative_link_resolves(page: Path, number: int, target: str) -> None:
    where = f"{page.relative_to(REPO)}:{number}"
    path, _, fragment = target.partition("#")
    resolved = (page.parent / path).resolve() if path else page
    assert resolved.exists(), f"{where}: `{target}` points at nothing"
    if fragment and resolved.suffix == ".md":
        assert fragment in _anchors(resolved), f"{where}: no heading for `#{fragment}`"


def test_anchor_rules() -> None:
    assert _anchor("W101: reference to an undeclared persona, channel or team") == (
        "w101-reference-to-an-undeclared-persona-channel-or-team"
    )
    assert _anchor("`journeymap render`") == "journeymap-render"


# --- the language guide covers the language -----------------------------------------


def test_language_guide_shows_every_keyword_and_attribute() -> None:
    """Each keyword, and each attribute it knows, appears in a snippet of docs/language.md."""
    from journeymap.language.keywords import KEYWORDS
    from journeymap.model.journey import LANES

    lines = [
        line.strip()
        for block in parse(REPO / "docs" / "language.md")[0]
        if block.lang == "journey"
        for line in block.text.splitlines()
    ]
    missing: list[str] = []
    for name, spec in KEYWORDS.items():
        uses = [line for line in lines if re.match(rf"{re.escape(name)}\b", line)]
        if not uses:
            missing.append(name)
        if name in LANES:  # the six lanes share their attributes: one example of each is enough
            uses = [line for line in lines if re.match(rf"({'|'.join(LANES)})\b", line)]
        for attribute in spec.attributes:
            pattern = rf"[\[,]\s*{re.escape(attribute)}(=|\s*[,\]])"
            if not any(re.search(pattern, line) for line in uses):
                missing.append(f"{name} [{attribute}]")
    assert any(" -> " in line for line in lines) and any(" --> " in line for line in lines)
    assert missing == [], f"docs/language.md has no example of: {missing}"
