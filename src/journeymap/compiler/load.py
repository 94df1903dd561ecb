"""The library API's loading half: journeys from files or text (drawing is emit.pipeline's).

The CLI, editor plugins and docs-site plugins all come through here. Nothing
in this module prints or exits: problems come back as `Diagnostic`s, and
`load`/`loads` raise `JourneyError` carrying them.
"""

from pathlib import Path
from typing import NamedTuple

from journeymap.compiler import compile_path, compile_text
from journeymap.compiler.files import read_path
from journeymap.language.source import check_json_escapes, decode
from journeymap.model.diagnostics import Collector, Diagnostic, JourneyError
from journeymap.model.journey import Journey


class Compiled(NamedTuple):
    """What compiling one input gave: the journey (None on errors) and every diagnostic."""

    name: str
    journey: Journey | None
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def _looks_like_json(text: str) -> bool:
    return text.lstrip().startswith("{")


def journey_from_json(text: str, name: str, diagnostics: Collector) -> Journey | None:
    """The journey in a JSON model's text (LANGUAGE.md section 9); problems go to `diagnostics`."""
    from journeymap.compiler import jsonio  # and json with it: a `.journey` file needs neither

    diagnostics.add_source(name, text)
    if not check_json_escapes(text, name, diagnostics):
        return None
    return jsonio.loads(text, name, diagnostics)


def compile_file(
    path: str | Path, *, root: str | Path | None = None, data: tuple[str, ...] = ()
) -> Compiled:
    """Compile a `.journey` file, or read a `.json` model; never raises on bad input.

    `data` holds `--data FILE[:key=value,…]` arguments; a JSON model never reads data files.
    """
    diagnostics = Collector()
    shown = str(path)
    root_path = Path(root) if root is not None else None
    if shown.endswith(".json"):
        source = read_path(Path(path), shown, diagnostics)
        journey = journey_from_json(source.text, shown, diagnostics) if source else None
    else:
        journey = compile_path(Path(path), diagnostics, display=shown, root=root_path, data=data)
    return Compiled(shown, journey, diagnostics.sorted())


def compile_bytes(
    data: bytes,
    *,
    name: str = "<stdin>",
    root: str | Path | None = None,
    data_files: tuple[str, ...] = (),
) -> Compiled:
    """Compile source given as bytes (standard input); JSON when it starts with `{`."""
    diagnostics = Collector()
    text = decode(data, name, diagnostics)
    if text is None:
        return Compiled(name, None, diagnostics.sorted())
    return _compile_string(text, name, root, diagnostics, data_files)


def compile_string(
    text: str, *, name: str = "<string>", root: str | Path | None = None
) -> Compiled:
    """Compile source text; a JSON model when its first non-blank character is `{`."""
    diagnostics = Collector()
    checked = decode(text.encode("utf-8", "surrogatepass"), name, diagnostics)
    if checked is None:
        return Compiled(name, None, diagnostics.sorted())
    return _compile_string(checked, name, root, diagnostics)


def _compile_string(
    text: str,
    name: str,
    root: str | Path | None,
    diagnostics: Collector,
    data_files: tuple[str, ...] = (),
) -> Compiled:
    if _looks_like_json(text):
        journey = journey_from_json(text, name, diagnostics)
    else:
        journey = compile_text(
            text,
            name,
            diagnostics,
            root=Path(root) if root is not None else Path.cwd(),
            data=data_files,
        )
    return Compiled(name, journey, diagnostics.sorted())


def _unwrap(result: Compiled) -> Journey:
    if result.journey is None or result.has_errors:
        raise JourneyError(result.diagnostics)
    return result.journey


def load(path: str | Path, *, root: str | Path | None = None) -> Journey:
    """The journey in the file at `path`; raises `JourneyError` on bad input."""
    return _unwrap(compile_file(path, root=root))


def loads(text: str, *, name: str = "<string>", root: str | Path | None = None) -> Journey:
    """The journey in `text` (`.journey` source or JSON); raises `JourneyError`."""
    return _unwrap(compile_string(text, name=name, root=root))
