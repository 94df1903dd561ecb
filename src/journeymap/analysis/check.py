"""`check` with the linter: compile a file or text, lint the journey, apply silences.

`journeymap.compiler.load` compiles; this module adds the lint warnings and reads the
ignore comments of every file the journey came from (the main file and its
includes), so that `# journeymap: ignore[CODE]` silences the compiler's
warnings (W101) as well as the linter's.
"""

from __future__ import annotations

from pathlib import Path

from journeymap.analysis.ignores import silenced_lines
from journeymap.analysis.lint import is_silenced, lint
from journeymap.compiler import compile_path, compile_text
from journeymap.compiler.files import read_path
from journeymap.compiler.load import Compiled, journey_from_json
from journeymap.language.source import decode
from journeymap.model.diagnostics import Collector, Diagnostic, Location
from journeymap.model.journey import Journey


class _Sources(Collector):
    """A collector that also keeps each file's text, to read its ignore comments."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}

    def add_source(self, file: str, text: str) -> None:
        super().add_source(file, text)
        self.texts[file] = text


def _at_statement(location: Location, collector: _Sources) -> Location:
    """The model has lines only: point at the statement's first word, not at its indent."""
    text = collector.texts.get(location.file)
    if text is None or location.line <= 0:
        return location
    # The collector's lines, split once per file: splitting the text for each
    # finding made a file with a warning per step quadratic.
    lines = collector.lines(location.file, text)
    if location.line > len(lines):
        return location
    line = lines[location.line - 1]
    stripped = line.lstrip()
    word = stripped.split(maxsplit=1)[0] if stripped else ""
    return Location(location.file, location.line, len(line) - len(stripped) + 1, max(1, len(word)))


def _in_json(location: Location, name: str, texts: dict[str, str]) -> Location:
    """A JSON model's warning at its object in the JSON, not at the `.journey` line it names."""
    text = texts.get(name)
    if location.file != name or location.line <= 0 or text is None:
        return location
    from journeymap.compiler.jsonio import place_of_line  # and json with it: JSON models only

    place = place_of_line(text, location.line)
    if place is None:
        return Location(name)  # the whole model: no line of it is the one meant
    return Location(name, place[0], place[1])


def _finish(
    name: str, journey: Journey | None, collector: _Sources, ignore: frozenset[str], is_json: bool
) -> Compiled:
    if journey is not None and not collector.has_errors:
        for found in lint(journey, main_file=name):
            # Reported through the collector so the source line is quoted, like the compiler's.
            if is_json:
                where = _in_json(found.location, name, collector.texts)
            else:
                where = _at_statement(found.location, collector)
            collector.report(found.severity, found.code, found.message, where, found.hint)
    silenced: dict[tuple[str, int], frozenset[str]] = {}
    if not is_json:
        for file, text in collector.texts.items():
            silenced.update(silenced_lines(text, file))
    kept = [d for d in collector.sorted() if not is_silenced(d, ignore, silenced)]
    return Compiled(name, journey, kept)


def check_file(
    path: str | Path,
    *,
    root: str | Path | None = None,
    ignore: frozenset[str] = frozenset(),
    data: tuple[str, ...] = (),
) -> Compiled:
    """Compile a `.journey` file (or read a `.json` model) and lint it; never raises."""
    collector = _Sources()
    shown = str(path)
    if shown.endswith(".json"):
        source = read_path(Path(path), shown, collector)
        journey = journey_from_json(source.text, shown, collector) if source else None
        return _finish(shown, journey, collector, ignore, True)
    root_path = Path(root) if root is not None else None
    journey = compile_path(Path(path), collector, display=shown, root=root_path, data=data)
    return _finish(shown, journey, collector, ignore, False)


def check_string(
    text: str,
    *,
    name: str = "<string>",
    root: str | Path | None = None,
    ignore: frozenset[str] = frozenset(),
    path: str | Path | None = None,
) -> Compiled:
    """Compile source text (or a JSON model, when it starts with `{`) and lint it.

    `path` is the file the text is the unsaved content of (an editor's buffer):
    includes then resolve from its directory, below `root` or that directory,
    as they do for `check_file`.
    """
    data = text.encode("utf-8", "surrogatepass")
    return check_bytes(data, name=name, root=root, ignore=ignore, path=path)


def check_bytes(
    data: bytes,
    *,
    name: str = "<stdin>",
    root: str | Path | None = None,
    ignore: frozenset[str] = frozenset(),
    path: str | Path | None = None,
    data_files: tuple[str, ...] = (),
) -> Compiled:
    """Compile source given as bytes (standard input) and lint it (`path`: see `check_string`)."""
    collector = _Sources()
    text = decode(data, name, collector)
    if text is None:
        return Compiled(name, None, collector.sorted())
    if text.lstrip().startswith("{"):
        journey = journey_from_json(text, name, collector)
        return _finish(name, journey, collector, ignore, True)
    real = Path(path).resolve() if path is not None else None
    if root is not None:
        base: Path | None = Path(root)
    else:
        base = None if real is not None else Path.cwd()  # None: the file's own directory
    journey = compile_text(text, name, collector, root=base, real=real, data=data_files)
    return _finish(name, journey, collector, ignore, False)


def check_diagnostics(
    item: tuple[str, str | None],
    ignore: frozenset[str] = frozenset(),
    data: tuple[str, ...] = (),
) -> list[Diagnostic]:
    """`check_file`'s diagnostics for (path, include root): what directory mode's workers
    send back (the journey itself is not needed, and is costly to send between processes)."""
    name, root = item
    return check_file(name, root=root, ignore=ignore, data=data).diagnostics
