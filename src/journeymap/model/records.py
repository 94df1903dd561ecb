"""Dataclasses that cost little to define: `frozen_record` and `record`.

`@dataclass(frozen=True)` compiles six methods per class, one `exec` each
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`),
and works out each field's declaration on the way. The model, themes, scene
and layout define about fifty such classes, and defining them was a quarter
of a cold `journeymap render`. A record reads its fields straight from the
class body and compiles only its `__init__`, on the first call (a run
defines many records it never builds). Equality, hashing and `repr` are
shared functions, defined once here, that behave as a dataclass's do (by
value, over the same fields).

- `frozen_record` (the model, themes, options): instances cannot change at
  run time either; assigning or deleting a field raises FrozenInstanceError.
- `record` (the scene's shapes, layout's small records): slotted, and frozen
  to mypy only, because a big drawing builds hundreds of thousands of them.

Both stay real dataclasses: `dataclasses.fields`, `replace` and `asdict`
work (the dataclass machinery runs on the first question that needs it),
and mypy sees frozen dataclasses (`dataclass_transform`). Records support
plain fields only (defaults and `field(...)` with defaults, default
factories or `repr`/`compare`/`hash`/`metadata`; no `init=False`, `kw_only`,
`ClassVar`, `InitVar`, `__post_init__` or inheritance): what the code needs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
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
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delattr(self: Any, name: str) -> None:
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot delete field {name!r}")


class _Missing:
    """No default given: `dataclasses.MISSING`'s role, without importing dataclasses."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FieldSpec:
    """What `field(...)` declares: a record field's default or factory, flags and metadata."""

    __slots__ = ("compare", "default", "default_factory", "hash", "metadata", "repr")

    def __init__(
        self,
        default: Any,
        default_factory: Any,
        repr: bool,
        hash: bool | None,
        compare: bool,
        metadata: Mapping[str, Any],
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = metadata

    def as_dataclass_field(self) -> Any:
        """The same declaration as a `dataclasses.field`, for the dataclass machinery."""
        import dataclasses

        options: dict[str, Any] = {"repr": self.repr, "hash": self.hash, "compare": self.compare}
        options["metadata"] = self.metadata or None
        if self.default is not MISSING:
            options["default"] = self.default
        if self.default_factory is not MISSING:
            options["default_factory"] = self.default_factory
        return dataclasses.field(**options)


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    metadata: Mapping[str, Any] | None = None,
) -> Any:
    """A record field with a default factory, flags or metadata, as `dataclasses.field`.

    Records take `dataclasses.field` too; this one spares importing the
    dataclass machinery (and `inspect`) at start-up.
    """
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return FieldSpec(default, default_factory, repr, hash, compare, dict(metadata or {}))


def _spec_of(given: object, name: str, where: str) -> FieldSpec | None:
    """The `field(...)` declaration `given` (ours or dataclasses'), or None for a plain value."""
    if isinstance(given, FieldSpec):
        return given
    dataclasses = sys.modules.get("dataclasses")  # imported if anything made such a field
    if dataclasses is None or not isinstance(given, dataclasses.Field):
        return None
    if not given.init or given.kw_only is True:
        raise TypeError(f"a record does not support field {name!r} as declared ({where})")
    nothing = dataclasses.MISSING
    return FieldSpec(
        MISSING if given.default is nothing else given.default,
        MISSING if given.default_factory is nothing else given.default_factory,
        given.repr,
        given.hash,
        given.compare,
        dict(given.metadata),
    )


def _tuple_getter(names: tuple[str, ...]) -> Any:
    """A function from an object to the tuple of its `names` (a 1-tuple for one name)."""
    if len(names) == 1:
        (only,) = names
        return lambda obj: (getattr(obj, only),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)


_SPECIAL = re.compile(r"\b(?:ClassVar|InitVar|KW_ONLY)\b")
_RESERVED = frozenset({"self", "__d", "_MISSING"})


class _Declared:
    """A record's fields as its class body declares them: names, defaults, flags."""

    def __init__(self, cls: type) -> None:
        where = cls.__qualname__
        if cls.__bases__ != (object,):
            raise TypeError(f"a record cannot inherit ({where})")
        if "__post_init__" in cls.__dict__:
            raise TypeError(f"a record does not call __post_init__ ({where})")
        # What inspect.get_annotations gives for a class that inherits nothing;
        # importing inspect costs a cold start several milliseconds.
        self.annotations: dict[str, Any] = dict(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
        self.values = {n: cls.__dict__[n] for n in self.annotations if n in cls.__dict__}
        self.specs = {
            name: spec
            for name, given in self.values.items()
            if (spec := _spec_of(given, name, where)) is not None
        }
        for name, annotation in self.annotations.items():
            if name in _RESERVED or name.startswith(("_default_", "_factory_")):
                raise TypeError(f"a record reserves the name {name!r} for its __init__")
            # Our modules all use `from __future__ import annotations`, so each
            # annotation is the string written; ClassVar and the like are refused.
            if not isinstance(annotation, str) or _SPECIAL.search(annotation):
                raise TypeError(f"a record does not support field {name!r} as declared")
        self.names = tuple(self.annotations)

    def flagged(self, flag: str) -> tuple[str, ...]:
        """The fields whose `repr`, `compare` or `hash` flag is on, as a dataclass reads them."""
        return tuple(name for name in self.names if _flag(self.specs.get(name), flag))

    def init_source(self, into_dict: bool) -> tuple[str, dict[str, Any]]:
        """The source of an `__init__` and the names it refers to.

        A `frozen_record`'s stores straight into `__dict__`, not through
        `object.__setattr__` calls: building the model of a big journey makes
        tens of thousands of records, so this is also faster to call than a
        frozen dataclass's `__init__`.
        """
        params, body = ["self"], ["__d = self.__dict__"] if into_dict else []
        names: dict[str, Any] = {"_MISSING": MISSING}
        for name in self.names:
            spec = self.specs.get(name)
            default = self.values.get(name, MISSING) if spec is None else spec.default
            factory = MISSING if spec is None else spec.default_factory
            if default is not MISSING:
                names[f"_default_{name}"] = default
                params.append(f"{name}=_default_{name}")
            elif factory is not MISSING:
                names[f"_factory_{name}"] = factory
                params.append(f"{name}=_MISSING")
                body.append(f"if {name} is _MISSING: {name} = _factory_{name}()")
            else:
                params.append(name)
            body.append(f"__d[{name!r}] = {name}" if into_dict else f"self.{name} = {name}")
        lines = "\n    ".join(body or ["pass"])
        return f"def __init__({', '.join(params)}) -> None:\n    {lines}\n", names


def _flag(spec: FieldSpec | None, flag: str) -> bool:
    if spec is None:
        return True  # a plain default, or none: every flag on
    if flag == "hash" and spec.hash is None:
        return bool(spec.compare)  # hash follows compare unless given
    return bool(getattr(spec, flag))


def _compiled_on_first_call(cls: Any, declared: _Declared, into_dict: bool) -> Any:
    """An `__init__` that compiles the real one on its first call and puts it in its place."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        source, names = declared.init_source(into_dict)
        exec(source, names)  # what dataclass does, once per class
        init = names["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        type.__setattr__(cls, "__init__", init)
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


class _FieldsOnDemand:
    """`__dataclass_fields__`, worked out by the dataclass machinery when first asked.

    `fields`, `replace` and `asdict` read it. The machinery runs on a plain
    twin of the class (the same annotations and values), so nothing it sets
    can touch the record itself; the result then replaces this descriptor.
    """

    def __init__(self, declared: _Declared) -> None:
        self.declared = declared

    def __get__(self, instance: object, owner: type) -> Any:
        from dataclasses import dataclass

        declared = self.declared
        space = {
            "__annotations__": declared.annotations,
            "__module__": owner.__module__,
            "__qualname__": owner.__qualname__,
            "__doc__": owner.__doc__,
            **declared.values,
            **{n: s.as_dataclass_field() for n, s in declared.specs.items()},
        }
        twin: Any = dataclass(init=False, repr=False, eq=False)(type(owner.__name__, (), space))
        found = twin.__dataclass_fields__
        type.__setattr__(owner, "__dataclass_fields__", found)
        type.__setattr__(owner, "__dataclass_params__", twin.__dataclass_params__)
        return found


def field_metadata(cls: type) -> dict[str, Mapping[str, Any]]:
    """Each field of record `cls`, in order, with the metadata its `field(...)` gave it.

    What `dataclasses.fields` tells of it, without running the dataclass machinery.
    """
    declared: _Declared = cls.__record_declared__  # type: ignore[attr-defined]
    specs = declared.specs
    return {name: specs[name].metadata if name in specs else {} for name in declared.names}


def _make_record(cls: Any, declared: _Declared, *, into_dict: bool) -> None:
    """Give `cls` its `__init__`, value methods and dataclass fields."""
    cls.__record_declared__ = declared
    cls.__init__ = _compiled_on_first_call(cls, declared, into_dict)
    cls.__dataclass_fields__ = _FieldsOnDemand(declared)
    setattr(cls, "__match_args__", declared.names)  # noqa: B010 (mypy refuses the plain form)
    cls.__record_compared__ = staticmethod(_tuple_getter(declared.flagged("compare")))
    cls.__record_hashed__ = staticmethod(_tuple_getter(declared.flagged("hash")))
    cls.__record_shown__ = declared.flagged("repr")
    cls.__eq__ = _eq
    cls.__hash__ = _hash
    cls.__repr__ = _repr


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen_record(cls: type[_T]) -> type[_T]:
    """Make `cls` a dataclass whose instances, once built, cannot change."""
    declared = _Declared(cls)
    made: Any = cls
    for name, spec in declared.specs.items():
        # A default stays a class attribute, as in a dataclass; a field(...)
        # declaration does not (a default factory's field has no class value).
        if spec.default is MISSING:
            delattr(made, name)
        else:
            setattr(made, name, spec.default)
    _make_record(made, declared, into_dict=True)
    made.__record_fields__ = frozenset(declared.names)
    made.__setattr__ = _setattr
    made.__delattr__ = _delattr
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """A frozen dataclass to the type checker; at run time a slotted one that mypy guards.

    For the scene's shapes and layout's small records: a big drawing makes
    hundreds of thousands of them, and even the write-once check of
    `frozen_record` would cost a Python call per field. mypy rejects any
    assignment to a field; nothing checks it at run time.
    """
    declared = _Declared(cls)
    # Slots must exist when a class is made, so the record is made anew with
    # them, as `dataclass(slots=True)` does; defaults live in `__init__`.
    space = {k: v for k, v in cls.__dict__.items() if k not in declared.values}
    space.pop("__dict__", None)
    space.pop("__weakref__", None)
    space["__slots__"] = declared.names
    metaclass: Any = type(cls)
    made: Any = metaclass(cls.__name__, cls.__bases__, space)
    made.__qualname__ = cls.__qualname__
    _make_record(made, declared, into_dict=False)
    return made  # type: ignore[no-any-return]
