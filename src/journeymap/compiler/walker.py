"""Walk parsed statements into a `Journey`: blocks, IDs, includes, checks.

LANGUAGE.md sections 4 and 5 in code. A property attaches to the nearest
preceding block opener; document statements stand anywhere and leave the
current block alone; an included file is walked as a unit. Every problem is
reported to the `Collector` and the walk goes on, so one run shows them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from journeymap.compiler import builders as b
from journeymap.compiler import data
from journeymap.compiler.attributes import (
    AttributeChecker,
    CheckedList,
    ListReading,
)
from journeymap.compiler.files import MAX_INCLUDE_DEPTH, SourceText, read_path, resolve_include
from journeymap.language.keywords import (
    BLOCK_WORDS,
    KEYWORDS,
    QUOTED_PATH_KEYWORDS,
    Block,
    IdRule,
    KeywordSpec,
)
from journeymap.language.parser import parse
from journeymap.language.syntax import BrokenLine, Statement, StatementKind
from journeymap.language.values import did_you_mean, parse_count, parse_emotion, slug
from journeymap.model import journey as model
from journeymap.model.diagnostics import Collector, Location

_LABELS = {"persona": "persona", "channel": "channel", "team": "team"}
_FLOW_ENDS = ("step", "touchpoint", "lane item")

# One mistake, one message. A block opener with an error (a misspelt
# keyword, a duplicate or missing ID, a line that could not be read) opens a
# block of this kind, whose properties are dropped without a word; the ID it
# meant to declare is noted as of this kind, and references and flows naming
# it are not reported again.
_BROKEN = "broken"

# `target NAME: OP N`: a comparison and a plain number (LANGUAGE.md section 5).
_TARGET = re.compile(r"(?P<op>>=|<=|>|<)\s*(?P<value>[+-]?(?:\d+(?:\.\d+)?|\.\d+))")


class _Open:
    """The block a property would attach to: its kind, builder and where it opened.

    Slots, not a NamedTuple: every property line reads its block's kind and
    builder, and Python 3.11 reads a slot about three times as fast.
    """

    __slots__ = ("builder", "file", "kind", "line", "name")

    def __init__(self, kind: str, builder: object, name: str, file: str, line: int) -> None:
        self.kind, self.builder, self.name, self.file, self.line = kind, builder, name, file, line


_IdOwner = tuple[str, str, int]
"""Who declared an ID: its kind ("step", "lane item", ...), file and line.

A plain tuple, not a NamedTuple: one is made for every ID a file declares,
and a NamedTuple built from its fields costs a call where a tuple costs none.
"""


class _FlowSource:
    """A flow, with the columns of its two ends (its origin gives the file and line)."""

    __slots__ = ("flow", "source_column", "target_column")

    def __init__(self, flow: model.Flow, source_column: int, target_column: int) -> None:
        self.flow, self.source_column, self.target_column = flow, source_column, target_column


# The kinds the walk compares with on every statement. An enum member read
# through its class (`StatementKind.FLOW`) goes through the enum's metaclass,
# and any class attribute costs a lookup; a module-level name does not.
_FLOW, _INCLUDE = StatementKind.FLOW, StatementKind.INCLUDE
_PERSONA, _CHANNEL, _TEAM, _STEP = Block.PERSONA, Block.CHANNEL, Block.TEAM, Block.STEP


class _FileState:
    """Where the walk of one file stands: its current block and stage."""

    __slots__ = ("block", "file", "source", "stage")

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.file = source.display  # what every origin and location names
        self.block: _Open | None = None
        self.stage: b.StageBuilder | None = None


class _Walk:
    """What the walk of a whole document collects across its files."""

    def __init__(self, root: Path, diagnostics: Collector) -> None:
        self.root = root
        self.diagnostics = diagnostics
        self.doc = b.DocumentBuilder()
        self.ids: dict[str, _IdOwner] = {}
        self.once: dict[str, tuple[str, int]] = {}
        self.unnamed_stage: b.StageBuilder | None = None
        self.pending_auto: list[tuple[str, b.StageBuilder | b.StepBuilder]] = []
        self.flows: list[_FlowSource] = []
        self.seen_files: set[Path] = set()
        self.chain: list[SourceText] = []
        self.statement_count = 0
        # Emotions naming personas on steps that name theirs: checked after the walk.
        self.emotion_personas: list[tuple[b.StepBuilder, tuple[str, ...], Location]] = []
        # The `data` statements met, in order; read once the IDs are known.
        self.data: list[data.DataSpec] = []


class _Facts:
    """What the walk asks of a keyword's spec on every statement, worked out once.

    Slots, not a NamedTuple: the walk reads several of these per statement,
    and Python 3.11 reads a slot about three times as fast as a NamedTuple's
    field (whose descriptor its attribute cache does not specialise).
    """

    __slots__ = (
        "accepted",
        "document",
        "handle",
        "is_include",
        "name",
        "needs_id",
        "opens",
        "reading",
        "spec",
        "takes_id",
    )

    def __init__(self, spec: KeywordSpec, handle: _Handler | None) -> None:
        self.spec = spec
        self.name = spec.name
        self.opens = spec.opens  # the block it opens, if any
        self.is_include = spec.name in QUOTED_PATH_KEYWORDS  # `include "…"`, `data "…"`
        self.takes_id = spec.id_rule != IdRule.NONE  # an ID or name may follow the keyword
        self.needs_id = spec.id_rule in (IdRule.REQUIRED, IdRule.NAME)  # one must
        # A document statement: stands anywhere, leaves the block alone.
        self.document = Block.DOCUMENT in spec.accepted_in and spec.name not in ("note", "target")
        self.accepted = spec.accepted_in  # the blocks it may stand in
        # How its attribute lists are checked and read.
        self.reading = ListReading(spec, *_READS.get(spec.name, ((), ())))
        # What a property line does; None for blocks and document lines.
        self.handle = handle


# The attributes each keyword's handler reads from a checked list (see
# `CheckedList`), text values then flags, in the order the handler unpacks them.
_LANE_TEXTS = ("owner", "system", "duration", "wait")
_READS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "channel": (("kind",), ()),
    "step": ((), ("moment-of-truth", "fail-point", "assumption")),
    "touchpoint": (("channel", "kind", "tier", "phase", "owner"), ("assumption",)),
    "emotion": (("variant",), ()),
    "opportunity": (("owner", "priority"), ("assumption",)),
    **dict.fromkeys(
        model.LANES, (("owner", "system", "duration", "wait"), ("fail-point", "assumption"))
    ),
}


class Compiler:
    """Compiles one main file (and its includes) into a Journey."""

    def __init__(
        self, root: Path, diagnostics: Collector, extra_data: tuple[data.DataSpec, ...] = ()
    ) -> None:
        self.extra_data = extra_data  # `--data` files, read after the file's own
        self.w = _Walk(root, diagnostics)
        self.diagnostics = diagnostics
        self.attributes = AttributeChecker(diagnostics)

    # -- entry points --------------------------------------------------------

    def compile(self, main: SourceText) -> model.Journey | None:
        if main.real is not None:
            self.w.seen_files.add(main.real)
        self._walk_file(main)
        if self.w.statement_count == 0 and not self.diagnostics.has_errors:
            self.diagnostics.error(
                "E006",
                "nothing to draw: the file has no statements",
                Location(main.display),
                "start with `journey: Title`, then a `stage` and its `step`s",
            )
        self._assign_automatic_ids()
        self._check_references()
        self._check_emotion_personas()
        self._resolve_flows()
        specs = (*self.w.data, *self.extra_data)
        if specs:
            data.apply(specs, self.w.doc, self.diagnostics)
        if self.diagnostics.has_errors:
            return None
        return self.w.doc.freeze()

    # -- files -----------------------------------------------------------------

    def _walk_file(self, source: SourceText) -> None:
        self.w.chain.append(source)
        parsed = parse(source.text, source.display, self.diagnostics)
        statements = parsed.statements
        state = _FileState(source)
        self.w.statement_count += len(statements)
        walk = self._statement
        if parsed.broken:
            self._walk_with_broken_lines(state, statements, parsed.broken)
        else:
            for statement in statements:
                walk(state, statement)
        self.w.chain.pop()

    def _walk_with_broken_lines(
        self, state: _FileState, statements: tuple[Statement, ...], broken: tuple[BrokenLine, ...]
    ) -> None:
        """The walk of a file with lines that could not be read, each met in its place."""
        pending = list(reversed(broken))
        for statement in statements:
            while pending and pending[-1].line < statement.line:
                self._broken_line(state, pending.pop())
            self._statement(state, statement)
        while pending:
            self._broken_line(state, pending.pop())

    def _broken_line(self, state: _FileState, line: BrokenLine) -> None:
        """Recover from a line that could not be read: its error is already reported.

        Only a line that starts with a keyword is taken for a statement: one
        that starts with anything else may be a flow from an ID that looks
        like a keyword (`stag -> pay`), which opens no block.
        """
        if line.word is None or line.word not in KEYWORDS:
            return
        self._recover(state, line.word, line.name, line.line)

    def _recover(self, state: _FileState, word: str, name: str | None, line: int) -> None:
        """After an error on a statement: open a broken block if it meant to open one,
        and note the ID it meant to declare, so nothing else is reported for it.

        `word` is its keyword, or the unknown word in its place (then the
        keyword it most likely means is taken)."""
        spec = KEYWORDS.get(word)
        if spec is None:
            suggestion = did_you_mean(word, KEYWORDS)
            spec = KEYWORDS.get(suggestion) if suggestion else None
        if name is not None and (
            spec is None or spec.id_rule in (IdRule.OPTIONAL, IdRule.REQUIRED)
        ):
            self.w.ids.setdefault(name, (_BROKEN, state.file, line))
        if spec is not None and spec.opens is not None:
            state.block = _Open(_BROKEN, None, name or word, state.file, line)

    def _include(self, state: _FileState, st: Statement, where: Location) -> None:
        target = st.value or ""
        resolved = resolve_include(target, state.source, self.w.root, self.diagnostics, where)
        if resolved is None:
            return
        real, display = resolved
        chain = " -> ".join([*(f.display for f in self.w.chain), display])
        if any(real == f.real for f in self.w.chain):
            self.diagnostics.error(
                "E403", f"include cycle: {chain}", where, "remove one of the includes in the chain"
            )
            return
        if len(self.w.chain) > MAX_INCLUDE_DEPTH:
            self.diagnostics.error(
                "E404", f"includes nest more than {MAX_INCLUDE_DEPTH} deep: {chain}", where
            )
            return
        if real in self.w.seen_files:
            return  # a file reached twice is read once
        self.w.seen_files.add(real)
        text = read_path(real, display, self.diagnostics, where)
        if text is None:
            return
        self._walk_file(text)

    # -- statements ------------------------------------------------------------

    def _at(self, state: _FileState, st: Statement, column: int = 0, length: int = 1) -> Location:
        """A place on the statement's line (its keyword when `column` is 0).

        Locations are built only where a problem is reported: a file without
        mistakes needs none, and building one per statement was a large share of the walk.
        """
        return Location(state.file, st.line, column or st.keyword_column, length)

    def _keyword_at(self, state: _FileState, st: Statement) -> Location:
        """Where most problems with a statement are shown: its keyword."""
        return self._at(state, st, st.keyword_column, len(st.keyword))

    def _statement(self, state: _FileState, st: Statement) -> None:
        # Each field of `st` is read once: a NamedTuple's field costs a
        # descriptor call per read, and this runs for every line of the file.
        kind = st.kind
        if kind is _FLOW:
            self._flow(state, st)
            return
        facts = _FACTS.get(st.keyword)
        if facts is None:
            self._unknown_keyword(state, st)
            return
        if kind is _INCLUDE:
            self._include_statement(state, st, facts.spec)
            return
        if facts.is_include:
            example = "other.journey" if st.keyword == "include" else "figures.csv"
            self.diagnostics.error(
                "E103",
                f"`{st.keyword}` needs a quoted path",
                self._keyword_at(state, st),
                f'write `{st.keyword} "{example}"`',
            )
            return
        if facts.needs_id if st.name is None else not facts.takes_id:
            self._wrong_id(state, st, facts.spec)
            if facts.opens is not None:
                self._recover(state, st.keyword, None, st.line)
            return
        # No value, an empty one or blanks (`isspace` is `not strip()` without the copy).
        value = st.value
        if not value or value.isspace():
            self._missing_value(state, st, facts.spec)
            self._recover(state, st.keyword, st.name, st.line)
            return
        if facts.opens is not None:
            self._open_block(state, st, facts)
            return
        if facts.document:
            self._document_statement(state, st, facts.spec)
            return
        block = state.block
        if block is None or block.kind not in facts.accepted:
            self._outside_block(state, st, facts.spec, block)
            return
        handle = facts.handle
        assert handle is not None  # every property has one
        handle(self, state, st, facts, block, self.attributes.check(state.file, st, facts.reading))

    def _include_statement(self, state: _FileState, st: Statement, spec: KeywordSpec) -> None:
        if spec.name == "data":
            self._data_statement(state, st)
            return
        if spec.name != "include":
            self.diagnostics.error(
                "E103",
                f"`{st.keyword}` needs a `:` before its value",
                self._keyword_at(state, st),
                f'write `{st.keyword}: "…"`',
            )
            return
        self._no_attributes(state, st, spec)
        path_at = self._path_at(state, st, "other.journey")
        if path_at is not None:
            self._include(state, st, path_at)

    def _path_at(self, state: _FileState, st: Statement, example: str) -> Location | None:
        """Where the quoted path of `include`/`data` stands; None (and E103) when it is empty."""
        path_at = self._at(state, st, st.value_column, len(st.value or "") + 2)
        if st.value:
            return path_at
        self.diagnostics.error(
            "E103",
            f"`{st.keyword}` needs a path, not an empty string",
            path_at,
            f'write `{st.keyword} "{example}"`',
        )
        return None

    def _data_statement(self, state: _FileState, st: Statement) -> None:
        """`data "path" [id=COLUMN, FIGURE=COLUMN…, match=KEY]`: noted, read after the walk."""
        path_at = self._path_at(state, st, "figures.csv")
        if path_at is None or not st.value:
            return
        pairs = [
            (a.key, a.value, Location(state.file, st.line, a.column, len(a.key)))
            for a in st.attributes
        ]
        mapping = data.read_mapping(pairs, self.diagnostics)
        resolved = resolve_include(st.value, state.source, self.w.root, self.diagnostics, path_at)
        if resolved is None or mapping is None:
            return
        real, display = resolved
        self.w.data.append(data.DataSpec(real, display, mapping, path_at))

    def _unknown_keyword(self, state: _FileState, st: Statement) -> None:
        where = self._keyword_at(state, st)
        suggestion = did_you_mean(st.keyword, KEYWORDS)
        self._recover(state, st.keyword, st.name, st.line)
        if suggestion:
            message = f"unknown keyword `{st.keyword}` — did you mean `{suggestion}`?"
            self.diagnostics.error("E101", message, where)
        else:
            self.diagnostics.error(
                "E101",
                f"unknown keyword `{st.keyword}`",
                where,
                "the keywords are listed in the language guide (docs/language.md)",
            )

    def _wrong_id(self, state: _FileState, st: Statement, spec: KeywordSpec) -> None:
        """Report an ID where the keyword takes none, or a missing one where it needs one."""
        if st.name is not None:
            self.diagnostics.error(
                "E104",
                f"`{st.keyword}` takes no ID",
                self._at(state, st, st.name_column, len(st.name)),
                f"did you forget the `:`? write `{st.keyword}: {st.name} …`",
            )
            return
        example = {
            "persona": "persona maya: Maya Chen",
            "channel": "channel app: Mobile app",
            "team": "team ops: Operations",
            "metric": "metric csat: 4.2/5",
        }
        what = "a name" if spec.id_rule == IdRule.NAME else "an ID"
        self.diagnostics.error(
            "E104",
            f"`{st.keyword}` needs {what}",
            self._keyword_at(state, st),
            f"write `{example.get(st.keyword, st.keyword + ' id: …')}`",
        )

    def _missing_value(self, state: _FileState, st: Statement, spec: KeywordSpec) -> None:
        # LANGUAGE.md section 2: `step:` alone and `pain: ""` are both missing a value.
        head = f"{st.keyword}{' ' + st.name if st.name else ''}"
        if st.value is None:
            hint = f"put {spec.what} after the `:`, as in `{head}: …`"
        else:
            hint = f"the quoted text is empty; put {spec.what} between the quotes"
        self.diagnostics.error(
            "E103", f"`{st.keyword}` needs {spec.what}", self._keyword_at(state, st), hint
        )

    # -- blocks ------------------------------------------------------------------

    def _claim_id(self, state: _FileState, st: Statement, name: str, kind: str) -> bool:
        """Note `name` (the statement's ID) as the `kind` declared here; False for a duplicate."""
        claim = (kind, state.file, st.line)
        # One dictionary operation: it is there already, or it is now.
        owner = self.w.ids.setdefault(name, claim)
        if owner is claim:
            return True
        if owner[0] == _BROKEN:  # meant by a statement with an error: this one declares it
            self.w.ids[name] = claim
            return True
        owner_kind, owner_file, owner_line = owner
        where_before = (
            f"line {owner_line}" if owner_file == state.file else (f"{owner_file}:{owner_line}")
        )
        self.diagnostics.error(
            "E301",
            f"duplicate ID `{name}`: it is already the {owner_kind} on {where_before}",
            self._at(state, st, st.name_column, len(name)),
            "IDs are shared by personas, channels, teams, stages, steps, touchpoints and "
            "lane items; give this one another ID",
        )
        return False

    def _open_block(self, state: _FileState, st: Statement, facts: _Facts) -> None:
        kind, name, value = facts.opens, st.name, st.value
        assert kind is not None and value is not None
        attrs = self.attributes.check(state.file, st, facts.reading)
        origin = model.Origin(state.file, st.line)
        if name is not None and not self._claim_id(state, st, name, facts.name):
            state.block = _Open(_BROKEN, None, name, state.file, st.line)
            return
        builder: object
        if kind == _STEP:  # the most common block first
            builder = self._open_step(state, name, value, attrs, origin)
        elif kind == _PERSONA:
            assert name is not None
            builder = b.PersonaBuilder(name, value, origin)
            self.w.doc.personas.append(builder)
        elif kind == _CHANNEL:
            assert name is not None
            (kind_text,) = attrs.texts
            builder = b.ChannelBuilder(name, value, kind_text, origin)
            self.w.doc.channels.append(builder)
        elif kind == _TEAM:
            assert name is not None
            builder = b.TeamBuilder(name, value, origin)
            self.w.doc.teams.append(builder)
        else:
            stage = b.StageBuilder(name, value, origin)
            self.w.doc.stages.append(stage)
            if name is None:
                self.w.pending_auto.append(("stage", stage))
            state.stage = stage
            builder = stage
        state.block = _Open(kind, builder, name or value, state.file, st.line)

    def _open_step(
        self,
        state: _FileState,
        name: str | None,
        value: str,
        attrs: CheckedList,
        origin: model.Origin,
    ) -> b.StepBuilder:
        stage = state.stage
        if stage is None:
            if self.w.unnamed_stage is None:
                self.w.unnamed_stage = b.StageBuilder()
                self.w.doc.stages.append(self.w.unnamed_stage)
            stage = self.w.unnamed_stage
        moment_of_truth, fail_point, assumption = attrs.flags
        step = b.StepBuilder(
            name, value, origin, attrs.personas, moment_of_truth, fail_point, assumption
        )
        stage.steps.append(step)
        if name is None:
            self.w.pending_auto.append(("step", step))
        return step

    # -- properties ----------------------------------------------------------------

    # Each property keyword's handler (see `_HANDLERS`) is called with the
    # block it belongs to and its checked attributes.

    def _outside_block(
        self, state: _FileState, st: Statement, spec: KeywordSpec, block: _Open | None
    ) -> None:
        """A property with no block of its kind above it: a note of the document, or misplaced."""
        if block is None and spec.name == "note":
            assert st.value is not None
            self._no_attributes(state, st, spec)
            self.w.doc.notes.append(st.value)
            return
        if block is None and spec.name == "target":
            self._no_attributes(state, st, spec)
            target = self._read_target(state, st)
            if target is not None:
                self.w.doc.targets.append(target)
            return
        if block is not None and block.kind == _BROKEN:
            return  # in a block whose opener has an error: nothing more to say
        self._misplaced(state, st, spec, block)

    def _note(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        assert st.value is not None
        block.builder.notes.append(st.value)  # type: ignore[attr-defined]

    def _persona_line(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        assert st.value is not None and isinstance(block.builder, b.PersonaBuilder)
        block.builder.lines[facts.spec.name].append(st.value)

    def _opportunity(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        assert st.value is not None and isinstance(block.builder, b.MeasuredBuilder)
        owner, priority = attrs.texts
        (assumption,) = attrs.flags
        block.builder.opportunities.append(
            model.Opportunity(
                st.value, owner, priority, assumption, model.Origin(state.file, st.line)
            )
        )

    def _document_statement(self, state: _FileState, st: Statement, spec: KeywordSpec) -> None:
        assert st.value is not None
        self._no_attributes(state, st, spec)
        if spec.once:
            first = self.w.once.get(spec.name)
            if first is not None:
                before = (
                    f"line {first[1]}" if first[0] == state.file else (f"{first[0]}:{first[1]}")
                )
                self.diagnostics.error(
                    "E105",
                    f"`{spec.name}` may appear only once; it is already on {before}",
                    self._keyword_at(state, st),
                    "remove one of them",
                )
                return
            self.w.once[spec.name] = (state.file, st.line)
        doc = self.w.doc
        if spec.name == "expectation":
            doc.expectations.append(st.value)
        else:
            setattr(doc, {"journey": "title"}.get(spec.name, spec.name), st.value)

    def _misplaced(
        self, state: _FileState, st: Statement, spec: KeywordSpec, block: _Open | None
    ) -> None:
        needs = " or ".join(BLOCK_WORDS[kind] for kind in spec.accepted_in if kind in BLOCK_WORDS)
        if block is None:
            near = "there is no block before it"
        else:
            place = (
                f"line {block.line}" if block.file == state.file else (f"{block.file}:{block.line}")
            )
            near = f"the nearest block is {block.kind} `{block.name}` on {place}"
        self.diagnostics.error(
            "E102",
            f"`{spec.name}` needs {needs}; {near}",
            self._keyword_at(state, st),
            f"move it under the {' or '.join(spec.accepted_in)} it belongs to",
        )

    def _measure(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        builder = block.builder
        assert st.value is not None and isinstance(builder, b.MeasuredBuilder)
        # A second E201 for an attribute list, after `_attributes`' own: the
        # walk has always reported it twice, and the diagnostics stay the same.
        self._no_attributes(state, st, facts.spec)
        if st.keyword == "count":
            if builder.count_line:
                self.diagnostics.error(
                    "E208",
                    f"this {block.kind} already has a count (line {builder.count_line})",
                    self._whole_value_at(state, st),
                    "keep one `count`",
                )
                return
            number = parse_count(st.value)
            if number is None:
                self.diagnostics.error(
                    "E203",
                    f"count must be a whole number of customers, not `{st.value}`",
                    self._whole_value_at(state, st),
                    "write digits only, as in `count: 12000`",
                )
                return
            builder.count, builder.count_line = number, st.line
            return
        assert st.name is not None
        first = builder.metric_lines.get(st.name)
        if first is not None:
            self.diagnostics.error(
                "E205",
                f"metric `{st.name}` is already given in this {block.kind} on line {first}",
                self._at(state, st, st.name_column, len(st.name)),
                "give each metric of a block its own name",
            )
            return
        builder.metrics[st.name] = st.value
        builder.metric_lines[st.name] = st.line

    def _target(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        builder = block.builder
        assert isinstance(builder, b.MeasuredBuilder)
        target = self._read_target(state, st)
        if target is not None:
            builder.targets.append(target)

    def _read_target(self, state: _FileState, st: Statement) -> model.Target | None:
        """`target NAME: OP N`; None after an error."""
        assert st.name is not None and st.value is not None
        match = _TARGET.fullmatch(st.value.strip())
        if match is None:
            self.diagnostics.error(
                "E211",
                f"a target needs a comparison and a number, not `{st.value.strip()}`",
                self._whole_value_at(state, st),
                f"write `target {st.name}: >= 500` (`>=`, `<=`, `>` or `<`, then a plain number)",
            )
            return None
        return model.Target(
            st.name,
            match.group("op"),
            float(match.group("value")),
            model.Origin(state.file, st.line),
        )

    def _whole_value_at(self, state: _FileState, st: Statement) -> Location:
        """Where a statement's whole value is."""
        return self._at(state, st, st.value_column, max(1, len(st.value or "")))

    def _step_text(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        step = block.builder
        assert st.value is not None and isinstance(step, b.StepBuilder)
        key = facts.spec.name
        if key == "think":
            step.thoughts.append(st.value)
        elif key == "pain":
            step.pains.append(st.value)
        else:
            step.delights.append(st.value)

    def _touchpoint(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        step = block.builder
        assert st.value is not None and isinstance(step, b.StepBuilder)
        name = st.name
        if name is not None and not self._claim_id(state, st, name, "touchpoint"):
            return
        channel, kind, tier, phase, owner = attrs.texts
        (assumption,) = attrs.flags
        step.touchpoints.append(
            model.Touchpoint(
                name,
                st.value,
                channel,
                kind,
                tier,
                phase,
                owner,
                assumption,
                attrs.free,
                model.Origin(state.file, st.line),
            )
        )

    def _lane_item(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        step = block.builder
        value = st.value
        assert value is not None and isinstance(step, b.StepBuilder)
        name = st.name
        if name is not None and not self._claim_id(state, st, name, "lane item"):
            return
        owner, system, duration, wait = attrs.texts
        fail_point, assumption = attrs.flags
        items = step.lanes.get(facts.name)
        if items is None:  # the step's first item in this lane
            items = step.lanes[facts.name] = []
        items.append(
            model.LaneItem(
                name,
                value,
                owner,
                system,
                duration,
                wait,
                fail_point,
                assumption,
                attrs.free,
                model.Origin(state.file, st.line),
            )
        )

    def _emotion(
        self,
        state: _FileState,
        st: Statement,
        facts: _Facts,
        block: _Open,
        attrs: CheckedList,
    ) -> None:
        step = block.builder
        assert st.value is not None and isinstance(step, b.StepBuilder)
        parsed = parse_emotion(st.value)
        if parsed is None or not -2 <= parsed[0] <= 2:
            shown = st.value.split()[0]
            self.diagnostics.error(
                "E204",
                f"emotion must start with a score from -2 to +2, not `{shown}`",
                self._at(state, st, st.value_column, max(1, len(shown))),
                "write `emotion: -1 Frustrated` (-2 very negative … +2 very positive)",
            )
            return
        score, label = parsed
        origin = model.Origin(state.file, st.line)
        (variant,) = attrs.texts
        # One emotion per persona named, or one for every persona when none is.
        names: tuple[str | None, ...] = attrs.personas or (None,)
        if step.emotions:  # most steps have one emotion: nothing to compare it with
            for persona in names:
                # LANGUAGE.md section 5: a persona-less emotion and one with
                # `persona=` may stand together (the named one overrides); two
                # that resolve to the same persona and variant may not.
                for twin in step.emotions:
                    if twin.persona == persona and twin.variant == variant:
                        self._emotion_twice(state, st, twin, persona, variant)
                        return
        for persona in names:
            step.emotions.append(model.Emotion(score, label, persona, variant, origin))
        if attrs.personas and step.persona_refs:
            self._drop_step_persona_references(st, step.persona_refs)
        if attrs.personas and step.persona_refs is not None:
            # Checked after the walk, once every persona is declared.
            given = next(a for a in st.attributes if a.key == "persona")
            at = Location(state.file, st.line, given.value_column, len(given.value or "") or 1)
            self.w.emotion_personas.append((step, attrs.personas, at))

    def _drop_step_persona_references(self, st: Statement, on_step: tuple[str, ...]) -> None:
        """Leave out the emotion's persona names that its step's `persona=` names too.

        One mistake, one message: a persona misspelt on the step and copied to
        its emotions is warned about on the step's line (W101) alone.
        """
        noted = self.attributes.references
        if not noted or noted[-1][2] != st.line:
            return
        refs, file, line = noted[-1]
        kept = tuple(r for r in refs if not (r.refers_to == "persona" and r.name in on_step))
        if len(kept) != len(refs):
            if kept:
                noted[-1] = (kept, file, line)
            else:
                noted.pop()

    def _emotion_twice(
        self,
        state: _FileState,
        st: Statement,
        first: model.Emotion,
        persona: str | None,
        variant: str | None,
    ) -> None:
        """Report an emotion that gives a persona and variant a second feeling on one step."""
        assert first.origin is not None  # the walk gives every emotion its origin
        before = (
            f"line {first.origin.line}"
            if first.origin.file == state.file
            else f"{first.origin.file}:{first.origin.line}"
        )
        who = f"persona `{persona}`" if persona else "the step's personas"
        also = f" (variant `{variant}`)" if variant else ""
        self.diagnostics.error(
            "E209",
            f"a second emotion for {who}{also} on this step; the first is on {before}",
            self._keyword_at(state, st),
            "keep one, or give each persona its own with `persona=` (or `variant=` for as-is "
            "and to-be)",
        )

    # -- attributes -------------------------------------------------------------------

    def _no_attributes(self, state: _FileState, st: Statement, spec: KeywordSpec) -> None:
        self.attributes.no_attributes(state.file, st, spec)

    # -- flows -------------------------------------------------------------------------

    def _flow(self, state: _FileState, st: Statement) -> None:
        assert st.name is not None
        if st.attributes:
            self.diagnostics.error(
                "E201",
                "flows take no attributes",
                self._at(state, st, st.attributes_column),
                "remove the `[…]` list",
            )
            return
        flow = model.Flow(
            st.keyword, st.name, st.value, st.arrow == "-->", model.Origin(state.file, st.line)
        )
        self.w.flows.append(_FlowSource(flow, st.keyword_column, st.name_column))

    # -- after the walk --------------------------------------------------------------

    def _assign_automatic_ids(self) -> None:
        # IDs are only ever added, so a suffix found taken stays taken: each base goes
        # on from the last one it tried, and 10,000 steps of one name cost linear time.
        tried: dict[str, int] = {}
        for kind, builder in self.w.pending_auto:
            base = slug(builder.name or "", kind)
            n = tried.get(base, 1)
            candidate = base if n == 1 else f"{base}-{n}"
            while candidate in self.w.ids:
                n += 1
                candidate = f"{base}-{n}"
            tried[base] = n
            builder.id = candidate
            origin = builder.origin
            self.w.ids[candidate] = (
                kind,
                origin.file if origin else "",
                origin.line if origin else 0,
            )

    def _check_references(self) -> None:
        ids = self.w.ids
        # The lines with one checked list share its `names`: once all of them
        # are found declared, the list's other lines need no second look.
        declared_lists: set[int] = set()
        for names, file, line in self.attributes.references:
            if id(names) in declared_lists:
                continue
            all_declared = True
            for ref in names:
                owner = ids.get(ref.name)
                if owner is not None and owner[0] in (ref.refers_to, _BROKEN):  # its kind
                    continue
                all_declared = False
                declared = [i for i, (kind, _, _) in ids.items() if kind == ref.refers_to]
                suggestion = did_you_mean(ref.name, declared)
                hint = (
                    f"did you mean `{suggestion}`?"
                    if suggestion
                    else (f"declare it: `{ref.refers_to} {ref.name}: …`")
                )
                self.diagnostics.warning(
                    "W101",
                    f"{ref.refers_to} `{ref.name}` is not declared",
                    Location(file, line, ref.column, ref.length),
                    hint,
                )
            if all_declared:
                declared_lists.add(id(names))

    def _check_emotion_personas(self) -> None:
        """An emotion's `persona=` must name one of its step's personas (LANGUAGE.md section 5).

        An undeclared name is warning W101 already, and a step naming an
        undeclared persona has its own W101: neither is reported again here.
        """
        declared = {p.id for p in self.w.doc.personas}
        for step, names, where in self.w.emotion_personas:
            involved = step.persona_refs or ()
            if not set(involved) <= declared:
                continue  # the step's own persona= is already reported
            for name in names:
                if name in declared and name not in involved:
                    listed = ", ".join(f"`{p}`" for p in involved)
                    self.diagnostics.error(
                        "E210",
                        f"persona `{name}` is not on step `{step.id or step.name}`; "
                        f"its personas are {listed}",
                        where,
                        f"add `{name}` to the step's `persona=`, or name one of {listed}",
                    )

    def _resolve_flows(self) -> None:
        for item in self.w.flows:
            flow = item.flow
            ok = True
            for end, column in (
                (flow.source, item.source_column),
                (flow.target, item.target_column),
            ):
                owner = self.w.ids.get(end)
                if owner is not None and owner[0] in _FLOW_ENDS:  # its kind
                    continue
                ok = False
                if owner is not None and owner[0] == _BROKEN:
                    continue  # its declaration has an error already reported
                assert flow.origin is not None  # the walk gives every flow its origin
                at = Location(flow.origin.file, flow.origin.line, column, len(end))
                if owner is not None:
                    self.diagnostics.error(
                        "E303",
                        f"`{end}` is a {owner[0]}; a flow joins steps, touchpoints and lane items",
                        at,
                        "point the flow at a step, touchpoint or lane item",
                    )
                    continue
                ends = [i for i, (kind, _, _) in self.w.ids.items() if kind in _FLOW_ENDS]
                suggestion = did_you_mean(end, ends)
                self.diagnostics.error(
                    "E302",
                    f"unknown flow end `{end}`",
                    at,
                    f"did you mean `{suggestion}`?"
                    if suggestion
                    else "give the step, touchpoint or lane item an ID and use it here",
                )
            if ok:
                self.w.doc.flows.append(flow)


_Handler = Callable[[Compiler, _FileState, Statement, _Facts, _Open, CheckedList], None]
"""What a property line does once its block and attributes are checked."""

_HANDLERS: dict[str, _Handler] = {
    "note": Compiler._note,
    **dict.fromkeys(b.PERSONA_LINES, Compiler._persona_line),
    "count": Compiler._measure,
    "target": Compiler._target,
    "metric": Compiler._measure,
    "opportunity": Compiler._opportunity,
    "think": Compiler._step_text,
    "pain": Compiler._step_text,
    "delight": Compiler._step_text,
    "emotion": Compiler._emotion,
    "touchpoint": Compiler._touchpoint,
    **dict.fromkeys(model.LANES, Compiler._lane_item),
}

_FACTS = {name: _Facts(spec, _HANDLERS.get(name)) for name, spec in KEYWORDS.items()}
# Every keyword that is neither a block nor a document statement is a property with a handler.
assert all(f.handle for f in _FACTS.values() if f.opens is None and not f.document)
