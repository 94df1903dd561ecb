"""A frozen record behaves as `@dataclass(frozen=True)` does, for every use the code makes of it."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, asdict, dataclass, field, fields, replace

import pytest

from journeymap.model.records import frozen_record


@frozen_record
class Card:
    """A record under test."""

    id: str
    notes: tuple[str, ...] = ()
    hidden: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Reference:
    """The same fields as a real frozen dataclass."""

    id: str
    notes: tuple[str, ...] = ()
    hidden: int = field(default=0, compare=False, repr=False)


@frozen_record
class Single:
    """One field: its hash is the hash of a 1-tuple, as a dataclass's is."""

    value: str


def test_equality_and_hash_are_by_value_over_the_compared_fields() -> None:
    a, b = Card("x", ("n",), hidden=1), Card("x", ("n",), hidden=2)
    assert a == b and hash(a) == hash(b)  # `hidden` is not compared, as in a dataclass
    assert a != Card("y", ("n",))
    assert hash(a) == hash(Reference("x", ("n",), hidden=5))
    assert hash(Single("v")) == hash(("v",))
    assert len({a, b, Card("y")}) == 2
    assert (a == Reference("x", ("n",))) is False  # another class is never equal


def test_repr_matches_a_dataclass() -> None:
    assert repr(Card("x", ("n",), 3)) == repr(Reference("x", ("n",), 3)).replace(
        "Reference", "Card"
    )


def test_fields_cannot_be_assigned_added_or_deleted() -> None:
    card = Card("x")
    with pytest.raises(FrozenInstanceError):
        card.id = "y"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        card.other = 1  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError):
        del card.notes  # type: ignore[misc]
    assert card == Card("x")


def test_dataclass_tools_work() -> None:
    card = Card("x", ("n",), 2)
    assert [f.name for f in fields(card)] == ["id", "notes", "hidden"]
    assert asdict(card) == {"id": "x", "notes": ("n",), "hidden": 2}
    changed = replace(card, id="y")
    assert changed.id == "y" and card.id == "x"
    assert pickle.loads(pickle.dumps(card)) == card
    assert copy.deepcopy(card) == card


def test_the_model_and_themes_are_records() -> None:
    from journeymap.layout.themes import default_theme
    from journeymap.model.journey import Journey, Step

    step = Step(id="s", name="Pays")
    with pytest.raises(FrozenInstanceError):
        step.name = "Other"  # type: ignore[misc]
    theme = default_theme()
    with pytest.raises(FrozenInstanceError):
        theme.name = "x"  # type: ignore[misc]
    assert Journey(title="t") == Journey(title="t")


def test_defaults_and_default_factories_are_fresh_per_instance() -> None:
    @frozen_record
    class Holder:
        """Holds a list made per instance."""

        items: list[str] = field(default_factory=list)
        label: str = "x"

    one, two = Holder(), Holder()
    assert one.items == [] and one.items is not two.items and one.label == "x"
    assert Holder(["a"], "y") == Holder(items=["a"], label="y")
    with pytest.raises(TypeError):
        Holder(["a"], "y", "z")  # type: ignore[call-arg]


def test_unsupported_declarations_are_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="post_init"):

        @frozen_record
        class Checked:
            """Would need __post_init__."""

            value: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="field 'hidden'"):

        @frozen_record
        class Hidden:
            """Has a field that __init__ does not take."""

            hidden: int = field(default=0, init=False)


def test_a_plain_record_has_value_semantics_and_slots() -> None:
    from journeymap.model.records import record

    @record
    class Point:
        """A shape-like record."""

        x: float
        y: float = 0.0

    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2)) == hash((1, 2)) and repr(Point(1)).endswith(".Point(x=1, y=0.0)")
    assert not hasattr(Point(1), "__dict__")  # slotted: small and quick to build
    assert replace(Point(1, 2), y=5) == Point(1, 5)


def test_a_field_named_like_the_init_s_own_names_is_refused_not_mixed_up() -> None:
    with pytest.raises(TypeError, match="reserves"):

        @frozen_record
        class Clash:
            """A field named like the sentinel would be mixed up with it in __init__."""

            _MISSING: int


def _described(cls: type) -> list[tuple[object, ...]]:
    return [
        (f.name, f.type, f.default, f.repr, f.compare, f.hash, dict(f.metadata))
        for f in fields(cls)
    ]


def test_fields_are_those_a_dataclass_declares_before_and_after_first_use() -> None:
    from dataclasses import is_dataclass

    from journeymap.model.records import record

    @frozen_record
    class Tagged:
        """Field options a theme uses (metadata) beside plain defaults."""

        kind: str = field(default="colour", metadata={"kind": "colour"})
        size: int = 3

    @record
    class Shape:
        """A slotted record with a default factory."""

        points: list[int] = field(default_factory=list)

    assert is_dataclass(Card) and is_dataclass(Tagged) and is_dataclass(Shape)
    assert _described(Card) == _described(Reference)  # asked before any Card is built here
    assert fields(Tagged)[0].metadata["kind"] == "colour" and Tagged().kind == "colour"
    assert Tagged.size == 3 and Tagged(size=4).size == 4  # a default stays a class attribute
    assert [f.name for f in fields(Shape(points=[1]))] == ["points"]
    assert Shape().points == [] and Shape().points is not Shape().points
    assert Card.__match_args__ == ("id", "notes", "hidden")
    match Card("x"):
        case Card(name, notes):
            assert (name, notes) == ("x", ())


def test_init_has_the_fields_signature_once_built() -> None:
    import inspect

    Card("warm")  # the first call compiles the real __init__
    parameters = inspect.signature(Card).parameters
    assert [(p.name, p.default) for p in parameters.values()] == [
        ("id", inspect.Parameter.empty),
        ("notes", ()),
        ("hidden", 0),
    ]
    with pytest.raises(TypeError):
        Card()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Card("x", bogus=1)  # type: ignore[call-arg]


def test_declarations_a_record_cannot_honour_are_refused() -> None:
    from typing import ClassVar

    with pytest.raises(TypeError, match="inherit"):

        @frozen_record
        class Derived(Card):  # type: ignore[misc]
            """Inherits fields."""

    with pytest.raises(TypeError, match="field 'count'"):

        @frozen_record
        class Counted:
            """A class variable is not a field."""

            count: ClassVar[int] = 0
