"""The files a `.journey` file reads, found by a quick scan rather than a compile.

Batch rendering hashes them to decide whether an output is stale, and watch
mode watches them, so both must be cheap. The scan reads `include "…"` and
`theme: …` lines with a regular expression: it may miss an include only on a
line the compiler would reject anyway, and then the compile reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from journeymap.layout.themes import check_theme_path

MAX_DEPTH = 16
"""As deep as the compiler follows includes (LANGUAGE.md section 7)."""

_INCLUDE = re.compile(r'^[ \t]*include[ \t]+"((?:[^"\\\r\n]|\\.)*)"', re.MULTILINE)
_THEME = re.compile(
    r'^[ \t\ufeff]*theme[ \t]*:[ \t]*(?:"((?:[^"\\\r\n]|\\.)*)"|([^#\r\n]*))', re.MULTILINE
)
_ESCAPE = re.compile(r"\\(.)")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def source_files(
    path: Path, root: Path | None = None, resolved: dict[Path, Path] | None = None
) -> list[Path]:
    """`path` and every file it includes, transitively: resolved, each once, in reading
    order. Includes that leave `root` (default: the file's directory) or do not exist
    are left out; compiling reports them.

    `resolved` caches `Path.resolve` across the calls of one batch run, where every file
    resolves the same root and mostly the same shared includes (a long-lived caller,
    such as watch, passes none: links may change between its calls)."""
    real = _resolver(resolved)
    main = real(path)
    base = real(root or main.parent)
    found: list[Path] = [main]
    pending: list[tuple[Path, int]] = [(main, 0)]
    while pending:
        current, depth = pending.pop(0)
        if depth >= MAX_DEPTH:
            continue
        for match in _INCLUDE.finditer(_read(current)):
            ref = _unescape(match.group(1))
            if not ref or Path(ref).is_absolute():
                continue
            target = real(current.parent / ref)
            if not target.is_relative_to(base) or not target.is_file() or target in found:
                continue
            found.append(target)
            pending.append((target, depth + 1))
    return found


def _resolver(cache: dict[Path, Path] | None) -> Callable[[Path], Path]:
    if cache is None:
        return Path.resolve

    def real(path: Path) -> Path:
        known = cache.get(path)
        if known is None:
            known = cache[path] = path.resolve()
        return known

    return real


def theme_ref(path: Path) -> str | None:
    """The `theme:` a file names, if any (the first one: a second is a compile error)."""
    match = _THEME.search(_read(path))
    if match is None:
        return None
    ref = _unescape(match.group(1)) if match.group(1) is not None else match.group(2).strip()
    return ref or None


def theme_file(ref: str, base: Path, root: Path | None = None) -> Path | None:
    """The file theme `ref` loads: a shipped theme by name, or a path from `base`.

    The rules are loading's (`check_theme_path`): a path leaving `root`, not
    `.toml`, not a regular file or over 1 MB gives None, so hashing reads no
    more than loading would.
    """
    return check_theme_path(ref, base, root)[0]
