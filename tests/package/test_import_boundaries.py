"""Each stage of the pipeline imports only the libraries its stage needs (STYLE.md).

Read with `ast`, so an import inside a function counts as much as one at the
top: lark only in the parser, click only in the CLI, graphviz only in the DOT
emitter, the rasteriser only in the PNG emitter, each optional integration
only in its own module, pygls only in the language server (lsp/), and
svgwrite nowhere (it checks our SVG in the tests).
A place ending in `/` is a package: any module in it may import the library.
An import inside a function must say why it is there (issue 19, item 4).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "journeymap"

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
    # The language server's extra: only its own package, which `journeymap lsp` imports.
    "pygls": {"lsp/"},
    "lsprotocol": {"lsp/"},
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


# Imports inside functions defer something heavy off a common path (lark,
# click, a view's layout, a format's writer, json); each says which on its
# line or on the line before (for a run of imports, before the first).


def _under_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def unexplained_imports(source: str) -> list[int]:
    """Lines of imports inside functions with no comment saying why (none under TYPE_CHECKING)."""
    lines = source.splitlines()
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _under_type_checking(child):
                continue
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(ast.parse(source), False)
    ending_at = {node.end_lineno: node for node in found}
    missing = []
    for node in found:
        first = node
        while first.lineno - 1 in ending_at:  # a run of imports: its comment is before the first
            first = ending_at[first.lineno - 1]
        own = lines[node.lineno - 1 : node.end_lineno]
        before = lines[first.lineno - 2] if first.lineno > 1 else ""
        if not any("#" in line for line in own) and not before.strip().startswith("#"):
            missing.append(node.lineno)
    return missing


def test_every_import_inside_a_function_says_why() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        missing = unexplained_imports(path.read_text(encoding="utf-8"))
        if missing:
            found[where] = missing
    assert found == {}


def test_the_reason_check_sees_a_missing_comment() -> None:
    source = (
        "import os  # top of the module: not checked\n"
        "def f():\n"
        "    # the blueprint's layout: only when a blueprint is drawn\n"
        "    import a\n"
        "    import b\n"
        "\n"
        "    import c  # only for c\n"
        "    import d\n"
        "    if TYPE_CHECKING:\n"
        "        import e\n"
        "    class K:\n"
        "        def g(self):\n"
        "            from f import g\n"
    )
    assert unexplained_imports(source) == [8, 13]
