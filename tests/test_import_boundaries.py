"""Each stage of the pipeline imports only the libraries its stage needs (STYLE.md).

Read with `ast`, so an import inside a function counts as much as one at the
top: lark only in the parser, click only in the CLI, graphviz only in the DOT
emitter, the rasteriser only in the PNG emitter, each optional integration
only in its own module, and svgwrite nowhere (it checks our SVG in the tests).
A place ending in `/` is a package: any module in it may import the library.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "journeymap"

ALLOWED = {
    "lark": {"language/parser.py"},
    "click": {"cli/"},
    "graphviz": {"emit/dot.py"},
    "resvg_py": {"emit/png.py"},
    "svgwrite": set(),
    "mkdocs": {"integrations/mkdocs_plugin.py"},
    "sphinx": {"integrations/sphinx_ext.py"},
    "docutils": {"integrations/sphinx_ext.py"},
    "pygments": {"integrations/pygments_lexer.py"},
    "watchfiles": {"cli/watch.py"},
}


def imported_libraries(path: Path) -> set[str]:
    """The top-level names of everything `path` imports, anywhere in the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _place(where: str, allowed: set[str]) -> str:
    """The entry of `allowed` that `where` falls under (itself when none does)."""
    return next((p for p in allowed if p.endswith("/") and where.startswith(p)), where)


def test_libraries_stay_in_their_stage() -> None:
    found: dict[str, set[str]] = {library: set() for library in ALLOWED}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        for library in imported_libraries(path) & ALLOWED.keys():
            found[library].add(_place(where, ALLOWED[library]))
    assert {lib: sorted(found[lib] - ALLOWED[lib]) for lib in ALLOWED} == {
        lib: [] for lib in ALLOWED
    }
    # Every library in the table is really used where it is allowed, so the
    # table cannot go stale in the permissive direction.
    assert {lib: sorted(ALLOWED[lib] - found[lib]) for lib in ALLOWED} == {
        lib: [] for lib in ALLOWED
    }


def test_the_reader_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from lark.exceptions import X\n    import click.core\n")
    assert imported_libraries(module) == {"lark", "click"}
