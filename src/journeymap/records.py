"""Dataclasses that cost little to define: `frozen_record` and `record`.

`@dataclass(frozen=True)` compiles six methods per class, one `exec` each
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`).
The model, themes, scene and layout define about forty such classes, and
defining them was a quarter of a cold `journeymap render`. A record compiles
only its `__init__`: equality, hashing and `repr` are shared functions,
defined once here, that behave as a dataclass's do (by value, over the same
fields).

- `frozen_record` (the model, themes, options): instances cannot change at
  run time either; assigning or deleting a field raises FrozenInstanceError.
- `record` (the scene's shapes, layout's small records): slotted, and frozen
  to mypy only, because a big drawing builds hundreds of thousands of them.

Both stay real dataclasses: `dataclasses.fields`, `replace` and `asdict`
work, and mypy sees frozen dataclasses (`dataclass_transform`). A
`frozen_record` supports plain fields only (defaults and default factories;
no `init=False`, `kw_only`, `InitVar` or `__post_init__`): what the model needs.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, FrozenInstanceError, InitVar, dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    get = self.__record_compared__
    return get(self) == get(other)


def _hash(self: Any) -> int:
    return hash(self.__record_hashed__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{self.__class__.__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    # `__init__` sets each field once; any later assignment is refused, as a
    # frozen dataclass refuses it (FrozenInstanceError is an AttributeError).
    if name in self.__dict__ or name not in self.__record_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _tuple_getter(names: tuple[str, ...]) -> Any:
    """A function from an object to the tuple of its `names` (a 1-tuple for one name)."""
    if len(names) == 1:
        (only,) = names
        return lambda obj: (getattr(obj, only),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)


def _init_source(every: tuple[Field[Any], ...]) -> tuple[str, dict[str, Any]]:
    """The source of an `__init__` that stores each field straight into `__dict__`.

    Dict stores, not `object.__setattr__` calls: building the model of a big
    journey makes tens of thousands of records, so this is also faster to call
    than a frozen dataclass's `__init__`.
    """
    params, body = ["self"], ["__d = self.__dict__"]
    names: dict[str, Any] = {"_MISSING": MISSING}
    for f in every:
        if f.name in ("self", "__d", "_MISSING") or f.name.startswith(("_default_", "_factory_")):
            raise TypeError(f"frozen_record reserves the name {f.name!r} for its __init__")
        if not f.init or f.kw_only or isinstance(f.type, InitVar):
            raise TypeError(f"frozen_record does not support field {f.name!r} as declared")
        if f.default is not MISSING:
            names[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"if {f.name} is _MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(f"__d[{f.name!r}] = {f.name}")
    lines = "\n    ".join(body)
    return f"def __init__({', '.join(params)}) -> None:\n    {lines}\n", names


def _give_value_methods(made: Any) -> None:
    """Equality, hashing and repr by value over the dataclass fields, as a dataclass's are."""
    every = fields(made)
    compared = tuple(f.name for f in every if f.compare)
    hashed = tuple(f.name for f in every if (f.compare if f.hash is None else f.hash))
    made.__record_compared__ = staticmethod(_tuple_getter(compared))
    made.__record_hashed__ = staticmethod(_tuple_getter(hashed))
    made.__record_shown__ = tuple(f.name for f in every if f.repr)
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr


@dataclass_transform(frozen_default=True)
def frozen_record(cls: type[_T]) -> type[_T]:
    """Make `cls` a dataclass whose instances, once built, cannot change."""
    made: Any = dataclass(init=False, repr=False, eq=False)(cls)
    if hasattr(made, "__post_init__"):
        raise TypeError(f"frozen_record does not call __post_init__ ({made.__qualname__})")
    every = fields(made)
    source, names = _init_source(every)
    exec(source, names)  # what dataclass does for each method; here only for this one
    init = names["__init__"]
    init.__qualname__ = f"{made.__qualname__}.__init__"
    made.__init__ = init
    made.__record_fields__ = frozenset(f.name for f in every)
    _give_value_methods(made)
    made.__setattr__ = _setattr
    made.__delattr__ = _delattr
    return cls


@dataclass_transform(frozen_default=True)
def record(cls: type[_T]) -> type[_T]:
    """A frozen dataclass to the type checker; at run time a slotted one that mypy guards.

    For the scene's shapes and layout's small records: a big drawing makes
    hundreds of thousands of them, and even the write-once check of
    `frozen_record` would cost a Python call per field. mypy rejects any
    assignment to a field; nothing checks it at run time.
    """
    made: Any = dataclass(slots=True, repr=False, eq=False)(cls)
    _give_value_methods(made)
    return made  # type: ignore[no-any-return]
