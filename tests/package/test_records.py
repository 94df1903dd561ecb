"""Records are NamedTuples: immutable, compared by value, and defined without compiling source."""

import ast
from pathlib import Path

import pytest

from journeymap.layout.scene import Group, Rect
from journeymap.layout.themes import default_theme
from journeymap.model.journey import Journey, Lanes, Stage, Step

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "journeymap"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_model_and_theme_records_cannot_be_changed() -> None:
    step = Step(id="s", name="Pays")
    with pytest.raises(AttributeError):
        step.name = "Other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        step.other = 1  # type: ignore[attr-defined]
    theme = default_theme()
    with pytest.raises(AttributeError):
        theme.name = "x"  # type: ignore[misc]
    assert step == Step("s", "Pays")


def test_records_compare_and_hash_by_value_and_change_by_copy() -> None:
    assert Journey(title="t") == Journey(title="t") != Journey(title="u")
    assert len({Rect(0, 0, 1, 1), Rect(0, 0, 1, 1), Rect(0, 0, 1, 2)}) == 2
    step = Step("s", "Pays", count=3)
    assert step.count == 3  # the field, not tuple.count
    moved = step._replace(name="Paid")
    assert (moved.name, step.name) == ("Paid", "Pays")
    assert Stage(None, None, steps=(step,))._asdict()["steps"] == (step,)
    # A default record is shared, which is safe because it cannot change.
    assert Step("a", "A").lanes is Step("b", "B").lanes == Lanes()


def test_a_scene_group_holds_shapes_and_groups() -> None:
    inner = Group("inner", (Rect(0, 0, 1, 1),))
    assert Group("outer", (inner,)).items[0].items == (Rect(0, 0, 1, 1),)


def _defines_a_named_tuple(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id == "NamedTuple" for b in node.bases)
        for node in ast.walk(tree)
    )


def _has_future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(a.name == "annotations" for a in node.names)
        for node in tree.body
    )


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(PACKAGE).as_posix() for p in SOURCES])
def test_records_are_named_tuples_whose_annotations_typing_need_not_compile(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert "dataclasses" not in imported  # one record mechanism: typing.NamedTuple
    if _defines_a_named_tuple(tree):
        # With string annotations, typing would compile each field's at import.
        assert not _has_future_annotations(tree)
