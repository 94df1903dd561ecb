"""The VS Code extension: its JSON parses, and its TextMate grammar tokenises the spec example.

The grammar keeps to the regex subset Oniguruma (VS Code) and Python's `re`
share, so a small TextMate interpreter here can run it line by line: every
rule of the grammar ends at the end of its line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from journeymap.language.keywords import KEYWORDS
from tests.conftest import REPO

VSCODE = REPO / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "journey.tmLanguage.json"
INJECTION = VSCODE / "syntaxes" / "journey-markdown-injection.tmLanguage.json"
SPEC = (REPO / "tests/language/spec_example.journey").read_text(encoding="utf-8")

Rule = dict[str, Any]
Token = tuple[str, tuple[str, ...]]


def load(path: Path) -> Rule:
    data: Rule = json.loads(path.read_text(encoding="utf-8"))
    return data


class TextMate:
    """Just enough of TextMate's algorithm for one-line rules: match, begin/end, include."""

    def __init__(self, grammar: Rule) -> None:
        self.grammar = grammar
        self.repository: dict[str, Rule] = grammar["repository"]

    def expand(self, patterns: list[Rule]) -> list[Rule]:
        out: list[Rule] = []
        for rule in patterns:
            if "include" in rule:
                name = rule["include"]
                target = self.grammar if name == "$self" else self.repository[name.lstrip("#")]
                is_group = "match" not in target and "begin" not in target
                out += self.expand(target["patterns"]) if is_group else [target]
            else:
                out.append(rule)
        return out

    def tokenise(self, line: str) -> list[Token]:
        tokens: list[Token] = []
        self._scan(line, 0, self.grammar["patterns"], None, ("source.journey",), tokens)
        return [(text, scopes) for text, scopes in tokens if text]

    def _captures(
        self, match: re.Match[str], captures: Rule, scopes: tuple[str, ...], out: list[Token]
    ) -> None:
        """The match cut at its captured groups (not nested here), each with its scope."""
        pos = match.start()
        groups = sorted((match.start(int(g)), int(g), spec) for g, spec in captures.items())
        for start, group, spec in groups:
            if start < 0 or start < pos:
                continue
            out.append((match.string[pos:start], scopes))
            out.append((match.group(group), (*scopes, spec["name"])))
            pos = match.end(group)
        out.append((match.string[pos : match.end()], scopes))

    def _scan(
        self,
        line: str,
        pos: int,
        patterns: list[Rule],
        end: re.Pattern[str] | None,
        scopes: tuple[str, ...],
        out: list[Token],
    ) -> int:
        rules = self.expand(patterns)
        while pos <= len(line):
            best: tuple[int, int, Rule | None, re.Match[str]] | None = None
            if end is not None:
                found = end.search(line, pos)
                if found:
                    best = (found.start(), -1, None, found)
            for order, rule in enumerate(rules):
                found = re.compile(rule.get("match") or rule["begin"]).search(line, pos)
                if found and (best is None or found.start() < best[0]):
                    best = (found.start(), order, rule, found)
            if best is None:
                out.append((line[pos:], scopes))
                return len(line)
            start, _, rule, found = best
            out.append((line[pos:start], scopes))
            if rule is None:  # the enclosing rule's end
                return found.end()
            inner = (*scopes, rule["name"]) if "name" in rule else scopes
            if "match" in rule:
                if "captures" in rule:
                    self._captures(found, rule["captures"], inner, out)
                else:
                    out.append((found.group(), inner))
                pos = found.end() if found.end() > pos else pos + 1
            else:
                self._captures(found, rule.get("beginCaptures", {}), inner, out)
                pos = self._scan(
                    line, found.end(), rule.get("patterns", []), re.compile(rule["end"]), inner, out
                )
            if pos >= len(line):
                return pos
        return pos


def scoped(tokens: list[Token], prefix: str) -> list[str]:
    return [text for text, scopes in tokens if any(s.startswith(prefix) for s in scopes)]


def test_extension_files_parse_and_point_at_each_other() -> None:
    package = load(VSCODE / "package.json")
    load(VSCODE / "language-configuration.json")
    contributes = package["contributes"]
    assert contributes["languages"][0]["extensions"] == [".journey"]
    for grammar in contributes["grammars"]:
        path = VSCODE / grammar["path"]
        assert load(path)["scopeName"] == grammar["scopeName"]
    assert (VSCODE / contributes["languages"][0]["configuration"]).is_file()


def test_every_regex_compiles_in_python() -> None:
    def walk(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [v for k, v in node.items() if k in ("match", "begin", "end", "while")]
            return found + [r for v in node.values() for r in walk(v)]
        if isinstance(node, list):
            return [r for v in node for r in walk(v)]
        return []

    # `\G` (where the last match ended) and back-references from `end` to `begin`
    # are TextMate's; stand-ins let Python check the rest of the pattern.
    injection = [re.sub(r"\\[1-9]", "x", r.replace("\\G", "")) for r in walk(load(INJECTION))]
    regexes = walk(load(GRAMMAR)) + injection
    assert len(regexes) > 10
    for regex in regexes:
        re.compile(regex)


def test_grammar_tokenises_every_keyword_of_the_spec_example() -> None:
    textmate = TextMate(load(GRAMMAR))
    seen: set[str] = set()
    for line in SPEC.splitlines():
        first = line.split()[0].rstrip(":") if line.strip() else ""
        if first not in KEYWORDS:
            continue
        tokens = textmate.tokenise(line)
        keyword = scoped(tokens, "keyword.other.property") + scoped(tokens, "storage.type.block")
        assert keyword == [first], (line, tokens)
        seen.add(first)
    spec_keywords = {line.split()[0].rstrip(":") for line in SPEC.splitlines() if line.strip()}
    assert seen == spec_keywords & set(KEYWORDS)
    assert len(seen) >= 18


def test_ids_attributes_flows_and_comments() -> None:
    textmate = TextMate(load(GRAMMAR))
    step = textmate.tokenise(
        '  step see_ad: Sees "an" ad [moment-of-truth, persona="maya, leo", c=#aabbcc]'
    )
    assert scoped(step, "entity.name") == ["see_ad"]
    assert scoped(step, "constant.language.flag") == ["moment-of-truth"]
    assert scoped(step, "entity.other.attribute-name") == ["persona", "c"]
    assert scoped(step, "constant.other.color") == ["#aabbcc"]
    flow = textmate.tokenise("bureau --> check_id: Result (async)")
    assert scoped(flow, "keyword.operator.arrow") == ["-->"]
    assert scoped(flow, "variable.other") == ["bureau", "check_id"]
    pain = textmate.tokenise("    pain: Issue #42 open # too slow")
    assert scoped(pain, "comment.line") == ["#", " too slow"]
    assert "".join(scoped(pain, "string.unquoted")) == "Issue #42 open "
    quoted = textmate.tokenise('    pain: "a # b" # c')
    assert "".join(scoped(quoted, "comment.line")) == "# c"
    emotion = textmate.tokenise("    emotion: -1 Tedious")
    assert scoped(emotion, "constant.numeric") == ["-1"]
    assert scoped(textmate.tokenise("# heading comment"), "comment.line")


def test_markdown_injection_finds_journey_fences() -> None:
    injection = load(INJECTION)
    assert injection["injectionSelector"] == "L:text.html.markdown"
    block = injection["repository"]["journey-code-block"]
    begin = re.compile(block["begin"].replace("\\G", ""))
    assert begin.match("```journey")
    assert begin.match("~~~~ journey {.wide}")
    assert not begin.match("```journeys")
    assert not begin.match("```mermaid")
    embedded = block["patterns"][0]
    assert embedded["contentName"] == "meta.embedded.block.journey"
    assert embedded["patterns"] == [{"include": "source.journey"}]
