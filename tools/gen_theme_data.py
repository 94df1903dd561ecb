"""Generate src/journeymap/layout/shipped_themes.py from themes/*.toml.

Usage:

    python tools/gen_theme_data.py            # rewrite the module
    python tools/gen_theme_data.py --check    # exit 1 if the module is stale

Every render reads the shipped default theme, and importing `tomllib` to parse
it cost more than the rest of loading it. The module holds what `tomllib.loads`
gives for each shipped file, as Python literals, with the text it was parsed
from: the theme loader uses it only for that exact text and parses any other.
The TOML files stay the source; tests/layout/test_shipped_themes.py fails when
the module is stale.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
THEMES = REPO / "themes"
OUTPUT = REPO / "src" / "journeymap" / "layout" / "shipped_themes.py"

HEADER = '''"""The shipped themes, parsed: what `tomllib.loads` gives for each file in themes/.

Generated from themes/*.toml by `python tools/gen_theme_data.py`
(`make generated`): do not edit. Each entry is the file's text and a function
returning a fresh copy of its parsed data; the theme loader uses it only when
the text it read is exactly that text (see `journeymap.layout.themes`).
"""

from collections.abc import Callable
from typing import Any
'''


def _literal(value: Any, indent: str = "") -> str:
    """`value` as Python source, laid out as `ruff format` keeps it (trailing commas)."""
    inner = indent + "    "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = "".join(f"{inner}{_literal(k)}: {_literal(v, inner)},\n" for k, v in value.items())
        return "{\n" + items + indent + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"{inner}{_literal(v, inner)},\n" for v in value) + indent + "]"
    if isinstance(value, str):
        shown = repr(value)
        if shown.startswith("'") and '"' not in value:
            shown = '"' + shown[1:-1].replace("\\'", "'") + '"'
        return shown
    if isinstance(value, bool | int | float):
        return repr(value)
    raise TypeError(f"a theme value journeymap does not ship: {value!r}")


def _function_name(name: str) -> str:
    return "_" + name.replace("-", "_")


def _text_name(name: str) -> str:
    return "_" + name.replace("-", "_").upper() + "_TEXT"


def module_text(sources: dict[str, str]) -> str:
    """The generated module for the theme texts `sources` (by theme name)."""
    parts = [HEADER]
    for name, text in sorted(sources.items()):
        data = tomllib.loads(text)
        parts.append(
            f"\n\ndef {_function_name(name)}() -> dict[str, Any]:\n"
            f"    return {_literal(data, '    ')}\n"
        )
    for name, text in sorted(sources.items()):
        lines = "".join(f"    {_literal(line)}\n" for line in text.splitlines(keepends=True))
        parts.append(f"\n\n{_text_name(name)} = (\n{lines})\n")
    entries = "".join(
        f'    "{name}.toml": ({_text_name(name)}, {_function_name(name)}),\n'
        for name, text in sorted(sources.items())
    )
    parts.append(
        "\n\nTHEMES: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {\n" + entries + "}\n"
    )
    return "".join(parts)


def shipped_sources() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in THEMES.glob("*.toml")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the module is stale")
    args = parser.parse_args(argv)
    text = module_text(shipped_sources())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(REPO)} is stale: run python tools/gen_theme_data.py")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
