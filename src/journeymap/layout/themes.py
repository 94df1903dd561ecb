"""Themes: load, validate and merge `themes/*.toml` into a frozen `Theme`.

A theme is data on semantic slots (palette, typography, spacing, lines,
curves); layout code reads nothing else for colours and sizes. A theme may
say `extends = "default"` (a shipped name or a path relative to the file) and
override keys. Problems are diagnostics naming the file, line and key.

Theme files are untrusted input (docs/security.md): a path is read only when
it names a `.toml` regular file of at most 1 MB (checked by `stat` before
reading) and, for a journey's own `theme:` and every `extends` below it,
stays inside the journey's root, as includes do. Values are validated as
they load (CSS colours, a safe font family, finite numbers in range), so no
output carries a word of a theme file, and a theme's text is never quoted:
a problem names the file, the line and the key.
"""

import math
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, NamedTuple

from journeymap.language import resources
from journeymap.layout import shipped_themes
from journeymap.model.diagnostics import Collector, Diagnostic, JourneyError, Location

CODES: dict[str, str] = {
    "E601": "theme not found (no shipped theme by that name, no such file)",
    "E602": "theme file is not valid TOML",
    "E603": "unknown key in a theme",
    "E604": "theme value has the wrong type",
    "E605": "bad colour (colours are #rgb, #rrggbb, rgb() or a CSS colour name)",
    "E606": "`extends` forms a cycle",
    "E607": "required key missing from a theme that extends nothing",
    "E608": "theme value out of range or not an allowed word",
    "E609": "theme file cannot be read (I/O or encoding)",
    "E610": "`extends` chain more than 8 deep",
    "E611": "theme path outside the root",
    "E612": "theme path is not a .toml file",
    "E613": "theme file too large (over 1 MB)",
}

MAX_THEME_BYTES = 1024 * 1024
"""A theme file may hold at most this many bytes (refused by size before reading)."""

MAX_EXTENDS = 8
"""At most this many `extends` steps below the theme named."""

MAX_NUMBER = 1000.0
"""Every number in a theme (sizes, widths, dash lengths) is at most this, in px."""

MAX_FONT_FAMILY = 200
"""A font family list holds at most this many characters."""

MARKERS: tuple[str, ...] = ("circle", "diamond", "square", "triangle", "triangle-down")
"""Emotion-curve marker shapes a theme may name."""

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB = re.compile(r"rgb\(\s*(\d{1,3})\s*(?:,\s*|\s+)(\d{1,3})\s*(?:,\s*|\s+)(\d{1,3})\s*\)")
# Letters and digits of any script, space, and `_ , . -`: font names and the
# list separators, and nothing that can close an attribute, a DOT string or a
# CSS declaration (no quotes, `;`, `<`, `&`, backslash or control character).
_FONT_FAMILY = re.compile(r"[^\W][\w ,.\-]*")
_DASH = re.compile(r"(?:\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*)?")


# Each field's kind (what a theme file may give it) rides on its annotation,
# so the schema below is read off the classes and cannot drift from them.
Colour = Annotated[str, "colour"]
Colours = Annotated[tuple[str, ...], "colours"]
Words = Annotated[str, "text"]
Number = Annotated[float, "number"]
Size = Annotated[float, "size"]
Dash = Annotated[tuple[float, ...], "dash"]
Dashes = Annotated[tuple[tuple[float, ...], ...], "dashes"]
Markers = Annotated[tuple[str, ...], "markers"]


class Palette(NamedTuple):
    """The theme's colours, by role."""

    background: Colour
    surface: Colour
    text: Colour
    muted: Colour
    grid: Colour
    border: Colour
    strong_border: Colour
    stage_tints: Colours
    stage_text: Colour
    thought_fill: Colour
    pain: Colour
    pain_fill: Colour
    delight: Colour
    delight_fill: Colour
    opportunity: Colour
    opportunity_fill: Colour
    badge_fill: Colour
    badge_text: Colour
    moment: Colour
    fail: Colour
    switch: Colour
    hatch: Colour
    neutral_line: Colour
    chart_fill: Colour
    lane_tints: Colours
    """Blueprint lane tints, top to bottom: evidence, customer, ..., policy."""
    blueprint_line: Colour
    flow: Colour
    sequence: Colour


class Typography(NamedTuple):
    """The theme's font family and sizes."""

    font_family: Words
    title_size: Size
    subtitle_size: Size
    header_size: Size
    stage_size: Size
    card_title_size: Size
    card_size: Size
    note_size: Size
    row_label_size: Size


class Spacing(NamedTuple):
    """The theme's margins, paddings and gaps, in px."""

    margin: Number
    padding: Number
    gutter: Number
    row_gap: Number
    card_gap: Number
    paragraph_gap: Number
    radius: Number
    min_column: Size
    max_column: Size
    label_column: Size
    label_gap: Number
    header_gap: Number
    section_gap: Number
    persona_card_width: Size
    persona_gap: Number
    band_padding: Number
    accent_width: Number
    badge_padding: Number
    glyph_size: Size
    marker_size: Size
    emotion_level: Size
    legend_gap: Number
    min_header_width: Size
    flow_gutter: Size
    flow_track: Size
    arrow_size: Size
    lane_gap: Size
    lane_padding: Number
    port_gap: Size


class Lines(NamedTuple):
    """The theme's stroke widths, in px."""

    grid: Number
    card: Number
    tier_primary: Size
    tier_secondary: Size
    tier_tertiary: Size
    tertiary_dash: Dash
    assumption_dash: Dash
    curve: Size
    neutral: Size
    neutral_dash: Dash
    hatch: Size
    hatch_spacing: Size
    glyph: Size
    interaction: Size
    interaction_dash: Dash
    visibility: Size
    visibility_dash: Dash
    internal: Size
    internal_dash: Dash
    flow: Size
    flow_async_dash: Dash
    sequence: Size


class Curves(NamedTuple):
    """Emotion-curve styles: persona i takes colours[i] and markers[i]; curve k dashes[k]."""

    colours: Colours
    markers: Markers
    dashes: Dashes


class Theme(NamedTuple):
    """A loaded theme: its name and every section."""

    name: str
    palette: Palette
    typography: Typography
    spacing: Spacing
    lines: Lines
    curves: Curves
    source: str = ""


_SECTIONS: dict[str, type[Any]] = {
    "palette": Palette,
    "typography": Typography,
    "spacing": Spacing,
    "lines": Lines,
    "curves": Curves,
}
_TOP_LEVEL = ("name", "extends", "description")
SCHEMA: dict[str, dict[str, str]] = {
    section: {name: kind.__metadata__[0] for name, kind in cls.__annotations__.items()}
    for section, cls in _SECTIONS.items()
}
"""Section -> key -> kind; read off the annotations of the classes above."""

_COLOUR_WORDS = "write #rgb, #rrggbb, rgb(r, g, b) or a CSS colour name"
_KIND_WORDS = {
    "colour": 'a colour such as "#1f2328", "rgb(31, 35, 40)" or "slategray"',
    "colours": "a non-empty list of colours",
    "text": 'a font family list such as "Liberation Sans, Arial, sans-serif" '
    "(letters, digits, spaces and `_ , . -`)",
    "number": f"a number from 0 to {MAX_NUMBER:g}",
    "size": f"a number greater than 0 and at most {MAX_NUMBER:g}",
    "dash": 'a dash pattern such as "4 3" (or "" for solid)',
    "dashes": "a non-empty list of dash patterns",
    "markers": "a non-empty list of marker names",
}


def parse_colour(value: str) -> tuple[int, int, int] | None:
    """A CSS colour (`#rrggbb`, `#rgb`, `rgb(r, g, b)`, a name) as an RGB triple, or None."""
    if not _COLOUR.fullmatch(value):
        rgb = _RGB.fullmatch(value.strip().lower())
        if rgb is not None:
            r, g, b = (int(part) for part in rgb.groups())
            return (r, g, b) if max(r, g, b) <= 255 else None
        from journeymap.layout import css_colours  # only for a colour written by name

        named = css_colours.NAMED.get(value.strip().lower())
        return None if named is None else parse_colour(named)
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#rrggbb` colour."""
    rgb = parse_colour(colour)
    if rgb is None:
        raise ValueError(f"not a colour: {colour!r}")

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else float(((s + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1.0 to 21.0.

    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    a, b = relative_luminance(fg), relative_luminance(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def find_key(text: str, section: str, key: str) -> tuple[int, int]:
    """1-based (line, column) of `key` inside `[section]` ("" = top level), or (0, 1).

    tomllib keeps no positions, so the file text is scanned instead.
    """
    current = ""
    pattern = re.compile(r"\s*(?:\"(?P<q>[^\"]*)\"|(?P<b>[A-Za-z0-9_-]+))\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]").strip().strip('"')
            if (key == "" and current == section) or (section == "" and current == key):
                return number, line.index("[") + 1
            continue
        match = pattern.match(line)
        if match and current == section and (match.group("q") or match.group("b")) == key:
            return number, match.start("q" if match.group("q") is not None else "b") + 1
    return 0, 1


def parse_toml(file_name: str, text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`; for a shipped theme's exact text, its data as generated.

    Every render reads the default theme, and importing `tomllib` cost more
    than the rest of loading it; `journeymap.layout.shipped_themes` holds the
    shipped files parsed, with the text each was parsed from (`python
    tools/gen_theme_data.py`). Any other text is parsed.
    """
    shipped = shipped_themes.THEMES.get(file_name)
    if shipped is not None:
        source, data = shipped
        if text == source:
            return data()
    import tomllib  # only for a theme that is not shipped (see above)

    return tomllib.loads(text)


def looks_like_path(ref: str) -> bool:
    """Whether theme `ref` is a path (else a shipped theme's name is tried first)."""
    return "/" in ref or "\\" in ref or ref.endswith(".toml")


def _inside(real: Path, root: Path) -> bool:
    root_real = root.resolve()
    return real == root_real or root_real in real.parents


def check_theme_path(
    ref: str, base: Path | None, root: Path | None
) -> tuple[Path | None, tuple[str, str, str | None] | None]:
    """The file theme `ref` names, or why it is refused as (code, message, hint).

    A bare name is a shipped theme first; otherwise `ref` is a path from
    `base`. A path must end in `.toml`; with a `root`, it must be relative
    and lead (symbolic links resolved) inside it; it must name an existing
    regular file of at most `MAX_THEME_BYTES`, found by `stat` before a byte
    is read. Batch staleness and watch use this too, so they read no more
    than loading does.
    """
    if not looks_like_path(ref):
        shipped = resources.theme_path(ref)
        if shipped is not None:
            return shipped, None
    names = ", ".join(resources.theme_names())
    not_found = (
        "E601",
        f"theme `{ref}` not found",
        f"shipped themes: {names}; or give a path to a .toml file",
    )
    if not ref.endswith(".toml"):
        if not looks_like_path(ref) and "." not in ref:
            return None, not_found  # a name, not a file
        return None, (
            "E612",
            f"theme path `{ref}` does not end in `.toml`",
            "a theme file is a `.toml` file",
        )
    path = Path(ref)
    if root is not None and (
        path.is_absolute() or ref.startswith(("/", "\\")) or (len(ref) > 1 and ref[1] == ":")
    ):
        return None, (
            "E611",
            f"theme path `{ref}` is absolute",
            "write the path relative to the file that names it",
        )
    if not path.is_absolute() and base is not None:
        path = base / path
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return None, not_found
    if root is not None and not _inside(real, root):
        return None, (
            "E611",
            f"theme path `{ref}` leads outside the root `{root}`",
            "a journey's theme may only read files below the main file's directory "
            "(or the directory given with --root)",
        )
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return None, not_found
    except OSError as exc:
        return None, ("E609", f"cannot read theme `{ref}`: {exc.strerror or 'error'}", None)
    if not stat.S_ISREG(info.st_mode):
        return None, ("E609", f"cannot read theme `{ref}`: it is not a regular file", None)
    if info.st_size > MAX_THEME_BYTES:
        return None, (
            "E613",
            f"theme `{ref}` is too large "
            f"({info.st_size:,} bytes; the limit is {MAX_THEME_BYTES:,})",
            None,
        )
    return real, None


class _Loader:
    """Reads one theme chain, reporting into a collector."""

    def __init__(self, collector: Collector, root: Path | None) -> None:
        self.collector = collector
        self.root = root

    def resolve(self, ref: str, base: Path | None, where: Location, shipped: bool) -> Path | None:
        """The file `ref` names, or None after reporting at `where` why it is refused.

        A shipped theme's `extends` names shipped themes only, so no root applies to it.
        """
        path, problem = check_theme_path(ref, base, None if shipped else self.root)
        if problem is not None:
            code, message, hint = problem
            self.collector.error(code, message, where, hint)
            return None
        return path

    def load(self, path: Path, chain: tuple[Path, ...]) -> dict[str, Any] | None:
        file = str(path)
        try:
            with open(path, "rb") as handle:
                data_bytes = handle.read(MAX_THEME_BYTES + 1)
        except OSError as exc:
            self.collector.error(
                "E609", f"cannot read theme: {exc.strerror or 'error'}", Location(file)
            )
            return None
        if len(data_bytes) > MAX_THEME_BYTES:  # it grew after `stat`
            self.collector.error(
                "E613", f"theme is larger than {MAX_THEME_BYTES:,} bytes", Location(file)
            )
            return None
        try:
            text = data_bytes.decode("utf-8")
        except UnicodeDecodeError:
            self.collector.error("E609", "cannot read theme: it is not UTF-8 text", Location(file))
            return None
        # The text is not given to the collector: a theme's lines are never quoted.
        try:
            data = parse_toml(path.name, text)
        except ValueError as exc:  # tomllib.TOMLDecodeError
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            line, col = (int(found.group(1)), int(found.group(2))) if found else (0, 1)
            message = re.sub(r"\s*\(at line.*\)$", "", str(exc)).lower()
            if "character" in message:  # tomllib names the character; it is the file's
                message = "invalid character"
            self.collector.error("E602", f"invalid TOML: {message}", Location(file, line, col))
            return None
        self._validate(data, text, file)
        parent_ref = data.get("extends")
        if not isinstance(parent_ref, str):
            return data
        line, col = find_key(text, "", "extends")
        where = Location(file, line, col, len("extends"))
        if len(chain) > MAX_EXTENDS:
            trail = " -> ".join(p.name for p in chain)
            self.collector.error(
                "E610",
                f"`extends` chains more than {MAX_EXTENDS} deep: {trail} -> …",
                where,
                "extend a shipped theme, or merge some files of the chain",
            )
            return None
        shipped = path.resolve().parent == resources.themes_dir().resolve()
        parent = self.resolve(parent_ref, path.parent, where, shipped)
        if parent is None:
            return None
        if parent.resolve() in chain:
            trail = " -> ".join(p.name for p in (*chain, parent))
            self.collector.error("E606", f"`extends` forms a cycle: {trail}", where)
            return None
        base = self.load(parent, (*chain, parent.resolve()))
        return None if base is None else _merge(base, data)

    def _validate(self, data: dict[str, Any], text: str, file: str) -> None:
        def at(section: str, key: str) -> Location:
            line, col = find_key(text, section, key)
            return Location(file, line, col, max(1, len(key)))

        for key, value in data.items():
            if key in _TOP_LEVEL:
                if not isinstance(value, str):
                    self.collector.error("E604", f"`{key}` must be a string", at("", key))
                continue
            if key not in SCHEMA:
                self.collector.error(
                    "E603",
                    f"unknown theme key `{key}`",
                    at("", key),
                    "known sections: " + ", ".join(sorted(SCHEMA)),
                )
                continue
            if not isinstance(value, dict):
                self.collector.error("E604", f"`{key}` must be a table `[{key}]`", at("", key))
                continue
            for name, item in value.items():
                kinds = SCHEMA[key]
                if name not in kinds:
                    self.collector.error(
                        "E603",
                        f"unknown key `{name}` in [{key}]",
                        at(key, name),
                        "known keys: " + ", ".join(sorted(kinds)),
                    )
                    continue
                problem = _check(kinds[name], item)
                if problem is not None:
                    code, message = problem
                    self.collector.error(code, f"`{key}.{name}` {message}", at(key, name))
        if data.get("extends") is None:
            for section, kinds in SCHEMA.items():
                present = data.get(section)
                missing = [k for k in kinds if not isinstance(present, dict) or k not in present]
                if missing:
                    self.collector.error(
                        "E607",
                        f"[{section}] is missing {', '.join(f'`{k}`' for k in missing)}",
                        Location(file),
                        'add them, or `extends = "default"` to inherit them',
                    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _in_range(value: float, kind: str) -> bool:
    """Whether a number is finite, at most MAX_NUMBER, and above (size) or at least 0."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return (value > 0 if kind == "size" else value >= 0) and value <= MAX_NUMBER


def _dash_ok(value: object) -> bool:
    if not isinstance(value, str) or not _DASH.fullmatch(value.strip()):
        return False
    return all(float(part) <= MAX_NUMBER for part in value.split())


def _check(kind: str, value: object) -> tuple[str, str] | None:
    """None when `value` is a valid `kind`, else (code, message).

    Messages never repeat the value: it is the theme file's text.
    """
    expected = "must be " + _KIND_WORDS[kind]
    if kind == "colour":
        if not isinstance(value, str):
            return "E604", expected
        return None if parse_colour(value) else ("E605", f"is not a colour: {_COLOUR_WORDS}")
    if kind == "text":
        if not isinstance(value, str):
            return "E604", expected
        ok = len(value) <= MAX_FONT_FAMILY and _FONT_FAMILY.fullmatch(value) is not None
        return None if ok and value.strip() else ("E608", expected)
    if kind in ("number", "size"):
        if not _is_number(value):
            return "E604", expected
        return None if _in_range(value, kind) else ("E608", expected)  # type: ignore[arg-type]
    if kind == "dash":
        if not isinstance(value, str):
            return "E604", expected
        return None if _dash_ok(value) else ("E608", expected)
    if not isinstance(value, list) or not value:
        return "E604", expected
    for number, item in enumerate(value, start=1):
        if kind == "colours" and not (isinstance(item, str) and parse_colour(item)):
            return "E605", f"item {number} is not a colour: {_COLOUR_WORDS}"
        if kind == "markers" and item not in MARKERS:
            return "E608", f"item {number} is not a marker; allowed: {', '.join(MARKERS)}"
        if kind == "dashes" and not _dash_ok(item):
            return "E608", f'item {number} is not a dash pattern such as "4 3"'
    return None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    # A theme's name is its own: a child without one is named after its file.
    merged = {k: v for k, v in base.items() if k != "name"}
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _normal_colour(value: str) -> str:
    rgb = parse_colour(value)
    assert rgb is not None
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _dash(value: str) -> tuple[float, ...]:
    return tuple(float(part) for part in value.split())


def _convert(kind: str, value: Any) -> Any:
    if kind == "colour":
        return _normal_colour(value)
    if kind == "colours":
        return tuple(_normal_colour(v) for v in value)
    if kind in ("number", "size"):
        return float(value)
    if kind == "dash":
        return _dash(value)
    if kind == "dashes":
        return tuple(_dash(v) for v in value)
    if kind == "markers":
        return tuple(value)
    return value


def _build(data: dict[str, Any], file: str, collector: Collector) -> Theme | None:
    sections: dict[str, Any] = {}
    for section, cls in _SECTIONS.items():
        values = data.get(section, {})
        kwargs = {k: _convert(kind, values[k]) for k, kind in SCHEMA[section].items()}
        sections[section] = cls(**kwargs)
    spacing: Spacing = sections["spacing"]
    if spacing.min_column > spacing.max_column:
        collector.error(
            "E608",
            "`spacing.min_column` is greater than `spacing.max_column`",
            Location(file),
        )
        return None
    name = data.get("name")
    return Theme(
        name=name if isinstance(name, str) else Path(file).stem,
        source=file,
        **sections,
    )


def read_theme(
    ref: str | Path,
    collector: Collector,
    base_dir: Path | None = None,
    root: Path | None = None,
    where: Location | None = None,
) -> Theme | None:
    """Load theme `ref` (a shipped name or a path), reporting problems into `collector`.

    A path resolves from `base_dir` (default: the working directory); with a
    `root`, it and every `extends` below it must stay inside that directory.
    Problems finding the file are reported at `where` (default: the name).
    """
    loader = _Loader(collector, root)
    base = base_dir if base_dir is not None else Path.cwd()
    path = loader.resolve(str(ref), base, where or Location(str(ref)), False)
    if path is None:
        return None
    errors_before = collector.error_count
    data = loader.load(path, (path.resolve(),))
    if data is None or collector.error_count > errors_before:
        return None
    return _build(data, str(path), collector)


def load_theme(ref: str | Path, base_dir: Path | None = None) -> Theme:
    """Load theme `ref`; raise `JourneyError` with every problem found."""
    collector = Collector()
    theme = read_theme(ref, collector, base_dir)
    if theme is None:
        raise JourneyError(collector.sorted())
    return theme


@lru_cache(maxsize=1)
def default_theme() -> Theme:
    """The shipped `default` theme (cached: themes are immutable)."""
    return load_theme("default")


def resolve_theme(
    option: str | None,
    own: str | None,
    *,
    option_base: Path,
    own_base: Path,
    own_root: Path | None = None,
    option_root: Path | None = None,
) -> tuple[Theme | None, list[Diagnostic]]:
    """The theme to draw with, the one rule every command and integration follows.

    `option` (the command line's `--theme`, a fence's `theme=`) wins, resolved
    from `option_base` (the working directory; a fence's document) and kept
    inside `option_root` when one is given (a docs site's root; the command
    line has none); else the journey's own `theme:` (`own`), resolved from
    `own_base` (its file's directory) and kept inside `own_root` (default:
    `own_base`), as includes are. Neither: None, the shipped default. A theme
    that cannot be loaded gives None and the diagnostics saying why (errors).
    """
    ref = option or own
    if ref is None:
        return None, []
    collector = Collector()
    if option:
        theme = read_theme(option, collector, option_base, option_root)
    else:
        assert own is not None
        theme = read_theme(own, collector, own_base, own_root or own_base)
    return theme, collector.sorted()
