"""The one kind of link journeymap writes: a strictly validated absolute http(s) `url=`.

Every other input text stays text (DESIGN.md, trust model). A `url=` value
becomes a link only when it is an absolute `http://` or `https://` address
with a host, no `user:password@`, no whitespace, control characters, quotes
or angle brackets, and at most `MAX_LINK` characters. The href written is the
value re-assembled from its parsed parts with every character outside a
small safe set percent-encoded, so nothing in it can close an attribute or
start markup whatever the emitter's escaping does.
"""

import re
from urllib.parse import quote, urlsplit

__all__ = ["LINK_KEY", "MAX_LINK", "is_page_path", "link_target"]

LINK_KEY = "url"
"""The free attribute that makes a card a link."""

MAX_LINK = 2000
"""The longest `url=` value that becomes a link (browsers and wikis agree up to here)."""

_SCHEMES = frozenset({"http", "https"})
# Exactly `http://` or `https://` in lower case at the very start: uppercase or
# mixed-case schemes, and anything before the scheme, are refused rather than
# normalised, so what is checked is what is written.
_START = re.compile(r"https?://")
# Whitespace, controls (C0, DEL, C1), quotes, angle brackets, backslash,
# backtick and the braces/pipe/caret URLs never need unescaped.
_BAD_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`{}|^]")
# A host: DNS labels (letters, digits, hyphens; IDNs must be given in their
# xn-- form), then an optional port. IP literals in brackets are refused.
_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
)
# What may stay as written in the path, query and fragment: RFC 3986's
# unreserved and sub-delims (less the quote) plus `:@/?%#`; `%` is kept so
# an address that is already percent-encoded is not encoded twice.
_SAFE = "-._~!$&()*+,;=:@/?%"


def link_target(value: str) -> str | None:
    """The href to write for the `url=` value `value`, or None when it must stay text."""
    if len(value) > MAX_LINK or not _START.match(value) or _BAD_CHAR.search(value):
        return None
    if not value.isascii():
        return None  # an IRI: refused rather than guessed at (punycode, encodings)
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if parts.scheme not in _SCHEMES or "@" in parts.netloc:
        return None  # credentials (`user:password@host`) are never written
    host = parts.hostname or ""
    netloc = parts.netloc
    if port is not None:
        netloc = netloc.rsplit(":", 1)[0]
    if not host or not _HOST.fullmatch(netloc):
        return None
    href = f"{parts.scheme}://{parts.netloc}{quote(parts.path, safe=_SAFE)}"
    if parts.query:
        href += "?" + quote(parts.query, safe=_SAFE)
    if parts.fragment:
        href += "#" + quote(parts.fragment, safe=_SAFE)
    return href


def is_page_path(value: str) -> bool:
    """Whether `value` is a site-relative page path (`/pricing`): drawn as text without a
    warning, since `url=` paths are what data files match pages by (`match=url`)."""
    return value.startswith("/") and not value.startswith("//") and not value.startswith("/\\")
