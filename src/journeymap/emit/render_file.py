"""Draw one compiled file into bytes, reporting every problem as a diagnostic.

What each command does per file once its arguments are read: `render` (one
file, `--check`, `--out-dir` in worker processes), watch, serve and the
pre-commit hook. It picks the theme (`journeymap.layout.themes.resolve_theme`)
and draws through `journeymap.emit.pipeline.draw`; no printing, no writing.
"""

from pathlib import Path
from typing import NamedTuple

from journeymap.compiler.load import Compiled, compile_file
from journeymap.emit import formats
from journeymap.emit.errors import GraphvizError, RasterError
from journeymap.emit.pipeline import DrawOptions, draw
from journeymap.layout.themes import resolve_theme
from journeymap.model.diagnostics import Diagnostic, Location, Severity


class RenderOptions(NamedTuple):
    """What to draw, the same for every file of a run."""

    view: str = "map"
    fmt: str = "svg"
    theme: str | None = None
    personas: tuple[str, ...] | None = None
    stages: tuple[str, ...] | None = None
    lanes: tuple[str, ...] | None = None
    scale: float = 1.0
    engine: str = "native"

    def suffix(self) -> str:
        return formats.suffix_of(self.fmt)

    def validate(self) -> None:
        """Raise `ValueError` for a combination no file could be drawn in."""
        formats.engine_for(self.view, self.fmt, self.engine)


def _error(name: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, Location(name))


def _own_directory(name: str) -> Path:
    """Where a file's own `theme:` resolves from: its directory (the working one for stdin)."""
    path = Path(name)
    return path.resolve().parent if path.is_file() else Path.cwd()


def draw_compiled(
    compiled: Compiled,
    options: RenderOptions,
    *,
    annotate: bool = False,
    root: str | Path | None = None,
) -> tuple[bytes | None, tuple[Diagnostic, ...]]:
    """The drawn bytes of a compiled file (None on errors) and the problems of drawing it.

    The theme is `options.theme` (from the working directory), else the
    journey's own `theme:` (from its file's directory, and inside `root` as
    includes are: by default that directory); formats drawn without a theme
    load none. Errors of `compiled` itself are the caller's to check.
    """
    journey = compiled.journey
    assert journey is not None
    theme = None
    problems: list[Diagnostic] = []
    if formats.FORMATS[options.fmt].themed:
        theme, problems = resolve_theme(
            options.theme,
            journey.theme,
            option_base=Path.cwd(),
            own_base=_own_directory(compiled.name),
            own_root=Path(root) if root is not None else None,
        )
        if theme is None and problems:
            return None, tuple(problems)
    drawing = DrawOptions(
        options.personas,
        options.stages,
        options.lanes,
        options.scale,
        options.engine,
        annotate,
        compiled.name,
    )
    try:
        drawn = draw(journey, options.view, options.fmt, theme, drawing)
    except RasterError as exc:
        return None, (*problems, _error(compiled.name, "E702", str(exc)))
    except GraphvizError as exc:
        return None, (*problems, _error(compiled.name, "E704", str(exc)))
    if options.fmt == "png":
        # PNG only: reads the installed fonts' character maps, and only when needed.
        from journeymap.emit.font_cover import missing_fonts_warning

        warning = missing_fonts_warning(journey, compiled.name)
        if warning is not None:
            problems.append(warning)
    return drawn, tuple(problems)


def render_file(
    source: Path, options: RenderOptions, root: Path | None = None, *, annotate: bool = False
) -> tuple[bytes | None, tuple[Diagnostic, ...]]:
    """The drawn bytes of `source` (None when it has errors) and its diagnostics.

    `annotate` is an argument rather than an option because batch rendering
    hashes the options into its manifest: a new field would make every output stale.
    """
    result = compile_file(source, root=root)
    if result.journey is None or result.has_errors:
        return None, tuple(result.diagnostics)
    drawn, problems = draw_compiled(result, options, annotate=annotate, root=root)
    return drawn, (*result.diagnostics, *problems)
