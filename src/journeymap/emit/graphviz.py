"""Render DOT source through Graphviz's `dot` program: the only place it is run.

Errors are exceptions with a one-line message fit for users (the CLI prints
it and exits 1); nothing here prints. The source goes in on standard input and
the picture comes back on standard output, so no temporary files are left.
An SVG from `dot` is made inert before anyone sees it: its DOCTYPE (which
names an external DTD) and comments are removed, and what is left must parse
as plain XML holding only drawing elements, or it is refused.
"""

import re
import shutil
import subprocess
from typing import NamedTuple
from xml.etree import ElementTree

from journeymap.emit.errors import GraphvizError

DOT_FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
"""The formats `render_dot` makes."""

DEFAULT_TIMEOUT = 120.0
"""Seconds before `dot` is stopped; a 1,000-step blueprint takes a few seconds."""

INSTALL_HINT = (
    "Graphviz's `dot` program was not found: install Graphviz "
    "(`apt-get install graphviz`, `brew install graphviz`, or https://graphviz.org/download/) "
    "or use the native renderer (leave out `--engine graphviz`)"
)


class GraphvizNotFound(GraphvizError):
    """`dot` is not installed (or not on PATH)."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class GraphvizFailed(GraphvizError):
    """`dot` ran and failed, or took too long; `stderr` holds what it said."""

    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr


class DotResult(NamedTuple):
    """What `dot` wrote: the picture, and any warnings it printed."""

    output: bytes
    warnings: str


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def run_dot(
    source: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT, program: str = "dot"
) -> DotResult:
    """Run `dot -T<fmt>` on `source`; raise `GraphvizError` when it cannot or fails."""
    if fmt not in DOT_FORMATS:
        raise ValueError(
            f"unknown Graphviz format `{fmt}`; the formats are {', '.join(DOT_FORMATS)}"
        )
    executable = shutil.which(program)
    if executable is None:
        raise GraphvizNotFound()
    try:
        done = subprocess.run(
            [executable, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:  # removed between which() and run()
        raise GraphvizNotFound() from exc
    except subprocess.TimeoutExpired as exc:
        raise GraphvizFailed(
            f"graphviz `dot` took longer than {timeout:g} s and was stopped"
        ) from exc
    except OSError as exc:
        raise GraphvizFailed(f"graphviz `dot` could not be run: {exc}") from exc
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        message = f"graphviz `dot` failed (exit {done.returncode}): {_first_line(stderr)}"
        raise GraphvizFailed(message, stderr)
    return DotResult(done.stdout, stderr)


def render_dot(source: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """`source` drawn by `dot` as svg, png or pdf bytes; warnings are dropped.

    An SVG comes back through `inert_svg`.
    """
    output = run_dot(source, fmt, timeout=timeout).output
    return inert_svg(output) if fmt == "svg" else output


_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
DRAWING_ELEMENTS = frozenset(
    {
        "svg", "g", "title", "desc", "defs", "path", "polygon", "polyline", "ellipse",
        "circle", "rect", "line", "text", "tspan", "linearGradient", "radialGradient",
        "stop", "clipPath",
    }
)  # fmt: skip
"""What Graphviz draws with; links, images, scripts, styles and animation are not."""

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+svg\s+PUBLIC\s+\"[^\"<>\[]*\"\s+\"[^\"<>\[]*\"\s*>\s*")
_COMMENT = re.compile(rb"<!--.*?-->\s*", re.DOTALL)
_JAVASCRIPT = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)


def inert_svg(svg: bytes) -> bytes:
    """Graphviz's SVG without its DOCTYPE and comments, checked to hold no active content.

    Graphviz writes some attribute values (`font-family` among them) without
    escaping them; everything journeymap passes it is escaped or reduced to
    safe characters first, and this is the check that nothing got through.
    Raises `GraphvizFailed` naming the first problem; nothing is half-cleaned.
    """
    cleaned = _COMMENT.sub(b"", _DOCTYPE.sub(b"", svg, count=1))
    problem = _svg_problem(cleaned)
    if problem is not None:
        raise GraphvizFailed(f"graphviz `dot` wrote an SVG that is not inert ({problem})")
    return cleaned


def _svg_problem(svg: bytes) -> str | None:
    """The first reason `svg` is not plain, inert SVG, or None."""
    if b"<!DOCTYPE" in svg or b"<!ENTITY" in svg:
        return "it declares a DTD or entities"
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        return f"it is not well-formed XML: {exc}"
    for node in root.iter():
        namespace, _, tag = node.tag.rpartition("}")
        if namespace != "{" + _SVG or tag not in DRAWING_ELEMENTS:
            return f"element <{tag}>"
        for name, value in node.attrib.items():
            space, _, local = name.rpartition("}")
            if space not in ("", "{" + _XLINK) or local.lower().startswith("on"):
                return f"attribute {local} on <{tag}>"
            if local == "href" or _JAVASCRIPT.search(value):
                return f"a link in <{tag} {local}>"
            if any(not target.startswith("#") for target in _URL.findall(value)):
                return f"an external reference in <{tag} {local}>"
    return None
