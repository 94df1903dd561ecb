"""Compile `.journey` source into the `Journey` model (parse, walk, check)."""

from __future__ import annotations

from pathlib import Path

from journeymap.compiler.data import DataSpec, spec_from_argument
from journeymap.compiler.files import SourceText, read_path
from journeymap.compiler.walker import Compiler
from journeymap.model.diagnostics import Collector
from journeymap.model.journey import Journey

__all__ = ["compile_path", "compile_text"]


def compile_text(
    text: str,
    display: str,
    diagnostics: Collector,
    *,
    root: Path | None = None,
    real: Path | None = None,
    data: tuple[str, ...] = (),
) -> Journey | None:
    """Compile checked source `text`; None when `diagnostics` has errors.

    `data` holds `--data` arguments (`FILE` or `FILE:key=value,…`), read after
    the file's own `data` statements (later files win).
    """
    diagnostics.add_source(display, text)
    base = root or (real.parent if real else Path.cwd())
    specs = _data_specs(data, diagnostics)
    return Compiler(base, diagnostics, specs).compile(SourceText(display, real, text))


def compile_path(
    path: Path,
    diagnostics: Collector,
    *,
    display: str | None = None,
    root: Path | None = None,
    data: tuple[str, ...] = (),
) -> Journey | None:
    """Read and compile the file at `path` (includes and data files resolve below `root`)."""
    shown = display or str(path)
    source = read_path(path, shown, diagnostics)
    if source is None:
        return None
    base = root or (source.real.parent if source.real else Path.cwd())
    return Compiler(base, diagnostics, _data_specs(data, diagnostics)).compile(source)


def _data_specs(arguments: tuple[str, ...], diagnostics: Collector) -> tuple[DataSpec, ...]:
    """The `--data` arguments as data specs (a bad one is reported and left out)."""
    specs = [spec_from_argument(argument, diagnostics) for argument in arguments]
    return tuple(spec for spec in specs if spec is not None)
