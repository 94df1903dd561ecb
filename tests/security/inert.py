"""What "inert" means for an SVG: checks shared by the security tests and the fuzz harness.

An SVG is inert when it parses as XML without a DTD or entities (defusedxml
refuses both), and holds no script, no `foreignObject`, no event-handler
attribute, no link or reference that leaves the document, and no
`javascript:` anywhere in an attribute value.

The one exception is the one link journeymap writes (a card whose `url=` is a
validated http(s) address): an `<a>` whose only attribute is `xlink:href`, its
value an absolute http(s) address of plain URL characters, checked here by a
pattern of its own rather than by the code under test.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

FORBIDDEN_ELEMENTS = frozenset(
    {"script", "foreignObject", "iframe", "object", "embed", "image", "a", "animate", "set"}
)
_URL = re.compile(r"url\(\s*([^)]*)\)", re.IGNORECASE)
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Lower-case http(s), a host of DNS labels (or a bracketed IPv6 literal), an
# optional port, then only unreserved, sub-delim and `:@/?#%` characters: no
# quote, space, angle bracket, backslash or control character can pass.
_SAFE_LINK = re.compile(
    r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&()*+,;=:@/?#%]*)?"
)
MAX_LINK = 2000
_JAVASCRIPT = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)


def _local(name: str) -> str:
    """`{namespace}tag` -> `tag`."""
    return name.rsplit("}", 1)[-1]


def _url_problems(where: str, value: str) -> list[str]:
    return [
        f"{where}: external reference {found!r}"
        for found in _URL.findall(value)
        if not found.strip("'\" ").startswith("#")
    ]


def is_allowed_link(node: Element) -> bool:
    """Whether `node` is the one link allowed: `<a xlink:href="http(s)://…">` and nothing else."""
    if _local(node.tag) != "a" or list(node.attrib) != [_XLINK_HREF]:
        return False
    href = node.attrib[_XLINK_HREF]
    return len(href) <= MAX_LINK and _SAFE_LINK.fullmatch(href) is not None


def element_problems(element: Element) -> list[str]:
    """Every reason the element tree `element` is not inert."""
    problems: list[str] = []
    for node in element.iter():
        tag = _local(node.tag)
        if is_allowed_link(node):
            continue  # its one attribute is the validated href, checked above
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"forbidden element <{tag}>")
        if tag == "style" and node.text:
            problems += _url_problems("<style>", node.text)
            if "@import" in node.text:
                problems.append("<style> has @import")
        for raw, value in node.attrib.items():
            name = _local(raw)
            if name.lower().startswith("on"):
                problems.append(f"<{tag}> has event-handler attribute {name}")
            if _JAVASCRIPT.search(value):
                problems.append(f"<{tag} {name}> holds javascript:")
            if name == "href" and not value.startswith("#"):
                problems.append(f"<{tag} {name}> points outside the document: {value!r}")
            problems += _url_problems(f"<{tag} {name}>", value)
    return problems


def svg_problems(svg: str) -> list[str]:
    """Every reason `svg` is not inert; parse errors and DTDs are problems too."""
    try:
        root = ElementTree.fromstring(svg.encode("utf-8"))
    except Exception as exc:  # defusedxml and expat raise several kinds
        return [f"does not parse as safe XML: {type(exc).__name__}: {exc}"]
    if _local(root.tag) != "svg":
        return [f"root element is <{_local(root.tag)}>, not <svg>"]
    return element_problems(root)


def svg_text(svg: str) -> str:
    """All character data of `svg`, each element's text on its own line."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    return "\n".join("".join(node.itertext()) for node in root.iter() if _local(node.tag) == "text")
