"""The MkDocs plugin: draws ```journey fences and `![alt](map.journey)` images as SVG.

Enable it with `plugins: [journeymap]`. A fence may carry options
(```` ```journey view="blueprint" theme="dark" ````), and `render="false"` shows
the source instead. Drawn SVGs are cached by content, options and version,
in `.cache/journeymap` beside mkdocs.yml (`cache_dir`).
A diagram that cannot be drawn fails `mkdocs build --strict` with the
diagnostics; otherwise it is a warning and the page shows the source.
"""

import html
import re
from pathlib import Path
from typing import NamedTuple

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from journeymap.emit.output import write_atomic
from journeymap.integrations.diagrams import (
    VIEWS,
    Diagram,
    DiagramCache,
    DiagramError,
    DiagramOptions,
    draw_file,
    draw_source,
    option_error,
    parse_options,
    svg_for_page,
)

log = get_plugin_logger(__name__)

LANGUAGE = "journey"
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*)$")
_OPTION = re.compile(
    r"""(?P<key>[A-Za-z_][\w-]*)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+))"""
)
_IMAGE = re.compile(
    r"""!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+?\.journey)(?:\s+"(?P<title>[^"]*)")?\)"""
)


class JourneymapConfig(Config):  # type: ignore[no-untyped-call]
    """`plugins: - journeymap: {view: …, theme: …, cache_dir: …, inline: …}`."""

    view = c.Choice(VIEWS, default="map")
    theme = c.Optional(c.Type(str))
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/journeymap")
    """Where drawn SVGs are kept between builds, relative to mkdocs.yml."""
    inline = c.Type(bool, default=True)
    """Fences become inline <svg> (True) or <img> of a file written beside the page."""


class Fence(NamedTuple):
    """A fenced code block of a Markdown page: where it stands and what it holds."""

    start: int
    """0-based index of the opening line."""
    end: int
    """0-based index one past the closing line (or the end of the page)."""
    indent: str
    info: str
    body: str


def fences(lines: list[str]) -> list[Fence]:
    """Every fenced block, so that ```journey inside a longer ````markdown fence stays text."""
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        opened = _OPEN.match(lines[index])
        if opened is None or (opened.group("fence")[0] == "`" and "`" in opened.group("info")):
            index += 1
            continue
        indent, fence = opened.group("indent"), opened.group("fence")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = [
            line[len(indent) :] if line.startswith(indent) else line.lstrip()
            for line in lines[index + 1 : end]
        ]
        found.append(
            Fence(
                index,
                min(end + 1, len(lines)),
                indent,
                opened.group("info").strip(),
                "\n".join(body) + "\n",
            )
        )
        index = end + 1
    return found


def fence_options(info: str, file: str, line: int) -> dict[str, str] | None:
    """The options of a ```journey fence, or None when the fence is not a journey."""
    words = info.split(None, 1)
    if not words or words[0] != LANGUAGE:
        return None
    rest = words[1] if len(words) > 1 else ""
    values: dict[str, str] = {}
    for match in _OPTION.finditer(rest):
        value = match.group("dq") if match.group("dq") is not None else match.group("sq")
        values[match.group("key")] = value if value is not None else match.group("bare")
    if _OPTION.sub("", rest).strip():
        raise option_error(
            f"cannot read the fence options `{rest}`",
            file,
            line,
            'write them as key="value" pairs, such as view="blueprint"',
        )
    return values


class JourneymapPlugin(BasePlugin[JourneymapConfig]):  # type: ignore[no-untyped-call]
    """Replaces journey fences and images in each page's Markdown with drawn SVG."""

    def __init__(self) -> None:
        self.cache = DiagramCache(None)
        self.pending: dict[Path, str] = {}
        self.drawn = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        directory: Path | None = None
        if self.config.cache:
            # The project's own directory, as other MkDocs plugins keep theirs:
            # site_dir is emptied at the start of every build.
            directory = Path(config.config_file_path or ".").parent / self.config.cache_dir
        self.cache = DiagramCache(directory)
        self.pending = {}
        self.drawn = 0
        return config

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        source = page.file.abs_src_path
        if source is None:  # a page generated by another plugin: nothing on disk to resolve
            return markdown
        document = Path(source)
        out_dir = Path(config.site_dir) / Path(page.file.dest_path).parent
        lines = markdown.split("\n")
        out: list[str] = []
        done = 0
        for fence in fences(lines):
            out += self._images(lines[done : fence.start], document, out_dir, config)
            out += self._fence(fence, lines, document, out_dir, config)
            done = fence.end
        out += self._images(lines[done:], document, out_dir, config)
        return "\n".join(out)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for path, svg in sorted(self.pending.items()):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, svg.encode("utf-8"))
        if self.drawn:
            log.info(
                f"{self.drawn} diagram{'s' if self.drawn != 1 else ''} drawn, "
                f"{self.cache.hits} from the cache"
            )

    def _defaults(self) -> DiagramOptions:
        return DiagramOptions(view=self.config.view, theme=self.config.theme)

    def _fence(
        self, fence: Fence, lines: list[str], document: Path, out_dir: Path, config: MkDocsConfig
    ) -> list[str]:
        original = lines[fence.start : fence.end]
        line = fence.start + 2  # the first line of the body, 1-based
        try:
            values = fence_options(fence.info, str(document), fence.start + 1)
            if values is None:
                return original
            options = parse_options(values, self._defaults(), str(document), fence.start + 1)
            if not options.render:
                return [fence.indent + "```" + LANGUAGE, *original[1:-1], fence.indent + "```"]
            diagram = draw_source(
                fence.body,
                options,
                document=document,
                root=Path(config.docs_dir),
                first_line=line,
                cache=self.cache,
            )
        except DiagramError as error:
            return self._failed(error, original, document, config)
        self.drawn += 1
        if self.config.inline:
            block = f'<div class="journeymap">\n{svg_for_page(diagram)}\n</div>'
        else:
            block = self._image(diagram, diagram.alt, None, out_dir)
        return ["", *(fence.indent + text for text in block.split("\n")), ""]

    def _images(
        self, lines: list[str], document: Path, out_dir: Path, config: MkDocsConfig
    ) -> list[str]:
        text = "\n".join(lines)
        if ".journey" not in text:
            return lines

        def replace(match: re.Match[str]) -> str:
            src = match.group("src")
            if "://" in src:
                return match.group(0)
            docs = Path(config.docs_dir)
            path = docs / src.lstrip("/") if src.startswith("/") else document.parent / src
            try:
                diagram = draw_file(path, self._defaults(), root=docs, cache=self.cache)
            except DiagramError as error:
                self._failed(error, [], document, config)
                return match.group(0)
            self.drawn += 1
            return self._image(
                diagram, match.group("alt") or diagram.alt, match.group("title"), out_dir
            )

        return _IMAGE.sub(replace, text).split("\n")

    def _image(self, diagram: Diagram, alt: str, title: str | None, out_dir: Path) -> str:
        self.pending[out_dir / diagram.file_name] = diagram.svg
        extra = f' title="{html.escape(title)}"' if title else ""
        return (
            f'<img class="journeymap" src="{diagram.file_name}" alt="{html.escape(alt)}"{extra} />'
        )

    def _failed(
        self, error: DiagramError, original: list[str], document: Path, config: MkDocsConfig
    ) -> list[str]:
        message = f"cannot draw a journey diagram in {document}:\n{error.text}"
        if config.strict:
            raise PluginError(f"journeymap: {message}")
        log.warning(message)
        return original
