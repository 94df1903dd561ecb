"""Find the ```mermaid fenced code blocks of a Markdown file, with their line numbers.

Fences follow CommonMark: three or more backticks or tildes, indented at
most three spaces, closed by a fence of the same character at least as long
(or the end of the file). The content is kept verbatim, indentation included
(Mermaid's journey syntax ignores it), so a column in the block is the
column in the Markdown file and a diagnostic only needs the first line.

>>> [(b.first_line, b.text) for b in mermaid_blocks("# T\\n```mermaid\\njourney\\n```\\n")]
[(3, 'journey\\n')]
"""

import re
from typing import NamedTuple

_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")


class FencedBlock(NamedTuple):
    info: str
    """The info string's first word, lower-cased, braces dropped (`mermaid`)."""
    first_line: int
    """1-based line of the block's first content line in the Markdown file."""
    text: str


def fenced_blocks(markdown: str) -> list[FencedBlock]:
    """Every fenced code block, in order."""
    lines = markdown.split("\n")
    blocks: list[FencedBlock] = []
    index = 0
    while index < len(lines):
        opened = _OPEN.match(lines[index])
        info = opened.group("info").strip() if opened else ""
        # A backtick fence's info string may not hold a backtick (CommonMark).
        if opened is None or (opened.group("fence")[0] == "`" and "`" in info):
            index += 1
            continue
        fence = opened.group("fence")
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        content = lines[index + 1 : end]
        text = "\n".join(content) + ("\n" if content else "")
        # MyST and Sphinx write the language as a directive: ```{mermaid}.
        word = info.split()[0].strip("{}").lower() if info.split() else ""
        blocks.append(FencedBlock(word, index + 2, text))
        index = end + 1
    return blocks


def mermaid_blocks(markdown: str) -> list[FencedBlock]:
    """The fenced blocks whose info string is `mermaid`."""
    return [block for block in fenced_blocks(markdown) if block.info == "mermaid"]


def has_mermaid_fence(text: str) -> bool:
    """Whether `text` looks like Markdown holding a Mermaid block (for standard input)."""
    return bool(mermaid_blocks(text))
