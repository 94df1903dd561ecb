"""Find the files journeymap ships: the grammar and the themes.

In an installed wheel they live inside the package (`journeymap/grammar`,
`journeymap/themes`, mapped in by pyproject.toml); in a source checkout they
live at the top of the repository. Both layouts are supported so that tests
run from the tree and from a built wheel alike.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_SOURCE_TREE = _PACKAGE_DIR.parents[1]


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _SOURCE_TREE / name


def grammar_path() -> Path:
    """The `.journey` grammar (`journey.lark`)."""
    return _data_dir("grammar") / "journey.lark"


def themes_dir() -> Path:
    return _data_dir("themes")


def theme_names() -> list[str]:
    """Names of the shipped themes, sorted."""
    return sorted(p.stem for p in themes_dir().glob("*.toml"))


def theme_path(name: str) -> Path | None:
    """The shipped theme called `name`, or None."""
    path = themes_dir() / f"{name}.toml"
    return path if path.is_file() else None
