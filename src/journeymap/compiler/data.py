"""Figures from analytics exports: `data "file.csv"` and `--data` (LANGUAGE.md section 5, Data).

A CSV or TSV file is read as a stream, row by row (comma, semicolon or tab,
found from the header line; a semicolon file may use decimal commas; UTF-8
with or without a BOM; any line ending); a JSON file is a list of row
objects of at most 10 MB. The `id` column (or the one `id=` names) keys each
row by a stage, step or touchpoint ID, or, with `match=KEY`, by a
touchpoint's `KEY=` attribute. A figure from data replaces the one written
in the journey, with a warning naming both places. A malformed file is an
error located `file:LINE:COLUMN`, and makes the journey an error.
"""

import csv
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from journeymap.compiler import builders as b
from journeymap.model import journey as model
from journeymap.model.diagnostics import Collector, Location

MAX_JSON_BYTES = 10 * 1024 * 1024
"""A JSON data file is loaded whole, so it is kept small."""

DATA_SUFFIXES = (".csv", ".tsv", ".json")
"""What a data file's name ends in; nothing else is read (its text could reach a message)."""

NUMBER_FIGURES = ("count", "duration", "score")
"""Figures whose cells must be numbers (a count a whole number, a duration seconds or h:mm:ss)."""

_SHOWN_UNKNOWN = 5  # how many unknown IDs a warning names

_WHOLE = re.compile(r"\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)")
_DECIMAL_COMMA = re.compile(r"([+-]?\d+),(\d+)(%?)")
_CLOCK = re.compile(r"(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.\d+)?")


class DataSpec(NamedTuple):
    """One data file to read: where it is, how it is shown, and its column mapping."""

    path: Path
    display: str
    mapping: tuple[tuple[str, str], ...]  # ("id"|"match"|FIGURE, COLUMN or KEY)
    where: Location | None = None  # the `data` statement; None for `--data`


class _Row(NamedTuple):
    key: str
    line: int
    key_column: int  # 0 for a CSV row: its line is read again only for an error
    cells: tuple[tuple[str, str], ...]  # (figure, value), empty cells left out
    key_index: int = 0
    delimiter: str = ","
    path: Path | None = None

    def column(self) -> int:
        """The 1-based column of the row's ID (a CSV row's line is read again for it)."""
        if self.key_column or self.path is None:
            return self.key_column or 1
        raw = _physical_line(self.path, self.line)
        return _field_column(raw, self.delimiter, self.key_index)


class _Bad(Exception):
    """A malformed data file: the message and where (raised inside the reader)."""

    def __init__(self, code: str, message: str, where: Location, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.where, self.hint = code, message, where, hint


def read_mapping(
    pairs: list[tuple[str, str | None, Location]], diagnostics: Collector
) -> tuple[tuple[str, str], ...] | None:
    """A `data` attribute list (or `--data FILE:k=v,…`) checked; None after an error."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, value, where in pairs:
        if value is None or not value.strip():
            diagnostics.error(
                "E905",
                f"`{key}` on `data` needs a column name",
                where,
                'write `data "pages.csv" [id=page_path, count=sessions]`',
            )
            return None
        if key in seen:
            diagnostics.error("E905", f"`{key}` is mapped twice on one `data`", where)
            return None
        seen.add(key)
        out.append((key, value.strip()))
    return tuple(out)


def spec_from_argument(argument: str, diagnostics: Collector) -> DataSpec | None:
    """`--data FILE` or `--data FILE:key=value,…` as a data spec; None after an error."""
    path_text, mapping_text = argument, ""
    head, sep, tail = argument.rpartition(":")
    if sep and "=" in tail and head:
        path_text, mapping_text = head, tail
    where = Location(path_text)
    pairs: list[tuple[str, str | None, Location]] = []
    for item in filter(None, (part.strip() for part in mapping_text.split(","))):
        key, eq, value = item.partition("=")
        pairs.append((key.strip(), value if eq else None, Location(f"--data {argument}")))
    mapping = read_mapping(pairs, diagnostics)
    if mapping is None:
        return None
    path = Path(path_text)
    if not path.is_file():
        diagnostics.error("E007", f"cannot read data file `{path_text}`: no such file", where)
        return None
    return DataSpec(path.resolve(), path_text, mapping, None)


# -- reading ------------------------------------------------------------------------------


def _columns(
    header: list[str], spec: DataSpec, line: int
) -> tuple[int, list[tuple[int, str]], str | None]:
    """The id column's index, the other columns' (index, figure), and the `match=` key."""
    mapping = dict(spec.mapping)
    match = mapping.pop("match", None)
    id_column = mapping.pop("id", "id")
    names = [name.strip() for name in header]
    where = Location(spec.display, line, 1)
    if id_column not in names:
        listed = ", ".join(f"`{n}`" for n in names if n) or "none"
        raise _Bad(
            "E902",
            f"`{spec.display}` has no `{id_column}` column (its columns are {listed})",
            where,
            "name the column of IDs with `id=COLUMN` on `data`",
        )
    by_column = {column: figure for figure, column in mapping.items()}
    for figure, column in mapping.items():
        if column not in names:
            raise _Bad(
                "E902",
                f"`{spec.display}` has no `{column}` column (mapped to `{figure}`)",
                where,
            )
    taken = set(mapping)
    figures: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        if not name or name == id_column:
            continue
        if name in by_column:
            figures.append((index, by_column[name]))
        elif name not in taken:
            figures.append((index, name))
    return names.index(id_column), figures, match


def _number_text(figure: str, text: str, decimal_comma: bool) -> str | None:
    """A number cell's value as the journey writes it; None when it is not a number."""
    if decimal_comma:
        text = _DECIMAL_COMMA.sub(r"\1.\2\3", text)
    if figure == "count":
        plain = text.replace("_", "")
        return plain if _WHOLE.fullmatch(plain) else None
    if figure == "duration":
        if _NUMBER.fullmatch(text):
            return f"{_plain(float(text))}s"
        clock = _CLOCK.fullmatch(text)
        if clock is None:
            return None
        hours, minutes, seconds = clock.groups()
        return f"{int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)}s"
    return text if _NUMBER.fullmatch(text) else None


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _field_column(raw: str, delimiter: str, index: int) -> int:
    """The 1-based column where field `index` starts on a physical line (quotes respected)."""
    field, quoted = 0, False
    for position, char in enumerate(raw):
        if field == index:
            return position + 1
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            field += 1
    return len(raw) + 1 if field == index else 1


def _delimiter(header: str) -> str:
    """The separator a header line uses: the most frequent of tab, semicolon, comma."""
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside.count(sep) for sep in ("\t", ";", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _quick_checks(decimal_comma: bool) -> dict[str, re.Pattern[str]]:
    """One expression per number figure that accepts every good cell (rows not kept)."""
    point = "[.,]" if decimal_comma else r"\."
    number = rf"[+-]?(?:\d+(?:{point}\d+)?|{point}\d+)"
    return {
        "count": re.compile(r"\s*\d[\d_]*\s*"),
        "duration": re.compile(rf"\s*(?:{number}|(?:\d+:)?[0-5]?\d:[0-5]\d(?:\.\d+)?)\s*"),
        "score": re.compile(rf"\s*{number}\s*"),
    }


def _physical_line(path: Path, number: int) -> str:
    """Line `number` of a file (1-based), read again only to place an error."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for index, text in enumerate(handle, 1):
            if index == number:
                return text
    return ""


class _Tally:
    """The IDs a data file's rows name (for duplicates), and those the journey does not have."""

    __slots__ = ("count", "first", "seen")

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}  # ID -> its first line
        self.first: list[str] = []  # the first few unknown IDs
        self.count = 0  # rows for unknown IDs

    def unknown(self, key: str) -> None:
        self.count += 1
        if len(self.first) < _SHOWN_UNKNOWN:
            self.first.append(key)


def _duplicate(spec: DataSpec, key: str, line: int, first: int, column: int) -> _Bad:
    return _Bad(
        "E904",
        f"duplicate ID `{key}` in `{spec.display}`: it is already on line {first}",
        Location(spec.display, line, column, len(key)),
        "keep one row per ID",
    )


def _csv_rows(spec: DataSpec, keep: Callable[[str], bool], tally: _Tally) -> Iterator[_Row]:
    """The kept rows of a CSV or TSV file, streamed; raises `_Bad` at the first problem.

    Only rows whose ID `keep` accepts are read into cells and yielded; the
    others (most of an analytics export) are checked and counted in `tally`
    here, so a large export costs little.
    """
    try:
        handle = open(spec.path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        message = f"cannot read data file `{spec.display}`: {exc.strerror}"
        raise _Bad("E901", message, Location(spec.display)) from None
    with handle:
        reader = None
        try:
            head = handle.readline()
            delimiter = _delimiter(head)
            header = next(csv.reader([head], delimiter=delimiter), [])
            key_at, figures, _match = _columns(header, spec, 1)
            decimal_comma = delimiter == ";"
            quick = _quick_checks(decimal_comma)
            checked = [(index, quick[figure]) for index, figure in figures if figure in quick]
            reader = csv.reader(handle, delimiter=delimiter)
            seen, unknown = tally.seen.setdefault, tally.unknown
            for record in reader:
                if len(record) <= key_at:
                    continue  # a blank line, or one without an ID
                key = record[key_at].strip()
                if not key:
                    continue  # a totals row, or one without an ID
                line = reader.line_num + 1
                if not keep(key):
                    for index, pattern in checked:
                        if (
                            index < len(record)
                            and record[index]
                            and not pattern.fullmatch(record[index])
                        ):
                            _cells(spec, header, figures, record, line, delimiter)
                    first = seen(key, line)
                    if first != line:
                        raw = _physical_line(spec.path, line)
                        column = _field_column(raw, delimiter, key_at)
                        raise _duplicate(spec, key, line, first, column)
                    unknown(key)
                    continue
                cells = _cells(spec, header, figures, record, line, delimiter)
                yield _Row(key, line, 0, cells, key_at, delimiter, spec.path)
        except UnicodeDecodeError:
            raise _Bad(
                "E901",
                f"data file `{spec.display}` is not UTF-8",
                Location(spec.display),
                "save the export as UTF-8 (with or without a BOM)",
            ) from None
        except csv.Error as exc:
            line = reader.line_num if reader is not None else 1
            raise _Bad(
                "E901",
                f"data file `{spec.display}` cannot be read as CSV: {exc}",
                Location(spec.display, line or 1, 1),
            ) from None


def _cells(
    spec: DataSpec,
    header: list[str],
    figures: list[tuple[int, str]],
    record: list[str],
    line: int,
    delimiter: str,
) -> tuple[tuple[str, str], ...]:
    """A kept row's figures (empty cells left out); raises `_Bad` for text in a number column."""
    decimal_comma = delimiter == ";"
    cells: list[tuple[str, str]] = []
    for index, figure in figures:
        if index >= len(record):
            continue
        text = record[index].strip()
        if not text:
            continue  # an empty cell is an absent value
        if figure in NUMBER_FIGURES:
            number = _number_text(figure, text, decimal_comma)
            if number is None:
                column = _field_column(_physical_line(spec.path, line), delimiter, index)
                raise _Bad(
                    "E903",
                    f"`{text}` in column `{header[index].strip()}` is not {_WHAT[figure]}",
                    Location(spec.display, line, column, max(1, len(text))),
                    _HINTS[figure],
                )
            text = number
        elif decimal_comma:
            text = _DECIMAL_COMMA.sub(r"\1.\2\3", text)
        cells.append((figure, text))
    return tuple(cells)


_WHAT = {"count": "a whole number", "duration": "a duration", "score": "a number"}
_HINTS = {
    "count": "a count is digits only, as in `1200`",
    "duration": "a duration is seconds (`95`) or `h:mm:ss` (`0:01:35`)",
    "score": "a score is a number, as in `4.2`",
}


def _json_rows(spec: DataSpec) -> Iterator[_Row]:
    """The rows of a JSON list of row objects (at most `MAX_JSON_BYTES`)."""
    import json  # only for JSON data files: a CSV never needs it

    whole = Location(spec.display)
    try:
        size = os.stat(spec.path).st_size
        if size > MAX_JSON_BYTES:
            raise _Bad(
                "E901",
                f"data file `{spec.display}` is too large for JSON ({size:,} bytes; the "
                f"limit is {MAX_JSON_BYTES:,})",
                whole,
                "export CSV instead: it is read as a stream",
            )
        text = spec.path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise _Bad(
            "E901", f"cannot read data file `{spec.display}`: {exc.strerror}", whole
        ) from None
    except UnicodeDecodeError:
        raise _Bad("E901", f"data file `{spec.display}` is not UTF-8", whole) from None
    decoder = json.JSONDecoder()
    starts: list[int] = []
    items: list[object] = []
    try:
        index = _skip(text, 0)
        if not text.startswith("[", index):
            raise _Bad("E901", f"data file `{spec.display}` is not a JSON list of rows", whole)
        index = _skip(text, index + 1)
        while not text.startswith("]", index):
            value, end = decoder.raw_decode(text, index)
            starts.append(index)
            items.append(value)
            index = _skip(text, end)
            if text.startswith(",", index):
                index = _skip(text, index + 1)
            elif not text.startswith("]", index):
                raise json.JSONDecodeError("expected `,` or `]`", text, index)
    except json.JSONDecodeError as exc:
        raise _Bad(
            "E901",
            f"data file `{spec.display}` is not valid JSON: {exc.msg}",
            Location(spec.display, exc.lineno, exc.colno),
        ) from None
    header: list[str] = []
    for item in items:
        if isinstance(item, dict):
            header += [k for k in item if k not in header]
    for position, item in zip(starts, items, strict=True):
        line = text.count("\n", 0, position) + 1
        column = position - text.rfind("\n", 0, position)
        at = Location(spec.display, line, column)
        if not isinstance(item, dict):
            raise _Bad("E901", "a row of a JSON data file must be an object", at)
        key_at, figures, _match = _columns(header, spec, line)
        key_value = item.get(header[key_at])
        if key_value is None or key_value == "":
            continue
        cells: list[tuple[str, str]] = []
        for index, figure in figures:
            raw = item.get(header[index])
            if raw is None or raw == "":
                continue
            value = _plain(float(raw)) if isinstance(raw, int | float) else str(raw).strip()
            if figure in NUMBER_FIGURES:
                number = _number_text(figure, value, False)
                if number is None:
                    raise _Bad(
                        "E903",
                        f"`{value}` in `{header[index]}` is not {_WHAT[figure]}",
                        at,
                        _HINTS[figure],
                    )
                value = number
            cells.append((figure, value))
        yield _Row(str(key_value).strip(), line, column, tuple(cells))


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


# -- applying -----------------------------------------------------------------------------


class _Targets:
    """What rows can name: stages and steps by ID, touchpoints by ID or by an attribute."""

    def __init__(self, doc: b.DocumentBuilder) -> None:
        self.measured: dict[str, b.MeasuredBuilder] = {}
        self.touchpoints: dict[str, list[tuple[b.StepBuilder, int]]] = {}
        self.steps: list[b.StepBuilder] = []
        for stage in doc.stages:
            if stage.id:
                self.measured[stage.id] = stage
            for step in stage.steps:
                self.steps.append(step)
                if step.id:
                    self.measured[step.id] = step
                for index, touchpoint in enumerate(step.touchpoints):
                    if touchpoint.id:
                        self.touchpoints.setdefault(touchpoint.id, []).append((step, index))

    @property
    def names(self) -> set[str]:
        """Every ID a row may name."""
        return {*self.measured, *self.touchpoints}

    def by_attribute(self, key: str) -> dict[str, list[tuple[b.StepBuilder, int]]]:
        found: dict[str, list[tuple[b.StepBuilder, int]]] = {}
        for step in self.steps:
            for index, touchpoint in enumerate(step.touchpoints):
                for name, value in touchpoint.attributes:
                    if name == key and isinstance(value, str):
                        found.setdefault(value, []).append((step, index))
        return found


def apply(specs: tuple[DataSpec, ...], doc: b.DocumentBuilder, diagnostics: Collector) -> None:
    """Read each data file in order and put its figures into the journey (later files win)."""
    targets = _Targets(doc)
    for spec in specs:
        _apply_one(spec, targets, doc, diagnostics)


def _apply_one(
    spec: DataSpec, targets: _Targets, doc: b.DocumentBuilder, diagnostics: Collector
) -> None:
    match = dict(spec.mapping).get("match")
    by_attribute = targets.by_attribute(match) if match else None
    keep = by_attribute.__contains__ if by_attribute is not None else targets.names.__contains__
    suffix = spec.path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        # Only exports are read: another file's first line would be quoted in messages.
        diagnostics.error(
            "E901",
            f"`{spec.display}` is not a data file: data files end in .csv, .tsv or .json",
            spec.where or Location(spec.display),
            "export the figures as CSV, TSV or JSON",
        )
        return
    is_json = suffix == ".json"
    tally = _Tally()
    rows = _json_rows(spec) if is_json else _csv_rows(spec, keep, tally)
    try:
        for row in rows:
            first = tally.seen.setdefault(row.key, row.line)
            if first != row.line:
                raise _duplicate(spec, row.key, row.line, first, row.column())
            origin = model.Origin(spec.display, row.line)
            if by_attribute is not None:
                places = by_attribute.get(row.key)
                if places:
                    for step, index in places:
                        _put_touchpoint(step, index, row, origin, diagnostics)
                    continue
            elif row.key in targets.measured:
                _put_measured(targets.measured[row.key], row, origin, diagnostics)
                continue
            elif row.key in targets.touchpoints:
                for step, index in targets.touchpoints[row.key]:
                    _put_touchpoint(step, index, row, origin, diagnostics)
                continue
            tally.unknown(row.key)
    except _Bad as bad:
        diagnostics.error(bad.code, bad.message, bad.where, bad.hint)
        return
    unknown_count = tally.count
    if unknown_count:
        named = ", ".join(f"`{key}`" for key in tally.first)
        more = ", …" if unknown_count > len(tally.first) else ""
        what = f"touchpoint's `{match}=`" if match else "ID in the journey"
        diagnostics.warning(
            "W901",
            f"{unknown_count} row{'s' if unknown_count != 1 else ''} of `{spec.display}` "
            f"match{'es' if unknown_count == 1 else ''} no {what}: {named}{more}",
            spec.where or Location(spec.display),
            "rows for other pages or queues are left out; check the IDs if one was meant",
        )


def _overridden(
    figure: str, written: str, origin: model.Origin, where: Location, diagnostics: Collector
) -> None:
    diagnostics.warning(
        "W902",
        f"`{figure}` is written here and given in `{origin.file}` line {origin.line}; the "
        f"data value wins",
        where,
        f"remove `{written}` from the journey, or the column from the data file",
    )


def _put_measured(
    builder: b.MeasuredBuilder, row: _Row, origin: model.Origin, diagnostics: Collector
) -> None:
    file = builder.origin.file if builder.origin else origin.file
    for figure, value in row.cells:
        if figure == "count":
            if builder.count_line and "count" not in builder.sources:
                where = Location(file, builder.count_line)
                _overridden("count", f"count: {builder.count}", origin, where, diagnostics)
            builder.count = int(value)
        else:
            line = builder.metric_lines.get(figure)
            if line and figure not in builder.sources:
                where = Location(file, line)
                written = f"metric {figure}: {builder.metrics[figure]}"
                _overridden(figure, written, origin, where, diagnostics)
            builder.metrics[figure] = value
        builder.sources[figure] = origin


def _put_touchpoint(
    step: b.StepBuilder, index: int, row: _Row, origin: model.Origin, diagnostics: Collector
) -> None:
    touchpoint = step.touchpoints[index]
    attributes = dict(touchpoint.attributes)
    sources = dict(touchpoint.sources)
    for figure, value in row.cells:
        if figure in attributes and figure not in sources and touchpoint.origin is not None:
            where = Location(touchpoint.origin.file, touchpoint.origin.line)
            written = f"{figure}={attributes[figure]}"
            _overridden(figure, written, origin, where, diagnostics)
        attributes[figure] = value
        sources[figure] = origin
    step.touchpoints[index] = touchpoint._replace(
        attributes=tuple(attributes.items()), sources=tuple(sources.items())
    )
