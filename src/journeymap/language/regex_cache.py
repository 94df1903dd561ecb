"""Regular expressions whose compiled programs are kept in the cache directory.

`re.compile` runs a compiler written in Python: the three expressions the
parser's fast path is built from took it about 3.5 ms, on every cold start.
What that compiler makes is a program, a list of integers, that `_sre` (the
C engine under `re`) turns into a pattern object; this module keeps those
programs on disk and hands them to `_sre` directly (0.25 ms for the three).

The cache file holds the expressions and the exact Python build it was made
for, and is trusted only when both are those asked for now; `_sre` checks a
program before it accepts it. Anything else (no file, a damaged one, another
Python, a surprise in `re`'s internals) means `re.compile`, as usual.
"""

from __future__ import annotations

import marshal
import re
import sys
from importlib import import_module
from typing import Any

from journeymap.model.disk_cache import cache_dir, cheap_key, write_cache


def compile_all(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each of `patterns` compiled with no flags, as `re.compile` would."""
    _sre = import_module("_sre")  # loaded by `re` already; untyped, hence not `import`
    identity = "\0".join([sys.version, str(_sre.MAGIC), *patterns])
    cache_file = cache_dir() / f"regex-{cheap_key(identity)}.marshal"
    try:
        cached = marshal.loads(cache_file.read_bytes())
        if cached["identity"] == identity:
            return tuple(
                _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
                for pattern, (flags, code, groups, groupindex, indexgroup) in zip(
                    patterns, cached["programs"], strict=True
                )
            )
    except Exception:  # no cache yet, a damaged one or another build's: compile
        pass
    compiled = tuple(re.compile(pattern) for pattern in patterns)
    try:
        content = marshal.dumps({"identity": identity, "programs": [program(p) for p in patterns]})
    except Exception:  # `re`'s internals are not what this module knows: no cache
        return compiled
    write_cache(cache_file, lambda handle: handle.write(content))
    return compiled


def program(pattern: str) -> list[Any]:
    """The arguments after the pattern that `re.compile(pattern)` passes to `_sre.compile`.

    What `re._compiler.compile` does (Python 3.11 to 3.13), short of that call.
    """
    _compiler, _parser = import_module("re._compiler"), import_module("re._parser")
    parsed = _parser.parse(pattern, 0)
    code = _compiler._code(parsed, 0)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # The opcodes are int subclasses (named constants), which marshal refuses.
    words = [int(word) for word in code]
    return [int(parsed.state.flags), words, parsed.state.groups - 1, groupindex, indexgroup]
