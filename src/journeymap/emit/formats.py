"""The one table of what `render` can draw: views, formats, their suffixes, and where options apply.

Every command and integration asks this table rather than keeping its own
list, so a new format or view is one entry here (and its writer in
`journeymap.emit.pipeline`). It imports nothing but the standard library: the
command line reads it for its option choices before anything else is loaded.

>>> format_for(None, "map.png")
'png'
>>> format_for("json", "-")
'json'
>>> engine_for("map", "pdf", None)
'graphviz'
>>> applies("lanes", "map", "svg")
False
"""

from pathlib import PurePath
from typing import NamedTuple

NATIVE, GRAPHVIZ = "native", "graphviz"
"""Who lays out a picture: journeymap's own grid layout, or Graphviz's `dot` on our DOT."""


class View(NamedTuple):
    """A kind of drawing of a journey."""

    name: str
    engines: tuple[str, ...]
    """The engines that can lay it out, the default first."""
    note: str = ""
    """Why a format or engine it does not support is refused (a hint for the user)."""


class Format(NamedTuple):
    """An output format of `render`."""

    name: str
    suffix: str
    """The suffix of its files: `render` writes it, and `-o` with it picks this format."""
    binary: bool
    """Bytes that are not text (the library's `render` returns them as bytes, not str)."""
    views: tuple[str, ...]
    """The views it can carry (a model dump such as JSON carries the journey, whatever the view)."""
    engines: tuple[str, ...] = ()
    """The engines that can draw it, the default first; empty when nothing is laid out."""
    themed: bool = True
    """Drawn with a theme: without one, no theme is loaded (nor can a bad one fail it)."""
    note: str = ""
    """Why a view it does not carry is refused (a hint for the user)."""
    engine_note: str = ""
    """Why an engine it cannot be drawn by is refused."""


class Applies(NamedTuple):
    """Where an option has an effect: the views, formats and engines it applies to (None: all)."""

    views: tuple[str, ...] | None = None
    formats: tuple[str, ...] | None = None
    engines: tuple[str, ...] | None = None


_MATRIX_NOTE = (
    "the touchpoint matrix is drawn by journeymap itself: use --format svg, png or markdown "
    "with the native engine"
)
VIEWS: dict[str, View] = {
    view.name: view
    for view in (
        View("map", (NATIVE, GRAPHVIZ)),
        View("blueprint", (NATIVE, GRAPHVIZ)),
        View("matrix", (NATIVE,), _MATRIX_NOTE),
    )
}
_EVERY_VIEW = tuple(VIEWS)
_GRAPHS = ("map", "blueprint")
"""The views that are graphs Graphviz can draw (DOT)."""

FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("svg", ".svg", False, _EVERY_VIEW, (NATIVE, GRAPHVIZ)),
        Format("png", ".png", True, _EVERY_VIEW, (NATIVE, GRAPHVIZ)),
        Format("json", ".json", False, _EVERY_VIEW, themed=False),
        Format("dot", ".dot", False, _GRAPHS),
        # Only Graphviz draws PDF until journeymap draws it natively.
        Format(
            "pdf",
            ".pdf",
            True,
            _GRAPHS,
            (GRAPHVIZ,),
            engine_note="pdf is drawn by Graphviz: add --engine graphviz (or leave --engine out)",
        ),
        Format("mermaid", ".mmd", False, _EVERY_VIEW, themed=False),
        Format(
            "markdown",
            ".md",
            False,
            ("matrix",),
            themed=False,
            note="markdown is the touchpoint matrix's table: add --view matrix "
            "(maps and blueprints are drawn as svg or png)",
        ),
    )
}
ENGINES = (NATIVE, GRAPHVIZ)
BY_SUFFIX = {fmt.suffix: fmt.name for fmt in FORMATS.values()}

_PICTURES = ("svg", "png", "pdf", "dot")
"""The formats that draw (or describe) a picture, rather than dump the journey."""
_LAID_OUT = ("svg", "png", "pdf")
"""The formats an engine lays out."""

OPTIONS: dict[str, Applies] = {
    "scale": Applies(formats=("png",)),
    "lanes": Applies(views=("blueprint",), formats=_PICTURES),
    # The hot spots are drawn on journeymap's own map.
    "annotate": Applies(views=("map",), formats=("svg", "png"), engines=(NATIVE,)),
    "engine": Applies(formats=_LAID_OUT),
    "theme": Applies(formats=tuple(name for name, fmt in FORMATS.items() if fmt.themed)),
    # Narrowing: the pictures and the matrix's table; JSON and Mermaid keep the whole journey.
    "personas": Applies(formats=(*_PICTURES, "markdown")),
    "stages": Applies(formats=(*_PICTURES, "markdown")),
    # The diff picture: the changes drawn on the new map or blueprint.
    "diff": Applies(views=_GRAPHS, formats=("svg", "png")),
}
"""Options that apply only to some views or formats; any other applies everywhere."""


def applies(option: str, view: str, fmt: str, engine: str | None = None) -> bool:
    """Whether `option` has an effect on `view` drawn as `fmt` (by `engine`, when given)."""
    where = OPTIONS.get(option, Applies())
    return (
        (where.views is None or view in where.views)
        and (where.formats is None or fmt in where.formats)
        and (engine is None or where.engines is None or engine in where.engines)
    )


def where_applies(option: str) -> str:
    """Where `option` applies, in words: `the blueprint as svg, png, pdf or dot`.

    >>> where_applies("scale")
    'png'
    >>> where_applies("annotate")
    'the map as svg or png drawn by the native engine'
    """
    where = OPTIONS.get(option, Applies())
    views = _either([f"the {view}" for view in where.views]) if where.views else ""
    fmts = _either(list(where.formats)) if where.formats else ""
    said = f"{views} as {fmts}" if views and fmts else views or fmts or "every view and format"
    if where.engines:
        said += f" drawn by the {_either(list(where.engines))} engine"
    return said


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def misapplied(
    given: tuple[str, ...], view: str, fmt: str, engine: str | None = None
) -> str | None:
    """Why the first option of `given` that has no effect on `view` as `fmt` is refused, or None.

    >>> misapplied(("scale",), "map", "svg")
    '--scale applies only to png, not to the map as svg'
    >>> misapplied(("annotate",), "map", "svg", GRAPHVIZ).split(", not ")[1]
    'to the map as svg drawn by the graphviz engine'
    """
    for option in given:
        if not applies(option, view, fmt, engine):
            drawn = f"the {view} as {fmt}"
            if applies(option, view, fmt):  # only the engine rules it out: name it
                drawn += f" drawn by the {engine} engine"
            return f"--{option} applies only to {where_applies(option)}, not to {drawn}"
    return None


def _known(kind: str, value: str, known: tuple[str, ...] | list[str]) -> None:
    if value not in known:
        raise ValueError(f"unknown {kind} `{value}`; the {kind}s are {', '.join(known)}")


def engine_for(view: str, fmt: str, engine: str | None) -> str:
    """The engine that draws `view` as `fmt`: `engine`, or by default the format's own.

    Raises `ValueError`, saying why, for a view, format or engine that cannot
    go together. Formats that lay nothing out (JSON, DOT, Mermaid, Markdown)
    take any engine and ignore it.
    """
    _known("view", view, list(VIEWS))
    _known("format", fmt, list(FORMATS))
    if engine is not None:
        _known("engine", engine, ENGINES)
    spec, drawn = FORMATS[fmt], VIEWS[view]
    if view not in spec.views:
        raise ValueError(spec.note or drawn.note or f"{fmt} cannot carry the {view}")
    if not spec.engines:
        return engine or NATIVE
    usable = [e for e in spec.engines if e in drawn.engines]
    if engine is None:
        engine = usable[0]
    if engine not in usable:
        reason = drawn.note if engine not in drawn.engines else spec.engine_note
        raise ValueError(reason or f"the {engine} engine cannot draw {fmt}")
    return engine


def suffix_of(fmt: str) -> str:
    """The suffix `render` gives a file it writes as `fmt`."""
    return FORMATS[fmt].suffix


def known_suffixes() -> str:
    return ", ".join(BY_SUFFIX)


def format_for(fmt: str | None, output: str | None, default: str = "svg") -> str:
    """The format to write: `fmt` when given, else the one the suffix of `output` names.

    `output` None (beside the input) or `-` (standard output) leaves the choice
    to `fmt` (else `default`). Raises `ValueError` for a suffix this table does
    not know, or one that names another format than `fmt`.
    """
    if output is None or output == "-":
        return fmt or default
    suffix = PurePath(output).suffix.lower()
    named = BY_SUFFIX.get(suffix)
    if named is None:
        what = f"the suffix `{suffix}`" if suffix else "a file without a suffix"
        raise ValueError(
            f"-o {output}: {what} names no format; the known suffixes are {known_suffixes()} "
            "(or -o - for standard output)"
        )
    if fmt is not None and fmt != named:
        raise ValueError(
            f"--format {fmt} and -o {output} disagree: {suffix} is the suffix of {named} "
            f"(write {fmt} to a {suffix_of(fmt)} file, or leave --format out)"
        )
    return named
