"""Themes: load, validate and merge `themes/*.toml` into a frozen `Theme`.

A theme is data on semantic slots (palette, typography, spacing, lines,
curves); layout code reads nothing else for colours and sizes. A theme may
say `extends = "default"` (a shipped name or a path relative to the file) and
override keys. Problems are diagnostics naming the file, line and key.
"""

import re
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
    "E605": "bad colour (colours are #rrggbb or #rgb)",
    "E606": "`extends` forms a cycle",
    "E607": "required key missing from a theme that extends nothing",
    "E608": "theme value out of range or not an allowed word",
    "E609": "theme file cannot be read (I/O or encoding)",
}

MARKERS: tuple[str, ...] = ("circle", "diamond", "square", "triangle", "triangle-down")
"""Emotion-curve marker shapes a theme may name."""

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
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

_KIND_WORDS = {
    "colour": 'a colour such as "#1f2328"',
    "colours": "a non-empty list of colours",
    "text": "a string",
    "number": "a number (0 or more)",
    "size": "a number greater than 0",
    "dash": 'a dash pattern such as "4 3" (or "" for solid)',
    "dashes": "a non-empty list of dash patterns",
    "markers": "a non-empty list of marker names",
}


def parse_colour(value: str) -> tuple[int, int, int] | None:
    """`#rrggbb` or `#rgb` as an RGB triple, or None when it is not one."""
    if not _COLOUR.fullmatch(value):
        return None
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


class _Loader:
    """Reads one theme chain, reporting into a collector."""

    def __init__(self, collector: Collector) -> None:
        self.collector = collector

    def resolve(self, ref: str, base: Path | None) -> Path | None:
        looks_like_path = "/" in ref or "\\" in ref or ref.endswith(".toml")
        if not looks_like_path:
            shipped = resources.theme_path(ref)
            if shipped is not None:
                return shipped
        path = Path(ref)
        if not path.is_absolute() and base is not None:
            path = base / path
        return path if path.is_file() else None

    def load(self, path: Path, chain: tuple[Path, ...]) -> dict[str, Any] | None:
        file = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.collector.error("E609", f"cannot read theme: {exc}", Location(file))
            return None
        self.collector.add_source(file, text)
        try:
            data = parse_toml(path.name, text)
        except ValueError as exc:  # tomllib.TOMLDecodeError
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            line, col = (int(found.group(1)), int(found.group(2))) if found else (0, 1)
            message = re.sub(r"\s*\(at line.*\)$", "", str(exc)).lower()
            self.collector.error("E602", f"invalid TOML: {message}", Location(file, line, col))
            return None
        self._validate(data, text, file)
        parent_ref = data.get("extends")
        if not isinstance(parent_ref, str):
            return data
        line, col = find_key(text, "", "extends")
        where = Location(file, line, col, len("extends"))
        parent = self.resolve(parent_ref, path.parent)
        if parent is None:
            names = ", ".join(resources.theme_names())
            self.collector.error(
                "E601",
                f"theme `{parent_ref}` not found",
                where,
                f"shipped themes: {names}; or give a path to a .toml file",
            )
            return None
        if parent.resolve() in chain:
            trail = " -> ".join(p.name for p in (*chain, parent.resolve()))
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


def _check(kind: str, value: object) -> tuple[str, str] | None:
    """None when `value` is a valid `kind`, else (code, message)."""
    expected = "must be " + _KIND_WORDS[kind]
    if kind == "colour":
        if not isinstance(value, str):
            return "E604", expected
        return None if parse_colour(value) else ("E605", f"is not a colour: {value!r}")
    if kind == "text":
        return None if isinstance(value, str) and value.strip() else ("E604", expected)
    if kind in ("number", "size"):
        if not _is_number(value):
            return "E604", expected
        ok = value > 0 if kind == "size" else value >= 0  # type: ignore[operator]
        return None if ok else ("E608", f"{expected}, not {value}")
    if kind == "dash":
        if not isinstance(value, str):
            return "E604", expected
        return None if _DASH.fullmatch(value.strip()) else ("E608", f"{expected}, not {value!r}")
    if not isinstance(value, list) or not value:
        return "E604", expected
    for item in value:
        if kind == "colours" and not (isinstance(item, str) and parse_colour(item)):
            return "E605", f"has a bad colour: {item!r}"
        if kind == "markers" and item not in MARKERS:
            return "E608", f"has an unknown marker {item!r}; allowed: {', '.join(MARKERS)}"
        if kind == "dashes" and not (isinstance(item, str) and _DASH.fullmatch(item.strip())):
            return "E608", f"has a bad dash pattern: {item!r}"
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


def read_theme(ref: str | Path, collector: Collector, base_dir: Path | None = None) -> Theme | None:
    """Load theme `ref` (a shipped name or a path), reporting problems into `collector`."""
    loader = _Loader(collector)
    path = loader.resolve(str(ref), base_dir if base_dir is not None else Path.cwd())
    if path is None:
        names = ", ".join(resources.theme_names())
        collector.error(
            "E601",
            f"theme `{ref}` not found",
            Location(str(ref)),
            f"shipped themes: {names}; or give a path to a .toml file",
        )
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
    option: str | None, own: str | None, *, option_base: Path, own_base: Path
) -> tuple[Theme | None, list[Diagnostic]]:
    """The theme to draw with, the one rule every command and integration follows.

    `option` (the command line's `--theme`, a fence's `theme=`) wins, resolved
    from `option_base` (the working directory; a fence's document); else the
    journey's own `theme:` (`own`), resolved from `own_base` (its file's
    directory). Neither: None, the shipped default. A theme that cannot be
    loaded gives None and the diagnostics saying why (errors).
    """
    ref = option or own
    if ref is None:
        return None, []
    collector = Collector()
    theme = read_theme(ref, collector, option_base if option else own_base)
    return theme, collector.sorted()
