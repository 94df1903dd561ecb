"""The keyword table of LANGUAGE.md section 4, as data the compiler walks.

One `KeywordSpec` per keyword says where it may stand, whether it takes an
ID and a value, and which attributes it knows. Keeping this in one table
makes the error messages ("did you mean", "needs a step") fall out of it.
"""

from __future__ import annotations

from journeymap.model.journey import KINDS, LANES, PHASES, PRIORITIES, TIERS

# The kinds below are plain strings named in a class, and the specs plain
# classes with slots: this table is built on every start, and an enum class
# or a NamedTuple costs about ten times as much to define. The compiler
# compares the kinds with `==` and shows them in messages as they are.


class Block:
    """Where a statement stands: the document, or the block it belongs to."""

    DOCUMENT = "document"
    PERSONA = "persona"
    CHANNEL = "channel"
    TEAM = "team"
    STAGE = "stage"
    STEP = "step"


class IdRule:
    """Whether a keyword takes an ID."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"
    NAME = "name"  # a metric name: required, but not in the ID namespace


class AttrType:
    """What an attribute's value may be."""

    FLAG = "flag"
    WORD = "word"  # one of a word list
    REF = "ref"  # names a declared ID of some kind
    REFS = "refs"  # one or more names, comma-separated when quoted
    ANY = "any"  # kept as written


class AttrSpec:
    """One attribute a keyword knows."""

    __slots__ = ("refers_to", "type", "words")

    def __init__(self, type: str, words: tuple[str, ...] = (), refers_to: str = "") -> None:
        self.type = type  # an `AttrType`
        self.words = words
        self.refers_to = refers_to  # "channel", "team" or "persona"


class KeywordSpec:
    """What one keyword is: where it may stand, its ID, the block it opens, its attributes."""

    __slots__ = (
        "accepted_in",
        "attributes",
        "free_attributes",
        "id_rule",
        "name",
        "once",
        "opens",
        "what",
    )

    def __init__(
        self,
        name: str,
        accepted_in: tuple[str, ...],
        id_rule: str = IdRule.NONE,
        opens: str | None = None,
        *,
        once: bool = False,
        attributes: dict[str, AttrSpec] | None = None,
        free_attributes: bool = False,
        what: str = "",
    ) -> None:
        self.name = name
        self.accepted_in = accepted_in  # `Block`s
        self.id_rule = id_rule  # an `IdRule`
        self.opens = opens  # the `Block` it opens, if any
        self.once = once  # at most once per document
        self.attributes = attributes or {}  # never changed
        self.free_attributes = free_attributes  # unknown keys kept as free data
        self.what = what  # what the value is, for "needs a ..." messages


_FLAG = AttrSpec(AttrType.FLAG)
_ANY = AttrSpec(AttrType.ANY)
_OWNER = AttrSpec(AttrType.REF, refers_to="team")
_PERSONAS = AttrSpec(AttrType.REFS, refers_to="persona")

_DOC = (Block.DOCUMENT,)
_ANYWHERE = (Block.DOCUMENT, Block.PERSONA, Block.CHANNEL, Block.TEAM, Block.STAGE, Block.STEP)
_PERSONA_LINE = (Block.PERSONA,)

LANE_ATTRIBUTES = {
    "owner": _OWNER,
    "system": _ANY,
    "duration": _ANY,
    "wait": _ANY,
    "fail-point": _FLAG,
    "assumption": _FLAG,
}

DOCUMENT_KEYWORDS = (
    "journey",
    "description",
    "scenario",
    "expectation",
    "theme",
    "include",
    "data",
)

QUOTED_PATH_KEYWORDS = ("include", "data")
"""The keywords whose value is a quoted path with no `:` (`include "x"`, `data "x.csv"`)."""

_SPECS = [
    KeywordSpec("journey", _ANYWHERE, once=True, what="a title"),
    KeywordSpec("description", _ANYWHERE, once=True, what="a summary"),
    KeywordSpec("scenario", _ANYWHERE, once=True, what="the situation mapped"),
    KeywordSpec("expectation", _ANYWHERE, what="what the customer expects"),
    KeywordSpec("theme", _ANYWHERE, once=True, what="a theme name or path"),
    KeywordSpec("include", _ANYWHERE, what='a quoted path, as in `include "other.journey"`'),
    KeywordSpec(
        "data",
        _ANYWHERE,
        what='a quoted path, as in `data "pages.csv"`',
        free_attributes=True,
    ),
    KeywordSpec("persona", _ANYWHERE, IdRule.REQUIRED, Block.PERSONA, what="a name"),
    *(
        KeywordSpec(key, _PERSONA_LINE, what="text")
        for key in ("role", "goal", "need", "frustration", "quote")
    ),
    KeywordSpec(
        "channel",
        _ANYWHERE,
        IdRule.REQUIRED,
        Block.CHANNEL,
        what="a name",
        attributes={"kind": AttrSpec(AttrType.WORD, KINDS)},
    ),
    KeywordSpec("team", _ANYWHERE, IdRule.REQUIRED, Block.TEAM, what="a name"),
    KeywordSpec("stage", _ANYWHERE, IdRule.OPTIONAL, Block.STAGE, what="a name"),
    KeywordSpec(
        "step",
        _ANYWHERE,
        IdRule.OPTIONAL,
        Block.STEP,
        what="a name",
        attributes={
            "persona": _PERSONAS,
            "moment-of-truth": _FLAG,
            "fail-point": _FLAG,
            "assumption": _FLAG,
        },
    ),
    KeywordSpec(
        "touchpoint",
        (Block.STEP,),
        IdRule.OPTIONAL,
        what="a label",
        free_attributes=True,
        attributes={
            "channel": AttrSpec(AttrType.REF, refers_to="channel"),
            "kind": AttrSpec(AttrType.WORD, KINDS),
            "tier": AttrSpec(AttrType.WORD, TIERS),
            "phase": AttrSpec(AttrType.WORD, PHASES),
            "owner": _OWNER,
            "frequency": _ANY,
            "duration": _ANY,
            "location": _ANY,
            "time": _ANY,
            "score": _ANY,
            "assumption": _FLAG,
        },
    ),
    KeywordSpec("think", (Block.STEP,), what="a thought"),
    KeywordSpec(
        "emotion",
        (Block.STEP,),
        what="a score from -2 to +2 and an optional label",
        attributes={"persona": _PERSONAS, "variant": _ANY},
    ),
    KeywordSpec("pain", (Block.STEP,), what="a pain point"),
    KeywordSpec("delight", (Block.STEP,), what="a moment of delight"),
    KeywordSpec(
        "opportunity",
        (Block.STEP, Block.STAGE),
        what="an idea",
        attributes={
            "owner": _OWNER,
            "priority": AttrSpec(AttrType.WORD, PRIORITIES),
            "assumption": _FLAG,
        },
    ),
    KeywordSpec("count", (Block.STAGE, Block.STEP), what="a whole number"),
    KeywordSpec("metric", (Block.STAGE, Block.STEP), IdRule.NAME, what="a value"),
    KeywordSpec(
        "target",
        (Block.DOCUMENT, Block.STAGE, Block.STEP),
        IdRule.NAME,
        what="a comparison such as `>= 500`",
    ),
    *(
        KeywordSpec(
            lane,
            (Block.STEP,),
            IdRule.OPTIONAL,
            what="text",
            free_attributes=True,
            attributes=LANE_ATTRIBUTES,
        )
        for lane in LANES
    ),
    KeywordSpec("note", _ANYWHERE, what="text"),
]

KEYWORDS: dict[str, KeywordSpec] = {spec.name: spec for spec in _SPECS}

BLOCK_WORDS = {
    Block.PERSONA: "a persona",
    Block.CHANNEL: "a channel",
    Block.TEAM: "a team",
    Block.STAGE: "a stage",
    Block.STEP: "a step",
}
