"""The fuzz harness's other inputs: theme TOML, JSON models, Mermaid import, `diff` revisions.

Each target has a maker (`make(rng, corpus) -> bytes`, the same bytes for the
same random state) and a checker (`check(data, render, sandbox) -> counts`,
which raises on a broken promise). The checkers share the promises of the
`.journey` fuzzing (fuzz/harness.py): no exception, every SVG inert (valid
XML, no active content), and one more that every target checks: nothing of
a file that is not a journey source reaches any output. The worker's sandbox
(`make_sandbox`) holds such files, each line carrying `CANARY`: a key outside
the root with links to it (`key.journey`, `key.toml`), and copies inside the
root (`inside-secret.txt`, `secret.toml`, `secret.json`). Inputs name them
wherever a path goes (includes, `theme:`, `extends`, a JSON model's theme,
`REV:path`), and every output and diagnostic is searched for the canary.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CANARY = "jm-canary-7f3a9c"
# Every line carries the canary, so that quoting any line of it is caught.
SECRET = (
    f"-----BEGIN OPENSSH PRIVATE KEY----- {CANARY}\n"
    f"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ {CANARY}\n"
    f'key = "{CANARY}"\n'
    f"[palette] # {CANARY}\n"
    f'background = "{CANARY}"\n'
    f"journey: {CANARY}\n"
    f'{{"version": 1, "title": "{CANARY}"}}\n'
    f"-----END OPENSSH PRIVATE KEY----- {CANARY}\n"
)
# Paths an attacker's file may name: secrets (outside the root, links to them,
# non-journey files inside), devices, loops, and the ordinary files of the sandbox.
SECRET_PATHS = [
    "key.journey",
    "key.toml",
    "key.json",
    "inside-secret.txt",
    "secret.toml",
    "secret.json",
    "../outside/id_rsa",
    "/proc/self/environ",
    "/etc/passwd",
    "/dev/zero",
    "sub/../key.journey",
]
PLAIN_PATHS = ["good.journey", "base.toml", "fuzz-theme.toml", "dark", "default", "nope.toml"]

GOOD = (
    'journey: "Open an account"\n'
    "persona maya: Maya\n"
    "channel app: Mobile app [kind=digital]\n"
    "team ops: Operations\n"
    "stage apply: Apply\n"
    "  step fill: Fills in the form [moment-of-truth]\n"
    "    touchpoint form: The form [channel=app]\n"
    '    emotion: "-1 Slow"\n'
    "    pain: Too many fields\n"
    "    backstage check: Checks the ID [owner=ops]\n"
    "stage wait: Wait\n"
    "  step hear: Hears back\n"
    "    emotion: +2 Relieved\n"
    "fill -> hear: approved\n"
)


class Leak(AssertionError):
    """Text of a file that is not a journey source reached an output."""


def make_sandbox(directory: Path) -> Path:
    """Lay out the worker's files below `directory`; return the project (the cwd and root)."""
    outside = directory / "outside"
    project = directory / "project"
    outside.mkdir()
    (project / "sub").mkdir(parents=True)
    (outside / "id_rsa").write_text(SECRET, encoding="utf-8")
    for name in ("key.journey", "key.toml", "key.json"):
        (project / name).symlink_to("../outside/id_rsa")
    for name in ("inside-secret.txt", "secret.toml", "secret.json"):
        (project / name).write_text(SECRET, encoding="utf-8")
    (project / "good.journey").write_text(GOOD, encoding="utf-8")
    (project / "base.toml").write_text('extends = "default"\n', encoding="utf-8")
    if shutil.which("git"):
        git = ["git", "-c", "user.name=fuzz", "-c", "user.email=fuzz@example.invalid"]
        for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "one"]):
            subprocess.run([*git, *command], cwd=project, capture_output=True, check=True)
        (project / "good.journey").write_text(GOOD.replace("Slow", "Slower"), encoding="utf-8")
        subprocess.run(
            [*git, "commit", "-qam", "two"], cwd=project, capture_output=True, check=True
        )
    return project


def listing(project: Path) -> set[str]:
    """Every path below the project (but .git), to notice a file something wrote."""
    return {
        str(p.relative_to(project))
        for p in project.rglob("*")
        if ".git" not in p.relative_to(project).parts
    }


def no_canary(where: str, text: str | bytes) -> None:
    """Raise `Leak` if `text` holds the canary."""
    found = text.find(CANARY if isinstance(text, str) else CANARY.encode())
    if found >= 0:
        start = max(0, found - 120)
        shown = text[start : found + 40]
        raise Leak(f"leak: the canary reached {where}: {shown!r}")


def diagnostics_text(diagnostics: Iterable[Any]) -> str:
    """Every diagnostic as the text and JSON outputs would show it."""
    from journeymap.model.diagnostics import format_report, to_json_text

    items = list(diagnostics)
    return format_report(items) + "\n" + to_json_text(items) if items else ""


def _hostile(rng: random.Random) -> str:
    from harness import CONTROL, HOSTILE  # the .journey fuzzing's hostile words

    extra = [
        '" onload="alert(1)',
        "x\\",
        "\\",
        "Arial; } svg { background: url(http://evil/x)",
        "\ufffe",
        "\uffff",
        "\ud800",
        "\x0b",
        "\x1f",
        "%%{init: {'theme': 'dark'}}%%",
        "\n%% comment",
        "\nsection Evil",
        "javascript:alert(1)",
        "[x](javascript:alert(1))",
        "![i](http://evil/x.png)",
        "<b>bold</b>",
        "-->",
        "\\n",
        "{",
        "}",
    ]
    pool = HOSTILE + CONTROL + extra
    return "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))


# -- drawing what compiled -------------------------------------------------------------


def draw_all(journey: Any, theme: Any, render: bool, where: str, graphviz: bool = False) -> int:
    """Draw `journey` in every text format (SVGs checked inert), search each for the canary.

    Returns 1 when it drew, 0 when `render` said not to.
    """
    from journeymap.emit.mermaid import to_mermaid
    from journeymap.emit.pipeline import render as draw
    from tests.security.inert import svg_problems

    if not render:
        return 0
    for view in ("map", "blueprint", "matrix"):
        svg = draw(journey, view=view, theme=theme)
        assert isinstance(svg, str)
        problems = svg_problems(svg)
        assert not problems, f"{where}: {view} SVG is not inert: {problems[:3]}"
        no_canary(f"the {view} SVG", svg)
    if graphviz and shutil.which("dot"):
        svg = draw(journey, view="map", theme=theme, engine="graphviz")
        assert isinstance(svg, str)
        problems = svg_problems(svg)
        assert not problems, f"{where}: graphviz SVG is not inert: {problems[:3]}"
        no_canary("the graphviz SVG", svg)
    for fmt, view in (("json", "map"), ("dot", "map"), ("dot", "blueprint")):
        out = draw(journey, view=view, format=fmt, theme=theme)
        no_canary(f"the {view} {fmt}", out)
    for view in ("matrix",):
        out = draw(journey, view=view, format="markdown", theme=theme)
        no_canary("the matrix Markdown", out)
    no_canary("the Mermaid export", to_mermaid(journey))
    return 1


def _good_journey() -> Any:
    from journeymap.compiler.load import compile_string

    result = compile_string(GOOD, name="good.journey")
    assert result.journey is not None and not result.has_errors
    return result.journey


# -- theme TOML ------------------------------------------------------------------------

_SHIPPED_THEMES = sorted((REPO / "themes").glob("*.toml"))


def _theme_keys() -> dict[str, dict[str, Any]]:
    import tomllib

    return tomllib.loads((REPO / "themes" / "default.toml").read_text(encoding="utf-8"))


def _toml_value(rng: random.Random, like: Any, valid: float = 0.25) -> str:
    roll = rng.random()
    if roll < valid:  # a value of the right shape, from the shipped theme
        return json.dumps(like) if not isinstance(like, bool) else str(like).lower()
    if rng.random() < 0.6:  # the right type, a hostile or extreme value
        if isinstance(like, int | float) and not isinstance(like, bool):
            return rng.choice(["inf", "nan", "1e308", "1e-320", "-0.0", "1e15", "0", "-1"])
        if isinstance(like, str):
            return json.dumps(_hostile(rng))
        if isinstance(like, list) and like:
            return "[" + ", ".join(_toml_value(rng, like[0], 0.5) for _ in like) + "]"
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(
            [
                "inf",
                "-inf",
                "nan",
                "+nan",
                "1e308",
                "-1e308",
                "1e-320",
                "-1",
                "0",
                "-0.0",
                "99999999999999999999",
                "9223372036854775807",
                "1_000",
                "0x7fffffff",
                "true",
                "1979-05-27T07:32:00Z",
            ]
        )
    if roll < 0.45:
        return rng.choice(
            [
                '"#fff"',
                '"#ffffff80"',
                '"rgb(1,2,3)"',
                '"rgb(300, -1, 1e9)"',
                '"red"',
                '"currentColor"',
                '"transparent"',
                '"url(#x)"',
                '"url(http://evil/x)"',
                '"expression(alert(1))"',
                '"var(--x)"',
                '"#ggg"',
                '""',
                "[]",
                '["#fff", 1, true]',
                "{}",
                "{ a = 1 }",
                '"Liberation Sans, Arial"',
                "'single quoted'",
                '"""multi\nline"""',
            ]
        )
    if roll < 0.85:
        return json.dumps(_hostile(rng))
    return '"' + rng.choice(SECRET_PATHS + PLAIN_PATHS) + '"'


def structured_theme(rng: random.Random) -> bytes:
    """A theme file: known sections and keys with hostile, extreme or mistyped values.

    Most values are of the right shape (a few wrong ones in each file), so that
    many themes load and their values reach the drawings.
    """
    sections = _theme_keys()
    valid = rng.choice([0.7, 0.9, 0.97, 1.0])
    lines: list[str] = []
    roll = rng.random()
    if roll < 0.6:  # a complete theme underneath, so that a few overrides can load
        lines.append(f'extends = "{rng.choice(["default", "dark", "print", "base.toml"])}"')
    elif roll < 0.9:
        paths = SECRET_PATHS if rng.random() < 0.5 else PLAIN_PATHS
        lines.append(f'extends = "{rng.choice(paths)}"')
    if rng.random() < 0.3:
        lines.append(f"name = {_toml_value(rng, 'x')}")
    for section, keys in sections.items():
        if not isinstance(keys, dict) or rng.random() < 0.4:
            continue
        lines.append(f"[{section}]" if rng.random() < 0.95 else f"[{section}.{_hostile(rng)!r}]")
        for key in rng.sample(sorted(keys), min(len(keys), rng.randint(1, 5))):
            lines.append(f"{key} = {_toml_value(rng, keys[key], valid)}")
        if rng.random() < 0.1:
            lines.append(f"unknown_{rng.randint(0, 9)} = {_toml_value(rng, 'x')}")
    if rng.random() < 0.05:
        lines.append(f"[{_hostile(rng)}]")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def make_theme(rng: random.Random, corpus: list[bytes]) -> bytes:
    from harness import byte_mutation, line_mutation

    shipped = [path.read_bytes() for path in _SHIPPED_THEMES]
    roll = rng.random()
    if roll < 0.6:
        return structured_theme(rng)
    source = rng.choice(shipped)
    if roll < 0.8:
        return byte_mutation(rng, source)
    return line_mutation(rng, source, rng.choice(shipped))


def check_theme(data: bytes, render: bool, project: Path) -> tuple[bool, int]:
    """Load the theme as a journey's `theme:` and as `--theme`; draw with it when it loads."""
    from journeymap.layout.themes import resolve_theme

    (project / "fuzz-theme.toml").write_bytes(data)
    theme, problems = resolve_theme(None, "fuzz-theme.toml", option_base=project, own_base=project)
    no_canary("a theme diagnostic", diagnostics_text(problems))
    again, problems2 = resolve_theme("fuzz-theme.toml", None, option_base=project, own_base=project)
    no_canary("a --theme diagnostic", diagnostics_text(problems2))
    assert (theme is None) == (again is None), "the file's theme: and --theme disagree"
    if theme is None:
        assert any(d.is_error for d in problems), "a theme refused without an error"
        return False, 0
    return True, draw_all(_good_journey(), theme, render, "theme", graphviz=render)


# -- JSON models -----------------------------------------------------------------------

_JSON_CACHE: list[str] = []


def _json_models(corpus: list[bytes]) -> list[str]:
    """The JSON model of every corpus file that compiles (made once per worker)."""
    if not _JSON_CACHE:
        from journeymap.compiler.jsonio import dumps
        from journeymap.compiler.load import compile_bytes

        for data in corpus[:40]:
            result = compile_bytes(data, name="corpus.journey", root=os.getcwd())
            if result.journey is not None and not result.has_errors:
                _JSON_CACHE.append(dumps(result.journey))
    return _JSON_CACHE


def _json_value(rng: random.Random, old: Any) -> Any:
    """A new value for `old`: mostly of its own type (so the model still loads and the
    value reaches the drawings), sometimes of another."""
    if rng.random() < 0.7:
        if isinstance(old, str):
            return _hostile(rng) if rng.random() < 0.8 else rng.choice(SECRET_PATHS)
        if isinstance(old, bool):
            return not old
        if isinstance(old, int | float):
            return rng.choice([0, -1, 1, 2**63, -(2**70), 1e308, -1e308, 0.5, 10**6])
    roll = rng.random()
    if roll < 0.3:
        return _hostile(rng)
    if roll < 0.5:
        return rng.choice([float("inf"), float("nan"), True, None, 0, -1, 1e308])
    if roll < 0.7:
        return rng.choice([[], {}, [old], {"x": old}, "", "#ff0000"])
    if roll < 0.85:
        return rng.choice(SECRET_PATHS + PLAIN_PATHS)
    return str(old) * rng.randint(2, 50)


def _paths(value: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value (objects' keys, arrays' indexes), the value itself first."""
    found = [where]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*where, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _paths(item, (*where, n))
    return found


def _mutate_json(rng: random.Random, value: Any) -> Any:
    """`value` with one to four places changed: a new value, a key dropped, renamed or
    added, an array item repeated (IDs twice)."""
    for _ in range(rng.choice([1, 1, 2, 4])):
        places = _paths(value)[1:]
        if not places:
            break
        where = rng.choice(places)
        parent = value
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        roll = rng.random()
        if roll < 0.7:
            parent[last] = _json_value(rng, parent[last])
        elif roll < 0.8 and isinstance(parent, dict):
            del parent[last]
        elif roll < 0.9 and isinstance(parent, dict):
            parent[_hostile(rng) if rng.random() < 0.5 else "extra"] = parent.pop(last)
        elif isinstance(parent, list):
            parent.append(parent[last])
        else:
            parent[rng.choice(["theme", "version", "notes", "title"])] = _json_value(rng, 1)
    return value


def make_json(rng: random.Random, corpus: list[bytes]) -> bytes:
    from harness import byte_mutation

    models = _json_models(corpus)
    text = rng.choice(models)
    roll = rng.random()
    if roll < 0.2:
        return byte_mutation(rng, text.encode("utf-8"))
    data = _mutate_json(rng, json.loads(text))
    if rng.random() < 0.3 and isinstance(data, dict):
        data["theme"] = rng.choice(SECRET_PATHS + PLAIN_PATHS)
    dumped = json.dumps(data, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    return dumped.encode("utf-8", "surrogatepass")


def check_json(data: bytes, render: bool, project: Path) -> tuple[bool, int]:
    """Read the JSON model as `compile` and `render` do; draw it (with its theme) if it loads."""
    from journeymap.compiler.load import compile_bytes, compile_file
    from journeymap.layout.themes import resolve_theme

    result = compile_bytes(data, name="fuzz.json", root=project)
    no_canary("a JSON model diagnostic", diagnostics_text(result.diagnostics))
    (project / "fuzz.json").write_bytes(data)
    from_file = compile_file(project / "fuzz.json", root=project)
    no_canary("a JSON model diagnostic (file)", diagnostics_text(from_file.diagnostics))
    journey = result.journey
    if journey is None or result.has_errors:
        return False, 0
    theme, problems = resolve_theme(None, journey.theme, option_base=project, own_base=project)
    no_canary("a JSON model's theme diagnostic", diagnostics_text(problems))
    return True, draw_all(journey, theme, render, "json")


# -- Mermaid import --------------------------------------------------------------------


def _mermaid_text(rng: random.Random) -> str:
    words = ["Make tea", "Go upstairs", "Sit down", _hostile(rng), _hostile(rng), "a: b", "#58;"]
    return rng.choice(words)


def structured_mermaid(rng: random.Random) -> bytes:
    """A Mermaid journey: title, accessibility lines, sections, tasks, comments, directives."""
    lines: list[str] = []
    if rng.random() < 0.1:
        lines += ["---", f"title: {_mermaid_text(rng)}", "---"]
    if rng.random() < 0.1:
        lines.append("%%{init: {'theme': 'forest'}}%%")
    lines.append(rng.choice(["journey", "journey", "  journey", "flowchart LR", "JOURNEY"]))
    for _ in range(rng.randint(0, 25)):
        roll = rng.random()
        indent = " " * rng.choice([0, 2, 4])
        if roll < 0.1:
            lines.append(f"{indent}title {_mermaid_text(rng)}")
        elif roll < 0.15:
            lines.append(f"{indent}accTitle: {_mermaid_text(rng)}")
        elif roll < 0.2:
            lines.append(f"{indent}accDescr: {_mermaid_text(rng)}")
        elif roll < 0.23:
            lines += [f"{indent}accDescr {{", _mermaid_text(rng), "}" if rng.random() < 0.8 else ""]
        elif roll < 0.4:
            lines.append(f"{indent}section {_mermaid_text(rng)}")
        elif roll < 0.45:
            lines.append(f"{indent}%% {_mermaid_text(rng)}")
        else:
            score = rng.choice(["1", "3", "5", "0", "6", "-1", "x", "", "1e3", "05"])
            actors = ", ".join(rng.choice(["Me", "Cat", "", _hostile(rng)]) for _ in range(3))
            lines.append(f"{indent}{_mermaid_text(rng)}: {score}: {actors}")
    text = "\n".join(lines)
    if rng.random() < 0.15:  # a Markdown page with one or more fences
        blocks = rng.randint(1, 3)
        text = "\n\n".join(f"# Page\n\n```mermaid\n{text}\n```" for _ in range(blocks))
    return text.encode("utf-8", "surrogatepass")


def _mermaid_exports(corpus: list[bytes]) -> list[bytes]:
    from journeymap.compiler.load import compile_bytes
    from journeymap.emit.mermaid import to_mermaid

    out = []
    for data in corpus[:30]:
        result = compile_bytes(data, name="corpus.journey", root=os.getcwd())
        if result.journey is not None and not result.has_errors:
            out.append(to_mermaid(result.journey).encode("utf-8"))
    return out


_MERMAID_CACHE: list[bytes] = []


def make_mermaid(rng: random.Random, corpus: list[bytes]) -> bytes:
    from harness import byte_mutation, line_mutation

    if not _MERMAID_CACHE:
        _MERMAID_CACHE.extend(_mermaid_exports(corpus) or [b"journey\ntitle T\n"])
    roll = rng.random()
    if roll < 0.5:
        return structured_mermaid(rng)
    source = rng.choice(_MERMAID_CACHE)
    if roll < 0.75:
        return byte_mutation(rng, source)
    return line_mutation(rng, source, rng.choice(_MERMAID_CACHE))


def check_mermaid(data: bytes, render: bool, project: Path) -> tuple[bool, int]:
    """Import the Mermaid text (as a file and as Markdown); the `.journey` text made must
    compile cleanly, and is drawn."""
    from journeymap.compiler.load import compile_string
    from journeymap.integrations.mermaid_in import import_mermaid

    imported = import_mermaid(data, "fuzz.mmd")
    import_mermaid(data, "fuzz.md", markdown=True)
    if imported.text is None:
        assert imported.has_errors, "an import that made nothing and said no error"
        return False, 0
    result = compile_string(imported.text, name="imported.journey")
    assert result.journey is not None and not result.has_errors, (
        f"the imported text does not compile: {[d.format() for d in result.diagnostics][:3]}"
    )
    return True, draw_all(result.journey, None, render, "mermaid")


# -- diff revisions --------------------------------------------------------------------

_REVS = [
    "HEAD",
    "HEAD~1",
    "HEAD^",
    "main",
    "main~1",
    "@",
    "@{-1}",
    "HEAD@{0}",
    ":/",
    "",
    " ",
    "-",
    "--",
    "-p",
    "--output=pwned.txt",
    "--output=sub/pwned",
    "--exec=touch pwned-exec",
    "--upload-pack=touch pwned-pack",
    "-c",
    "--textconv",
    "--ext-diff",
    "-O/etc/passwd",
    "--no-index",
    "--format=%x00",
    "--help",
    "HEAD..main",
    "HEAD...main",
    "nope",
    "0" * 40,
    "refs/heads/main",
]
_SIDES = [
    "good.journey",
    "./good.journey",
    "-",
    "nope.journey",
    "sub",
    *SECRET_PATHS,
]


def make_diff(rng: random.Random, corpus: list[bytes]) -> bytes:
    """Two `diff` arguments (and sometimes options), joined by NUL (argv holds no NUL)."""

    def side() -> str:
        roll = rng.random()
        if roll < 0.35:
            return rng.choice(_SIDES)
        # argv holds no NUL, and a byte that is not UTF-8 arrives as a lone low surrogate.
        hostile = _hostile(rng).replace("\x00", "").replace("\ud800", "\udcff")
        rev = rng.choice(_REVS) if rng.random() < 0.85 else hostile
        return f"{rev}:{rng.choice(_SIDES)}"

    args = [side(), side()]
    if rng.random() < 0.3:
        args = [rng.choice(["--format=markdown", "--format=json", "--format=text"]), *args]
    if rng.random() < 0.3:  # past click's options: the arguments reach git, if anything does
        args = ["--", *args]
    if rng.random() < 0.05:
        args = ["--textconv", args[-1]]
    return "\0".join(args).encode("utf-8", "surrogatepass")


def check_diff(data: bytes, render: bool, project: Path) -> tuple[bool, int]:
    """Run `journeymap diff ARGS` in the sandbox's git repository: exit 0, 1 or 2, no
    traceback, no file written (git options), nothing of a secret in its output."""
    from click.testing import CliRunner

    from journeymap.cli.app import cli

    args = data.decode("utf-8", "surrogatepass").split("\0")
    before = listing(project)
    result = CliRunner().invoke(cli, ["diff", *args], input=GOOD)
    written = listing(project) - before
    for name in written:  # so the next case starts from the same files
        path = project / name
        if path.is_file() or path.is_symlink():
            path.unlink()
    assert not written, f"diff {args!r} wrote {sorted(written)} (git took an option?)"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), f"exit {result.exit_code}: {result.output[-500:]}"
    assert "internal error" not in result.output, result.output[-500:]
    no_canary("the diff output", result.output)
    return result.exit_code in (0, 1), 0


Maker = Callable[[random.Random, list[bytes]], bytes]
Checker = Callable[[bytes, bool, Path], tuple[bool, int]]

TARGETS: dict[str, tuple[Maker, Checker, str]] = {
    "theme": (make_theme, check_theme, ".toml"),
    "json": (make_json, check_json, ".json"),
    "mermaid": (make_mermaid, check_mermaid, ".mmd"),
    "diff": (make_diff, check_diff, ".args"),
}
