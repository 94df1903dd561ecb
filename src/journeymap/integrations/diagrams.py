"""The shared core of the docs-site integrations: compile, render, cache and describe a diagram.

A diagram is drawn from `.journey` source (a fence or a directive's content)
or a file, with per-diagram options. Its key is a SHA-256 over the journeymap
version, the options, the loaded theme and the compiled model, so a changed
include or theme file changes it too; the key names the cached SVG and the
file written to the site, and prefixes the SVG's element IDs so that several
diagrams can share a page.
"""

import hashlib
import html
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from journeymap._version import __version__
from journeymap.compiler import compile_text, load
from journeymap.emit import formats, pipeline
from journeymap.language.source import decode
from journeymap.layout.themes import Theme, resolve_theme
from journeymap.model.diagnostics import Collector, Diagnostic, Location, format_all

VIEWS = formats.FORMATS["svg"].views
"""The views a diagram can show (it is always drawn as SVG)."""
OPTION_NAMES = ("view", "theme", "render")
"""Options a fence may carry (Sphinx adds its own, such as `:caption:`)."""

_FALSE = ("false", "no", "off", "0")
_TRUE = ("true", "yes", "on", "1")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.DOTALL)


class DiagramOptions(NamedTuple):
    """How to draw one diagram: the view, a theme (name or path), or show the source."""

    view: str = "map"
    theme: str | None = None
    render: bool = True


class Diagram(NamedTuple):
    """A drawn diagram: its key, the SVG text and the text of the SVG's <title> and <desc>."""

    key: str
    svg: str
    title: str
    description: str

    @property
    def alt(self) -> str:
        """Alternative text: the generated description, which starts with the title."""
        if self.title and self.title not in self.description:
            return f"{self.title}. {self.description}".strip()
        return self.description or self.title

    @property
    def file_name(self) -> str:
        """The file name the diagram is written under (content-addressed)."""
        return f"journey-{self.key[:16]}.svg"


class DiagramError(Exception):
    """A diagram could not be drawn; `diagnostics` says why, `text` says it for people."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        self.text = format_all(diagnostics)
        super().__init__(self.text)


def option_error(message: str, file: str, line: int = 0, hint: str | None = None) -> DiagramError:
    """An error for a bad fence or directive option."""
    collector = Collector()
    collector.error("E705", message, Location(file, line), hint)
    return DiagramError(collector.sorted())


def parse_options(
    values: dict[str, str], defaults: DiagramOptions, file: str, line: int = 0
) -> DiagramOptions:
    """Fence options (`view="blueprint" theme="dark" render="false"`) over `defaults`.

    Unknown names and values are errors rather than ignored, so a typo does not
    silently draw the wrong view.
    """
    options = defaults
    for name, value in values.items():
        if name == "view":
            if value not in VIEWS:
                raise option_error(
                    f"unknown view `{value}`", file, line, f"the views are {', '.join(VIEWS)}"
                )
            options = options._replace(view=value)
        elif name == "theme":
            options = options._replace(theme=value or None)
        elif name == "render":
            if value.lower() not in _FALSE + _TRUE:
                raise option_error(f"`render` must be true or false, not `{value}`", file, line)
            options = options._replace(render=value.lower() in _TRUE)
        else:
            raise option_error(
                f"unknown option `{name}`", file, line, f"the options are {', '.join(OPTION_NAMES)}"
            )
    return options


_CACHE_MAGIC = b"journeymap-diagram"
_MEMORY_LIMIT = 512
"""Diagrams kept in memory at most: a long `mkdocs serve` redraws as pages change."""


class DiagramCache:
    """Drawn SVGs by key: in memory for this process, and in `directory` when given.

    The directory belongs to the docs build (MkDocs: `.cache/journeymap` beside
    mkdocs.yml; Sphinx: inside the doctree directory). Each file holds a line
    with its key and the SHA-256 of the SVG, then the SVG; a file is used only
    when both match, so a damaged, truncated or edited one is redrawn, never
    served. The key (`diagram_key`) covers every input of the picture.

    The key is computed from public inputs, so a pull request could plant a
    file whose header checks out. A file is therefore also used only when the
    cache itself could have written it: a regular file (not a symbolic
    link), owned by this user, readable by nobody else (mode 0600, which
    every file written here has and which git never gives a checked-out
    file). A planted file fails that and is redrawn over. (Where the system
    has no such modes, Windows, only the header is checked.)
    """

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.memory: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> str | None:
        svg = self.memory.get(key)
        if svg is None and self.directory is not None:
            svg = self._read(self.directory / f"{key}.diagram", key)
            if svg is not None:
                self._remember(key, svg)
        if svg is not None:
            self.hits += 1
        return svg

    def put(self, key: str, svg: str) -> None:
        self.misses += 1
        self._remember(key, svg)
        if self.directory is None:
            return
        body = svg.encode("utf-8")
        header = b" ".join([_CACHE_MAGIC, key.encode(), _sha256(body)]) + b"\n"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_private(self.directory / f"{key}.diagram", header + body)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _remember(self, key: str, svg: str) -> None:
        if len(self.memory) >= _MEMORY_LIMIT:
            del self.memory[next(iter(self.memory))]  # the oldest
        self.memory[key] = svg

    @staticmethod
    def _read(path: Path, key: str) -> str | None:
        """The SVG in `path` if the file says it is `key`'s and its bytes check out."""
        data = _read_private(path)
        if data is None:
            return None
        header, _, body = data.partition(b"\n")
        if header.split(b" ") != [_CACHE_MAGIC, key.encode(), _sha256(body)]:
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return None


_PRIVATE = hasattr(os, "geteuid") and os.name == "posix"
"""Whether files have an owner and mode bits to check (not on Windows)."""
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _write_private(path: Path, data: bytes) -> None:
    """Write `path` atomically as a file only its owner can read (mode 0600).

    Not `write_atomic`: that gives new files the umask's mode, and the mode
    is what tells a file the cache wrote from one a checkout put there.
    """
    tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def _read_private(path: Path) -> bytes | None:
    """The bytes of `path` if the cache could have written it (see `DiagramCache`), else None."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None  # missing, or a symbolic link
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if _PRIVATE and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
            return None
        try:
            return handle.read()
        except OSError:
            return None


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode()


def _shift(diagnostics: list[Diagnostic], name: str, file: str, offset: int) -> list[Diagnostic]:
    """Diagnostics of an embedded source re-located to the document holding it."""
    shifted = []
    for d in diagnostics:
        loc = d.location
        if loc.file == name:
            line = loc.line + offset if loc.line > 0 else 0
            d = d._replace(location=loc._replace(file=file, line=line))
        shifted.append(d)
    return shifted


def compile_source(
    text: str,
    *,
    document: Path,
    root: Path | None = None,
    first_line: int = 1,
    display: str | None = None,
) -> load.Compiled:
    """Compile `text` embedded in `document` (from its line `first_line`).

    Includes resolve from the document's directory and may not leave `root`;
    diagnostics name the document (or `display`) and its line numbers.
    """
    name = f"{document}:journey@{first_line}"
    collector = Collector()
    checked = decode(text.encode("utf-8", "surrogatepass"), name, collector)
    journey = None
    if checked is not None:
        base = root if root is not None else document.parent
        journey = compile_text(checked, name, collector, root=base, real=document)
    shown = display or str(document)
    diagnostics = _shift(collector.sorted(), name, shown, first_line - 1)
    return load.Compiled(shown, journey, diagnostics)


def _load_theme(
    option: str | None, own: str | None, base_dir: Path, root: Path | None
) -> Theme | None:
    """The fence's theme, else the journey's own, both resolved from the document's directory.

    Both are page content, so both stay inside `root` (the docs root) when one is given.
    """
    theme, problems = resolve_theme(
        option, own, option_base=base_dir, own_base=base_dir, own_root=root, option_root=root
    )
    if theme is None and problems:
        raise DiagramError(problems)
    return theme


def diagram_key(compiled: load.Compiled, options: DiagramOptions, theme: Theme | None) -> str:
    """SHA-256 over what decides the picture: version, view, theme values and the model.

    The compiled model stands for the source and every file it includes: it is
    what is drawn, and a change to any of them that changes the picture
    changes it.
    """
    assert compiled.journey is not None
    digest = hashlib.sha256()
    # The theme's values, not its path: the same theme found elsewhere draws the same.
    theme_text = repr(theme._replace(source="")) if theme is not None else "default"
    for part in (__version__, options.view, theme_text, pipeline.to_json(compiled.journey)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def draw(
    compiled: load.Compiled,
    options: DiagramOptions,
    *,
    base_dir: Path,
    cache: DiagramCache | None = None,
    root: Path | None = None,
) -> Diagram:
    """Draw a compiled journey as SVG (from the cache when it holds the same key).

    The theme is the option's, else the journey's own `theme:`, resolved from
    `base_dir` and kept inside `root` (default: `base_dir` for the journey's
    own). Raises `DiagramError` on compile or theme errors.
    """
    if compiled.journey is None or compiled.has_errors:
        raise DiagramError(compiled.diagnostics)
    theme = _load_theme(options.theme, compiled.journey.theme, base_dir, root)
    key = diagram_key(compiled, options, theme)
    svg = cache.get(key) if cache is not None else None
    if svg is None:
        drawing = pipeline.DrawOptions(id_prefix=f"jm-{key[:10]}")
        drawn = pipeline.drawing(compiled.journey, options.view, "svg", theme, drawing)
        svg = drawn if isinstance(drawn, str) else drawn.decode("utf-8")
        if cache is not None:
            cache.put(key, svg)
    return Diagram(key, svg, _element_text(_TITLE, svg), _element_text(_DESC, svg))


def _element_text(pattern: re.Pattern[str], svg: str) -> str:
    found = pattern.search(svg)
    return html.unescape(found.group(1)).strip() if found else ""


def draw_source(
    text: str,
    options: DiagramOptions,
    *,
    document: Path,
    root: Path | None = None,
    first_line: int = 1,
    cache: DiagramCache | None = None,
    display: str | None = None,
) -> Diagram:
    """Compile and draw source embedded in `document`; raises `DiagramError`."""
    compiled = compile_source(
        text, document=document, root=root, first_line=first_line, display=display
    )
    return draw(compiled, options, base_dir=document.parent, cache=cache, root=root)


def draw_file(
    path: Path, options: DiagramOptions, *, root: Path | None = None, cache: DiagramCache | None
) -> Diagram:
    """Compile and draw a `.journey` file; raises `DiagramError`.

    With a `root` (the docs root), a file whose real path (symbolic links
    followed) is not inside it is refused unread: one error naming the path
    as the page wrote it, quoting nothing (E009).
    """
    if root is not None and not _inside_root(path, root):
        collector = Collector()
        collector.error(
            "E009",
            f"`{path}` is outside the docs root `{root}`: it is not read",
            Location(str(path)),
            "keep the .journey files a page draws below the docs directory",
        )
        raise DiagramError(collector.sorted())
    compiled = load.compile_file(path, root=root)
    return draw(compiled, options, base_dir=path.parent, cache=cache, root=root)


def _inside_root(path: Path, root: Path) -> bool:
    try:
        real, top = path.resolve(), root.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop
        return False
    return real == top or top in real.parents


def svg_for_page(diagram: Diagram) -> str:
    """The SVG to inline in HTML: the document minus anything an HTML parser would choke on."""
    svg = diagram.svg
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1].lstrip()
    return svg.rstrip("\n")
