"""User text inside generated Markdown: shown as typed, never as a link, image, HTML or markup.

Every Markdown writer (the report, the touchpoint matrix, the diff) passes
each piece of user text through `inline`, or `code` for an ID shown in a
code span, and nothing else: this is the one place that knows GitHub
Flavored Markdown's hazards. Escaping follows CommonMark: a backslash before
ASCII punctuation always stands for that character, so `\\*` shows `*`.

What a backslash cannot stop is GFM's autolinking of bare addresses, which
happens on the text after escapes are read: `https\\://` and `www\\.` are
enough for web addresses, but `name@host.org` (a `mailto:` link, and on
GitHub a mention for `@name`) needs U+2060 WORD JOINER after the `@`,
invisible when shown.
"""

import re

# Every ASCII character that can start inline markup, raw HTML, an entity, a
# table cell break or a math span (GitHub's `$`), wherever it stands...
_ACTIVE = re.compile(r"([\\`*{}\[\]<>|~&!#$]|(?<![^\W_])_|_(?![^\W_]))")
"""... an underscore too, except between two letters or digits (`see_ad`), where
CommonMark never reads it as emphasis: IDs stay readable in the Markdown source."""
_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*")
# Bare addresses GFM turns into links without any markup.
_SCHEME = re.compile(r":(?=/)")
_WWW = re.compile(r"(?i)(?<![^\W_])(www)\.")
_AT = re.compile(r"@(?=\w)")
WORD_JOINER = "\u2060"


def inline(text: str) -> str:
    r"""`text` as Markdown inline text on one line, read back exactly as typed.

    Safe in a paragraph, a list item, a heading after its `#`, emphasis and a
    GFM table cell (pipes are escaped). Not for the start of a line, where
    `-`, `+` or `1.` would still begin a list: every writer puts a marker or
    a cell's `| ` first.

    >>> print(inline("Pay | *now* <b> [x](javascript:alert(1)) _see_ad_"))
    Pay \| \*now\* \<b\> \[x\](javascript:alert(1)) \_see_ad\_
    >>> print(inline("see https://x.org and www.x.org"))
    see https\://x.org and www\.x.org
    >>> inline("ann@x.org") == "ann@" + WORD_JOINER + "x.org"
    True
    """
    one_line = _BREAKS.sub(" ", text.strip())
    escaped = _ACTIVE.sub(r"\\\1", one_line)
    unlinked = _WWW.sub(r"\1\\.", _SCHEME.sub(r"\\:", escaped))
    return _AT.sub("@" + WORD_JOINER, unlinked)


def code(text: str, *, in_table: bool = False) -> str:
    """`text` as a code span on one line: shown verbatim in a fixed-width font.

    The fence is one backtick longer than the longest run inside, and padded
    with a space when the text starts or ends with a backtick (CommonMark
    strips one space each side). In a table cell a pipe must still be
    escaped, because GFM splits the row before it reads code spans.

    >>> print(code("a`b"), code("`x"), code("a|b", in_table=True))
    ``a`b`` `` `x `` `a\\|b`
    """
    body = _BREAKS.sub(" ", text.strip()) or " "
    if in_table:
        body = body.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"
