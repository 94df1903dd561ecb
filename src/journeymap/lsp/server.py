"""The language server over stdio: pygls wiring for every feature of `journeymap lsp`.

Diagnostics are `check`'s own (`journeymap.analysis.check.check_string` on
the editor's text, with includes read from the file's directory), published
after a short pause in typing and only for the text as it is then. Every
handler is guarded: a failure inside one is logged to the editor and answered
with nothing, so no input can stop the server.
"""

import asyncio
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from journeymap._version import __version__
from journeymap.analysis.check import check_string
from journeymap.language.format import format_bytes
from journeymap.language.keywords import KEYWORDS
from journeymap.language.resources import theme_names
from journeymap.lsp import completion
from journeymap.lsp.index import Declaration, Index, Span, build, read_disk
from journeymap.lsp.keyword_docs import MEANINGS
from journeymap.model.diagnostics import Diagnostic, Severity
from journeymap.model.journey import Journey

DEBOUNCE = 0.05
"""Seconds of quiet after a change before the text is checked (issue 25 allows up to 0.075)."""

SOURCE = "journeymap"
_SUGGESTION = re.compile(r"did you mean `([^`]+)`\?")
_WORD = re.compile(r"\w[\w-]*\w|\w")

T = TypeVar("T")


class _Checked:
    """What the last check of one open document found."""

    __slots__ = ("diagnostics", "index", "index_cost", "index_version", "journey")

    def __init__(self) -> None:
        self.diagnostics: list[lsp.Diagnostic] = []
        self.journey: Journey | None = None  # the last journey that compiled
        self.index: Index | None = None
        self.index_version: int | None = -1
        self.index_cost = 0.0


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, without its leak of one finished future per notification.

    pygls 2.1 files the future of a notification that one of its own handlers
    serves (didOpen, didChange, didClose, didSave) under a fresh random ID in
    `_request_futures`, where a request's future waits for its answer, and
    never takes it out: 10,000 edits kept 10,000 futures. A request's future
    leaves that table when it is done, so any done future left there after a
    notification is one of those, and goes.
    """

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        table = self._request_futures
        for key in [key for key, future in table.items() if future.done()]:
            del table[key]


class JourneyServer(LanguageServer):
    """The server: open documents' check results, and who contributes to whose diagnostics."""

    def __init__(self) -> None:
        super().__init__("journeymap", __version__, protocol_cls=_Protocol)
        self.root: Path | None = None  # initializationOptions.root
        self.checked: dict[str, _Checked] = {}
        # Problems an open document's check found in another open (included) file:
        # target URI → source URI → diagnostics, shown in the target too.
        self.lent: dict[str, dict[str, list[lsp.Diagnostic]]] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.was_shut_down = False


# -- helpers -----------------------------------------------------------------------


def _path(uri: str) -> str | None:
    """The file system path of a `file:` URI, else None."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return os.path.abspath(path) if path else None


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _to_client(doc: TextDocument, lines: list[str], line: int, start: int, end: int) -> lsp.Range:
    """0-based `line` and character columns as a range in the client's units."""
    if line >= len(lines):
        line, start, end = max(0, len(lines) - 1), 0, 0
    server = ServerTextRange(ServerTextPosition(line, start), ServerTextPosition(line, end))
    return doc.position_codec.range_to_client_units(lines, server)


def _span_range(doc: TextDocument | None, span: Span, lines: list[str]) -> lsp.Range:
    start = span.column - 1
    if doc is None:
        return lsp.Range(
            lsp.Position(span.line - 1, start), lsp.Position(span.line - 1, start + span.length)
        )
    return _to_client(doc, lines, span.line - 1, start, start + span.length)


def _cursor(doc: TextDocument, lines: list[str], position: lsp.Position) -> tuple[int, int]:
    """The 0-based line and character column of a client position."""
    if position.line >= len(lines):
        return position.line, position.character
    server = doc.position_codec.position_from_client_units(lines, position)
    return server.line, server.character


def _guarded(ls: JourneyServer, default: T, run: Callable[[], T]) -> T:
    """`run()`, or `default` after logging, when it raises: no handler may stop the server."""
    try:
        return run()
    except Exception as exc:  # a bug must cost one answer, not the session
        _log(ls, exc)
        return default


def _log(ls: JourneyServer, exc: Exception) -> None:
    ls.window_log_message(
        lsp.LogMessageParams(lsp.MessageType.Error, f"journeymap: {type(exc).__name__}: {exc}")
    )


def _lsp_diagnostic(d: Diagnostic, rng: lsp.Range, message: str | None = None) -> lsp.Diagnostic:
    severity = (
        lsp.DiagnosticSeverity.Error
        if d.severity is Severity.ERROR
        else lsp.DiagnosticSeverity.Warning
    )
    data: dict[str, Any] = {"hint": d.hint}
    found = _SUGGESTION.search(d.hint or "") or _SUGGESTION.search(d.message)
    if found and message is None:  # not for a problem shown on an include line
        data["suggestion"] = found.group(1)
    return lsp.Diagnostic(
        range=rng,
        message=message or d.message,
        severity=severity,
        code=d.code,
        source=SOURCE,
        data=data,
    )


def _include_line(main: str, text: str, target: str, root: Path) -> int:
    """The 1-based line of `text`'s include that leads (perhaps through others) to `target`."""
    for number, line in enumerate(_lines(text), start=1):
        match = re.match(r'\s*include\s+"([^"]*)"', line)
        if match and _leads_to(os.path.dirname(main), match.group(1), target, root, 0, set()):
            return number
    return 0


def _leads_to(base: str, include: str, target: str, root: Path, depth: int, seen: set[str]) -> bool:
    path = os.path.normpath(os.path.join(base, include))
    if path == os.path.normpath(target):
        return True
    if depth > 16 or path in seen:
        return False
    seen.add(path)
    text = read_disk(path)
    if text is None:
        return False
    for line in _lines(text):
        match = re.match(r'\s*include\s+"([^"]*)"', line)
        if match and _leads_to(
            os.path.dirname(path), match.group(1), target, root, depth + 1, seen
        ):
            return True
    return False


# -- diagnostics ---------------------------------------------------------------------


def _root_for(ls: JourneyServer, path: str | None) -> Path:
    if ls.root is not None:
        return ls.root
    return Path(path).parent if path else Path.cwd()


def check_document(ls: JourneyServer, uri: str) -> None:
    """Check the document's text as it is now and publish what `check` says about it."""
    ls.timers.pop(uri, None)
    try:
        doc = ls.workspace.get_text_document(uri)
    except Exception:
        return
    state = ls.checked.setdefault(uri, _Checked())
    text = doc.source
    path = _path(uri)
    name = path or uri
    lines = _lines(text)
    try:
        result = check_string(text, name=name, root=ls.root, path=path)
    except Exception as exc:  # never leave the old diagnostics up after a crash
        _log(ls, exc)
        state.diagnostics = []
        _publish(ls, uri, doc.version)
        return
    if result.journey is not None:
        state.journey = result.journey
    own: list[lsp.Diagnostic] = []
    lent: dict[str, list[lsp.Diagnostic]] = {}
    for d in result.diagnostics:
        loc = d.location
        if loc.file == name:
            rng = _to_client(
                doc, lines, max(0, loc.line - 1), loc.column - 1, loc.column - 1 + loc.length
            )
            own.append(_lsp_diagnostic(d, rng))
            continue
        line = _include_line(name, text, loc.file, _root_for(ls, path))
        rng = _to_client(doc, lines, max(0, line - 1), 0, len(lines[line - 1]) if line else 0)
        shown = os.path.relpath(loc.file, os.path.dirname(name)) if path else loc.file
        where = f"{shown}:{loc.line}:{loc.column}" if loc.line else shown
        own.append(_lsp_diagnostic(d, rng, f"{where}: {d.message}"))
        target = from_fs_path(loc.file) if os.path.isabs(loc.file) else None
        if target and target in ls.checked and target != uri:
            start = lsp.Position(max(0, loc.line - 1), loc.column - 1)
            end = lsp.Position(max(0, loc.line - 1), loc.column - 1 + loc.length)
            lent.setdefault(target, []).append(_lsp_diagnostic(d, lsp.Range(start, end)))
    state.diagnostics = own
    _publish(ls, uri, doc.version)
    _lend(ls, uri, lent)


def _lend(ls: JourneyServer, source: str, lent: dict[str, list[lsp.Diagnostic]]) -> None:
    """Record what `source`'s check found in other open files, and republish those that changed."""
    for target in set(ls.lent) | set(lent):
        before = ls.lent.get(target, {}).get(source)
        after = lent.get(target)
        if before == after:
            continue
        if after:
            ls.lent.setdefault(target, {})[source] = after
        else:
            ls.lent.get(target, {}).pop(source, None)
        if target in ls.checked:
            _publish(ls, target, None)


def _publish(ls: JourneyServer, uri: str, version: int | None) -> None:
    state = ls.checked.get(uri)
    items = list(state.diagnostics) if state else []
    seen = {(d.range.start.line, d.range.start.character, d.code, d.message) for d in items}
    for diagnostics in ls.lent.get(uri, {}).values():
        for d in diagnostics:
            key = (d.range.start.line, d.range.start.character, d.code, d.message)
            if key not in seen:
                seen.add(key)
                items.append(d)
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version)
    )


def schedule(ls: JourneyServer, uri: str) -> None:
    """Check `uri` once typing has paused for `DEBOUNCE` seconds."""
    timer = ls.timers.pop(uri, None)
    if timer is not None:
        timer.cancel()
    loop = asyncio.get_running_loop()
    ls.timers[uri] = loop.call_later(DEBOUNCE, _guarded, ls, None, lambda: check_document(ls, uri))


# -- the index, for completion, hover, definition, references and the outline ----------


def index_of(ls: JourneyServer, uri: str, *, stale_ok: bool = False) -> Index:
    """The document's index, rebuilt when its text changed since.

    With `stale_ok`, an index of an earlier version is kept when building one
    takes long (completion on a very long file): IDs rarely change in a keystroke.
    """
    doc = ls.workspace.get_text_document(uri)
    state = ls.checked.setdefault(uri, _Checked())
    fresh = state.index is not None and state.index_version == doc.version
    if state.index is not None and (fresh or (stale_ok and state.index_cost > 0.02)):
        return state.index
    path = _path(uri)
    started = time.perf_counter()
    state.index = build(path or uri, doc.source, _root_for(ls, path), lambda p: _read(ls, p))
    state.index_cost = time.perf_counter() - started
    state.index_version = doc.version
    return state.index


def _read(ls: JourneyServer, path: str) -> str | None:
    """An included file's text: the editor's buffer when it is open, else the disk's."""
    uri = from_fs_path(path)
    if uri in ls.checked:
        try:
            return ls.workspace.get_text_document(uri).source
        except Exception:
            pass
    return read_disk(path)


def _location(ls: JourneyServer, span: Span) -> lsp.Location:
    uri = from_fs_path(span.file) if os.path.isabs(span.file) else span.file
    doc = None
    lines: list[str] = []
    if uri in ls.checked:
        doc = ls.workspace.get_text_document(uri)
        lines = _lines(doc.source)
    return lsp.Location(uri=uri, range=_span_range(doc, span, lines))


def _word_at(line: str, column: int) -> tuple[str, int] | None:
    """The word (letters, digits, `_`, `-`) under 0-based `column`, and its 0-based start."""
    for match in _WORD.finditer(line):
        if match.start() <= column <= match.end():
            return match.group(0), match.start()
    return None


def describe(decl: Declaration, journey: Journey | None, index: Index) -> str:
    """What an ID names, in Markdown: a persona's name and role, a step's stage, ..."""
    kind = (
        "lane item"
        if decl.kind not in ("persona", "channel", "team", "stage", "step", "touchpoint")
        else decl.kind
    )
    head = f"**{decl.kind}** `{decl.id}`: {decl.name}" if decl.name else f"**{kind}** `{decl.id}`"
    lines = [head]
    attrs = dict(decl.attributes)
    if decl.kind == "persona" and journey is not None:
        persona = next((p for p in journey.personas if p.id == decl.id), None)
        if persona is not None and persona.role:
            lines.append("role: " + "; ".join(persona.role))
    elif decl.kind == "step" and decl.parent:
        stage = index.declarations.get(decl.parent)
        lines.append(
            f"in stage `{decl.parent}`" + (f": {stage.name}" if stage and stage.name else "")
        )
    elif decl.kind == "touchpoint":
        channel = attrs.get("channel")
        if channel:
            declared = index.declarations.get(channel)
            lines.append(f"channel `{channel}`" + (f": {declared.name}" if declared else ""))
        for key in ("kind", "tier", "owner"):
            if attrs.get(key):
                lines.append(f"{key}: {attrs[key]}")
        if decl.parent:
            lines.append(f"at step `{decl.parent}`")
    elif decl.kind == "channel" and attrs.get("kind"):
        lines.append(f"kind: {attrs['kind']}")
    elif kind == "lane item":
        lines.append(f"{decl.kind} lane" + (f", at step `{decl.parent}`" if decl.parent else ""))
    return "\n\n".join(lines)


# -- the server ------------------------------------------------------------------------


def make_server() -> JourneyServer:
    """A server with every feature registered."""
    ls = JourneyServer()

    @ls.feature(lsp.INITIALIZE)
    def initialize(ls: JourneyServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("root"), str):
            ls.root = Path(options["root"]).resolve()

    @ls.feature(lsp.SHUTDOWN)
    def shutdown(ls: JourneyServer, *_: object) -> None:
        ls.was_shut_down = True
        for timer in ls.timers.values():
            timer.cancel()
        ls.timers.clear()

    @ls.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: JourneyServer, params: lsp.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.checked.setdefault(uri, _Checked())
        _guarded(ls, None, lambda: check_document(ls, uri))

    @ls.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: JourneyServer, params: lsp.DidChangeTextDocumentParams) -> None:
        _guarded(ls, None, lambda: schedule(ls, params.text_document.uri))

    @ls.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: JourneyServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # Saving changes what other open files read through their includes.
        for uri in list(ls.checked):
            _guarded(ls, None, lambda uri=uri: schedule(ls, uri))  # type: ignore[misc]

    @ls.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: JourneyServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.checked.pop(uri, None)
        ls.lent.pop(uri, None)
        _lend(ls, uri, {})
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @ls.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=["[", ",", "=", " ", ":", ">", '"']),
    )
    def on_completion(ls: JourneyServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        return _guarded(ls, lsp.CompletionList(False, []), lambda: _completion(ls, params))

    @ls.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: JourneyServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return _guarded(ls, None, lambda: _hover(ls, params))

    @ls.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: JourneyServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        return _guarded(ls, [], lambda: _definition(ls, params))

    @ls.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def on_references(ls: JourneyServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        return _guarded(ls, [], lambda: _references(ls, params))

    @ls.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_symbols(ls: JourneyServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        return _guarded(ls, [], lambda: _symbols(ls, params.text_document.uri))

    @ls.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def on_format(
        ls: JourneyServer, params: lsp.DocumentFormattingParams
    ) -> list[lsp.TextEdit] | None:
        return _guarded(ls, None, lambda: _format(ls, params.text_document.uri))

    @ls.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def on_code_action(ls: JourneyServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return _guarded(ls, [], lambda: _code_actions(ls, params))

    return ls


def _completion(ls: JourneyServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    text = doc.source
    lines = _lines(text)
    line, column = _cursor(doc, lines, params.position)

    def ids() -> dict[str, str]:
        known = {i: d.kind for i, d in index_of(ls, uri, stale_ok=True).declarations.items()}
        known.update(completion.declared_in(text))  # what the text declares now
        return known

    found = completion.complete(lines, line, column, ids, theme_names)
    kinds = {
        "keyword": lsp.CompletionItemKind.Keyword,
        "attribute": lsp.CompletionItemKind.Property,
        "value": lsp.CompletionItemKind.EnumMember,
        "id": lsp.CompletionItemKind.Reference,
        "theme": lsp.CompletionItemKind.Value,
    }
    rng = _to_client(doc, lines, line, column - found.replaces, column)
    items = [
        lsp.CompletionItem(
            label=item.label,
            kind=kinds[item.kind],
            detail=item.detail,
            sort_text=item.sort,
            filter_text=item.label,
            text_edit=lsp.TextEdit(rng, item.insert),
        )
        for item in found.items
    ]
    return lsp.CompletionList(is_incomplete=False, items=items)


def _at_cursor(ls: JourneyServer, uri: str, position: lsp.Position) -> tuple[Index, str | None]:
    doc = ls.workspace.get_text_document(uri)
    lines = _lines(doc.source)
    line, column = _cursor(doc, lines, position)
    index = index_of(ls, uri)
    path = _path(uri) or uri
    return index, index.id_at(path, line + 1, column + 1)


def _hover(ls: JourneyServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    index, ident = _at_cursor(ls, uri, params.position)
    if ident is not None and ident in index.declarations:
        state = ls.checked.get(uri)
        text = describe(index.declarations[ident], state.journey if state else None, index)
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text))
    doc = ls.workspace.get_text_document(uri)
    lines = _lines(doc.source)
    line, column = _cursor(doc, lines, params.position)
    if line >= len(lines):
        return None
    found = _word_at(lines[line], column)
    if found is None:
        return None
    word, start = found
    is_first = lines[line][:start].strip() == "" and not re.match(
        r"\s*--?>", lines[line][start + len(word) :]
    )
    if is_first and word in MEANINGS and word in KEYWORDS:
        rng = _to_client(doc, lines, line, start, start + len(word))
        return lsp.Hover(
            lsp.MarkupContent(lsp.MarkupKind.Markdown, f"`{word}`: {MEANINGS[word]}"), rng
        )
    return None


def _definition(ls: JourneyServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
    index, ident = _at_cursor(ls, params.text_document.uri, params.position)
    if ident is None or ident not in index.declarations:
        return []
    return [_location(ls, index.declarations[ident].at)]


def _references(ls: JourneyServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    index, ident = _at_cursor(ls, params.text_document.uri, params.position)
    if ident is None:
        return []
    spans = list(index.references.get(ident, []))
    if params.context.include_declaration and ident in index.declarations:
        spans.insert(0, index.declarations[ident].at)
    return [_location(ls, span) for span in spans]


def _symbols(ls: JourneyServer, uri: str) -> list[lsp.DocumentSymbol]:
    doc = ls.workspace.get_text_document(uri)
    lines = _lines(doc.source)
    index = index_of(ls, uri)
    path = _path(uri) or uri
    mine = [
        d
        for d in index.declarations.values()
        if d.at.file == path and d.kind in ("persona", "stage", "step")
    ]
    mine.sort(key=lambda d: d.at.line)
    kinds = {
        "persona": lsp.SymbolKind.Class,
        "stage": lsp.SymbolKind.Namespace,
        "step": lsp.SymbolKind.Function,
    }
    symbols: list[lsp.DocumentSymbol] = []
    stage: tuple[str, list[lsp.DocumentSymbol]] | None = None  # its ID and its steps
    for n, decl in enumerate(mine):
        ends = [d.at.line for d in mine[n + 1 :] if decl.kind != "stage" or d.kind != "step"]
        last = (ends[0] - 2) if ends else len(lines) - 1
        last = max(decl.at.line - 1, last)
        full = _to_client(doc, lines, decl.at.line - 1, 0, 0)
        full = lsp.Range(
            full.start, lsp.Position(last, len(lines[last]) if last < len(lines) else 0)
        )
        symbol = lsp.DocumentSymbol(
            name=decl.name or decl.id,
            detail=f"{decl.kind} {decl.id}",
            kind=kinds[decl.kind],
            range=full,
            selection_range=_span_range(doc, decl.at, lines),
        )
        if decl.kind == "step" and stage is not None and decl.parent == stage[0]:
            stage[1].append(symbol)
            continue
        if decl.kind == "stage":
            steps: list[lsp.DocumentSymbol] = []
            symbol.children = steps
            stage = (decl.id, steps)
        symbols.append(symbol)
    return symbols


def _format(ls: JourneyServer, uri: str) -> list[lsp.TextEdit] | None:
    doc = ls.workspace.get_text_document(uri)
    text = doc.source
    result = format_bytes(text.encode("utf-8", "surrogatepass"), _path(uri) or uri)
    if result.text is None:
        return None  # syntax errors: fmt writes nothing either, and diagnostics say why
    if result.text == text:
        return []
    lines = _lines(text)
    end = doc.position_codec.position_to_client_units(
        lines, ServerTextPosition(len(lines) - 1, len(lines[-1]))
    )
    return [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), end), result.text)]


def _code_actions(ls: JourneyServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    actions = []
    for d in params.context.diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        suggestion = data.get("suggestion")
        if d.source != SOURCE or not isinstance(suggestion, str):
            continue
        edit = lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(d.range, suggestion)]})
        actions.append(
            lsp.CodeAction(
                title=f"Change to `{suggestion}`",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[d],
                edit=edit,
                is_preferred=True,
            )
        )
    return actions


def serve() -> int:
    """Run the server on standard input and output; 0 after `shutdown` then `exit`."""
    ls = make_server()
    ls.start_io()
    return 0 if ls.was_shut_down else 1
