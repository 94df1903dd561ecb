"""Attribute lists checked against a keyword's table, each distinct list once.

A statement's `[…]` list is checked here (LANGUAGE.md section 3) and read
into what the model keeps: the text and flag attributes its handler wants,
the free attributes, and the names it refers to. Real files repeat the same
list on line after line, and the parser gives identical lists at the same
column one shared tuple; a list that passed its checks is therefore read
once per keyword, and every later occurrence only notes its references at
its own line. A list with a problem is checked again at each occurrence, so
every problem is still reported where it is.
"""

from __future__ import annotations

from journeymap.language.keywords import AttrSpec, AttrType, KeywordSpec
from journeymap.language.syntax import Attribute, Statement
from journeymap.language.values import (
    did_you_mean,
    is_identifier,
    is_plain_attribute_value,
    split_names,
)
from journeymap.model import journey as model
from journeymap.model.diagnostics import Collector, Location
from journeymap.model.links import LINK_KEY, is_page_path, link_target

_TOUCHPOINT_FREE = frozenset(("frequency", "duration", "location", "time", "score"))
"""Touchpoint attributes that are checked but kept as free attributes in the model."""

_FLAG, _WORD, _REF, _REFS = AttrType.FLAG, AttrType.WORD, AttrType.REF, AttrType.REFS


class ListReading:
    """How one keyword's attribute lists are checked and read, worked out once.

    Slots, not a NamedTuple: read on every statement, and Python 3.11 reads a
    slot about three times as fast as a NamedTuple's field.
    """

    __slots__ = (
        "bare",
        "flags",
        "name",
        "references",
        "spec",
        "stored",
        "takes_attributes",
        "texts",
    )

    def __init__(self, spec: KeywordSpec, texts: tuple[str, ...], flags: tuple[str, ...]) -> None:
        # `AttributeChecker._read` relies on these: a checked text attribute is a
        # string and a checked flag is True.
        known = spec.attributes
        assert all(name in known and known[name].type != _FLAG for name in texts)
        assert all(name in known and known[name].type == _FLAG for name in flags)
        stored = frozenset(spec.attributes)
        if spec.name == "touchpoint":
            stored -= _TOUCHPOINT_FREE
        self.spec = spec
        self.name = spec.name
        self.takes_attributes = bool(spec.attributes) or spec.free_attributes  # known or free
        self.texts = texts  # text attributes its handler reads, in the handler's order
        self.flags = flags  # flags its handler reads, in the handler's order
        # Its attributes that name declared IDs.
        self.references: dict[str, AttrSpec] = {
            key: attr
            for key, attr in spec.attributes.items()
            if attr.type in (AttrType.REF, AttrType.REFS)
        }
        # Attributes kept in the model's own fields, not as free data.
        self.stored = stored
        # What a statement without a list reads as.
        self.bare = CheckedList((None,) * len(texts), (False,) * len(flags), None, (), (), ())


class ReferenceAt:
    """A name a list refers to, and where in the line: checked after the walk."""

    __slots__ = ("column", "length", "name", "refers_to")

    def __init__(self, refers_to: str, name: str, column: int, length: int) -> None:
        self.refers_to = refers_to  # "channel", "team" or "persona"
        self.name = name
        self.column = column  # of the attribute's value
        self.length = length


References = tuple[tuple[ReferenceAt, ...], str, int]
"""The names one statement's list refers to (shared by every line with that list), its
file and line. A plain tuple: one is made for each such line, and a NamedTuple built
from its fields costs a call where a tuple costs none."""


class CheckedList:
    """What a checked attribute list gives the model. Shared: never changed.

    Slots, not a NamedTuple, for the reason `ListReading` gives.
    """

    __slots__ = ("flags", "free", "personas", "references", "source", "texts")

    def __init__(
        self,
        texts: tuple[str | None, ...],
        flags: tuple[bool, ...],
        personas: tuple[str, ...] | None,
        free: model.Attributes,
        references: tuple[ReferenceAt, ...],
        source: tuple[Attribute, ...],
    ) -> None:
        self.texts = texts  # the reading's `texts`: each value, or None if not given
        self.flags = flags  # the reading's `flags`: whether each is set
        self.personas = personas  # the `persona` names, None when not given
        self.free = free  # attributes kept as free data, in source order
        self.references = references
        # The list read. The checker's memo is keyed by its `id`; holding the
        # list here keeps that id from being given to another list.
        self.source = source


class AttributeChecker:
    """Checks and reads the attribute lists of one compile, reporting to `diagnostics`."""

    def __init__(self, diagnostics: Collector) -> None:
        self.diagnostics = diagnostics
        # Lists that passed their checks, by keyword and the list's identity
        # (the parser shares one tuple between identical lists at one column;
        # a key by value would hash every attribute of every line).
        self._lists: dict[tuple[str, int], CheckedList] = {}
        # Attributes that passed their checks, by (keyword, key, value, quoted):
        # a list met for the first time often repeats `tier=primary` or
        # `owner=ops` of others. Failures are not kept.
        self._valid: dict[tuple[str, str, str | None, bool], str | bool] = {}
        # Every occurrence of a reference is one of its own, checked by the
        # compiler once the walk has seen every declaration.
        self.references: list[References] = []

    def check(self, file: str, st: Statement, reading: ListReading) -> CheckedList:
        """The statement's list checked and read; each problem reported at its place,
        and the references it makes noted in `references`."""
        attributes = st.attributes
        if not attributes:
            return reading.bare
        key = (reading.name, id(attributes))
        checked = self._lists.get(key)
        if checked is None:
            checked, clean = self._read(file, st, reading)
            if clean:
                self._lists[key] = checked
        if checked.references:
            self.references.append((checked.references, file, st.line))
        return checked

    def no_attributes(self, file: str, st: Statement, spec: KeywordSpec) -> bool:
        """Report a list given to a keyword that takes none; whether none was given."""
        if st.attributes and not spec.attributes and not spec.free_attributes:
            self.diagnostics.error(
                "E201",
                f"`{st.keyword}` takes no attributes",
                Location(file, st.line, st.attributes_column or st.keyword_column),
                "remove the `[…]` list, or quote the value if the brackets are part of the text",
            )
            return False
        return True

    def _read(self, file: str, st: Statement, reading: ListReading) -> tuple[CheckedList, bool]:
        """The list read afresh, and whether it passed without a problem."""
        spec = reading.spec
        if not reading.takes_attributes:
            return reading.bare, self.no_attributes(file, st, spec)
        values: dict[str, str | bool] = {}
        references: list[ReferenceAt] = []
        clean = True
        valid = self._valid
        for attr in st.attributes:
            key = attr.key
            if key in values:
                self.diagnostics.error(
                    "E206",
                    f"attribute `{key}` is given twice",
                    _key_at(file, st, attr),
                    "keep one of them",
                )
                clean = False
                continue
            memo_key = (spec.name, key, attr.value, attr.quoted)
            value = valid.get(memo_key)
            if value is None:
                value = self._check_attribute(file, st, spec, attr)
                if value is None:
                    clean = False
                    continue
                valid[memo_key] = value
            if key == LINK_KEY and spec.free_attributes and key not in spec.attributes:
                self._check_link(file, st, attr, value)
            refers = reading.references.get(key)
            if refers is not None:
                assert isinstance(value, str)  # a reference that passed its checks has a value
                names = split_names(value) if refers.type == _REFS else (value,)
                for name in names:  # each shown at the whole value
                    at = ReferenceAt(refers.refers_to, name, attr.value_column, len(value))
                    references.append(at)
            values[key] = value
        # No comprehensions below: each would make a function object, and a
        # small file meets most of its lists only once. A text attribute's
        # checked value is a string and a flag's is True (see `ListReading`).
        personas = values.get("persona")
        texts: tuple[str | None, ...] = tuple(map(values.get, reading.texts))  # type: ignore[arg-type]
        checked = CheckedList(
            texts,
            tuple(map(values.__contains__, reading.flags)),
            tuple(split_names(personas)) if isinstance(personas, str) else None,
            _free(values, reading.stored),
            tuple(references),
            st.attributes,
        )
        return checked, clean

    def _check_link(self, file: str, st: Statement, attr: Attribute, value: str | bool) -> None:
        """Warn (each time it is met: the memo above keeps values, not warnings) when a
        free `url=` will be drawn as text because it is not a link journeymap writes.

        A site-relative page path (`url="/pricing"`) is text without a warning: it
        is how data files name pages (LANGUAGE.md, `match=url`), not a failed link.
        """
        if isinstance(value, str) and (link_target(value) is not None or is_page_path(value)):
            return
        self.diagnostics.warning(
            "W230",
            "`url=` is not an absolute http(s) address: it is drawn as text, not as a link",
            _value_at(file, st, attr) if attr.value is not None else _key_at(file, st, attr),
            'give `url="https://host/path"` (no credentials, spaces or quotes)',
        )

    def _check_attribute(
        self, file: str, st: Statement, spec: KeywordSpec, attr: Attribute
    ) -> str | bool | None:
        """The attribute's value (True for a flag), or None after reporting what is wrong."""
        attr_spec = spec.attributes.get(attr.key)
        if attr.value is not None and not attr.quoted and not is_plain_attribute_value(attr.value):
            self.diagnostics.error(
                "E207",
                f"attribute value `{attr.value}` must be quoted",
                _value_at(file, st, attr),
                f'write `{attr.key}="{attr.value}"`',
            )
            return None
        if attr_spec is None:
            if spec.free_attributes:
                return True if attr.value is None else attr.value
            suggestion = did_you_mean(attr.key, spec.attributes)
            allowed = ", ".join(f"`{k}`" for k in spec.attributes)
            self.diagnostics.error(
                "E201",
                f"`{st.keyword}` has no attribute `{attr.key}`",
                _key_at(file, st, attr),
                f"did you mean `{suggestion}`?" if suggestion else f"its attributes are {allowed}",
            )
            return None
        if attr_spec.type == _FLAG:
            if attr.value is not None:
                self.diagnostics.error(
                    "E207",
                    f"`{attr.key}` is a flag and takes no value",
                    _key_at(file, st, attr),
                    f"write just `{attr.key}`",
                )
                return None
            return True
        if attr.value is None or attr.value == "":
            self.diagnostics.error(
                "E207",
                f"`{attr.key}` needs a value",
                _key_at(file, st, attr),
                f"write `{attr.key}=…`",
            )
            return None
        if attr_spec.type == _WORD and attr.value not in attr_spec.words:
            suggestion = did_you_mean(attr.value, attr_spec.words)
            allowed = ", ".join(attr_spec.words)
            self.diagnostics.error(
                "E202",
                f"{attr.key} must be one of {allowed}, not `{attr.value}`",
                _value_at(file, st, attr),
                f"did you mean `{suggestion}`?"
                if suggestion
                else f"write one of the words, as in `{attr.key}={attr_spec.words[0]}`",
            )
            return None
        if attr_spec.type in (_REF, _REFS):
            names = split_names(attr.value) if attr_spec.type == _REFS else [attr.value]
            for name in names:
                if not is_identifier(name):
                    self.diagnostics.error(
                        "E207",
                        f"`{name}` is not an ID",
                        _value_at(file, st, attr),
                        "IDs are letters, digits, `_` and `-`",
                    )
                    return None
        return attr.value


def _free(values: dict[str, str | bool], stored: frozenset[str]) -> model.Attributes:
    """The attributes the model keeps as free data, in source order."""
    if values.keys() <= stored:  # the common case, tested without a Python loop
        return ()
    return tuple([item for item in values.items() if item[0] not in stored])


def _key_at(file: str, st: Statement, attr: Attribute) -> Location:
    return Location(file, st.line, attr.column or st.keyword_column, len(attr.key))


def _value_at(file: str, st: Statement, attr: Attribute) -> Location:
    length = len(attr.value or "") or 1
    return Location(file, st.line, attr.value_column or st.keyword_column, length)
