"""The Sphinx extension: a `journey` directive that draws a `.journey` diagram as an SVG image.

Add `"journeymap.integrations.sphinx_ext"` to `extensions`. The directive
takes a file (relative to the document) or inline content:

    .. journey:: maps/checkout.journey
       :view: blueprint
       :caption: The checkout blueprint

The SVG is drawn while reading (so problems point at the document) and
written at HTML-writing time as `_images/journey-<hash>.svg`, named by the
content hash: parallel readers and writers never race for a name. Drawn SVGs
are cached in the build's doctree directory (`_build/doctrees/journeymap`),
checked against their key before use. MyST pages use it as
```` ```{journey} ````.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes  # type: ignore[import-untyped]
from docutils.parsers.rst import directives  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from journeymap._version import __version__
from journeymap.emit.output import write_atomic
from journeymap.integrations.diagrams import (
    VIEWS,
    Diagram,
    DiagramCache,
    DiagramError,
    DiagramOptions,
    draw_file,
    draw_source,
)

logger = logging.getLogger(__name__)


# Lower-case like the node classes of docutils and Sphinx, which name them in doctrees.
class journey_diagram(nodes.General, nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A drawn diagram: `svg`, `file_name`, `alt`, and optionally `align` and `classes`."""


def _align(argument: str) -> str:
    return str(directives.choice(argument, ("left", "center", "right")))


def _view(argument: str) -> str:
    return str(directives.choice(argument, VIEWS))


_caches: dict[Path, DiagramCache] = {}


def _build_cache(doctree_dir: Path) -> DiagramCache:
    """The drawings cache of one build: kept in its doctree directory.

    The doctree directory outlives a build (an incremental build reads it) and
    is never published, unlike the output directory.
    """
    cache = _caches.get(doctree_dir)
    if cache is None:
        cache = _caches[doctree_dir] = DiagramCache(doctree_dir / "journeymap")
    return cache


class JourneyDirective(SphinxDirective):
    """`.. journey:: [file]` with the journey as content when no file is given."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "view": _view,
        "theme": directives.unchanged_required,
        "alt": directives.unchanged,
        "caption": directives.unchanged,
        "align": _align,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if self.arguments and self.content:
            raise self.error("journey: give a file or inline content, not both")
        if not self.arguments and not self.content:
            raise self.error("journey: give a file (`.. journey:: map.journey`) or content")
        config = self.env.config
        options = DiagramOptions(
            view=self.options.get("view", config.journeymap_view),
            theme=self.options.get("theme", config.journeymap_theme),
        )
        root = Path(self.env.srcdir)
        try:
            diagram = self._draw(options, root)
        except DiagramError as error:
            logger.warning(
                "cannot draw a journey diagram:\n%s",
                error.text,
                location=self.get_location(),
            )
            text = "\n".join(self.content) if self.content else self.arguments[0]
            block = nodes.literal_block(text, text)
            self.set_source_info(block)
            return [block]
        return [self._node(diagram)]

    def _draw(self, options: DiagramOptions, root: Path) -> Diagram:
        cache = _build_cache(Path(self.env.doctreedir))
        if self.arguments:
            relative, absolute = self.env.relfn2path(self.arguments[0])
            self.env.note_dependency(relative)
            return draw_file(Path(absolute), options, root=root, cache=cache)
        document = Path(self.env.doc2path(self.env.docname))
        return draw_source(
            "\n".join(self.content) + "\n",
            options,
            document=document,
            root=root,
            first_line=self.content_offset + 1,
            cache=cache,
        )

    def _node(self, diagram: Diagram) -> nodes.Element:
        node = journey_diagram()
        node["svg"] = diagram.svg
        node["file_name"] = diagram.file_name
        node["alt"] = self.options.get("alt") or diagram.alt
        node["classes"] += self.options.get("class", [])
        if "align" in self.options:
            node["align"] = self.options["align"]
        self.set_source_info(node)
        caption = self.options.get("caption")
        if not caption:
            self.add_name(node)
            return node
        figure = nodes.figure("", node)
        if "align" in node:
            figure["align"] = node.attributes.pop("align")
        inline, messages = self.parse_inline(caption)
        caption_node = nodes.caption(caption, "", *inline)
        caption_node.extend(messages)
        self.set_source_info(caption_node)
        figure += caption_node
        self.add_name(figure)
        return figure


def _visit_html(translator: SphinxTranslator, node: journey_diagram) -> None:
    builder: Any = translator.builder
    name = node["file_name"]
    target = Path(builder.outdir) / builder.imagedir / name
    # Named by content: an existing file already holds these bytes.
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, node["svg"].encode("utf-8"))
    classes = ["journeymap", *node["classes"]]
    if "align" in node:
        classes.append(f"align-{node['align']}")
    source = posixpath.join(builder.imgpath, name)
    body: Any = translator.body
    body.append(
        f'<img src="{html.escape(source)}" alt="{html.escape(node["alt"])}" '
        f'class="{html.escape(" ".join(classes))}" />'
    )
    raise nodes.SkipNode


def _visit_text(translator: SphinxTranslator, node: journey_diagram) -> None:
    translator.add_text(f"[{node['alt']}]")
    raise nodes.SkipNode


def _skip(translator: SphinxTranslator, node: journey_diagram) -> None:
    # LaTeX, man and Texinfo cannot take an SVG: the alt text stands in where it can.
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the `journey` directive, its node and the `journeymap_*` config values."""
    app.add_node(
        journey_diagram,
        html=(_visit_html, None),
        text=(_visit_text, None),
        latex=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("journey", JourneyDirective)
    app.add_config_value("journeymap_view", "map", "env", types=[str])
    app.add_config_value("journeymap_theme", None, "env", types=[str, type(None)])
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
