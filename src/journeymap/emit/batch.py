"""Render every `.journey` below a directory into a mirrored tree, in parallel, skipping
files whose output is already up to date.

Up to date means: a manifest in the output directory (`.journeymap-cache.json`,
or a shard's `.journeymap-cache.I-of-N.json`; every one there is read)
records, for the file's relative path, the hash of everything that shapes its
output (its bytes and its includes' bytes, the options, the theme file, the
journeymap version) and the hash of the output it wrote, and the output on
disk still has that hash, so an edited or deleted output is drawn again.
Include fragments (`journeymap.compiler.tree.is_fragment`) are compiled but
draw nothing. With `check_only` nothing is written: each output that is not
up to date is drawn in memory and compared with the file on disk. Each file
is compiled and drawn on its own: one bad file is reported while the others
render. Outputs are written atomically.
"""

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal, NamedTuple

from journeymap._version import __version__
from journeymap.compiler.load import compile_file
from journeymap.compiler.tree import is_fragment, map_in_order, walk
from journeymap.emit import deps
from journeymap.emit.output import write_atomic
from journeymap.emit.render_file import RenderOptions, draw_compiled
from journeymap.model.diagnostics import Diagnostic, Location, Severity

MANIFEST = ".journeymap-cache.json"
SHARD_MANIFEST = ".journeymap-cache.{index}-of-{count}.json"
"""The manifest a run with `--shard I/N` writes: only its own files' entries."""
MANIFEST_VERSION = 1

Status = Literal["rendered", "skipped", "failed", "fragment", "stale", "missing"]
"""`skipped`: up to date; `fragment`: an include fragment, drawn as nothing; `stale` and
`missing`: with `check_only`, an output that differs from what would be drawn, or is absent."""
Progress = Callable[[int, int, str], None]
"""Called as (files done, files in all, relative path of the file just done)."""


class FileResult(NamedTuple):
    source: str
    """Path of the `.journey` file relative to the source directory (with `/`)."""
    output: str
    """Path of its output relative to the output directory (empty for a fragment)."""
    status: Status
    diagnostics: tuple[Diagnostic, ...] = ()


class BatchResult(NamedTuple):
    files: tuple[FileResult, ...] = ()

    def _count(self, *status: Status) -> int:
        return sum(f.status in status for f in self.files)

    @property
    def rendered(self) -> int:
        return self._count("rendered")

    @property
    def skipped(self) -> int:
        """Up to date (with `check_only` too)."""
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def fragments(self) -> int:
        return self._count("fragment")

    @property
    def stale(self) -> list[FileResult]:
        """With `check_only`: the files whose output is missing or differs, in path order."""
        return [f for f in self.files if f.status in ("stale", "missing")]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every file's diagnostics, files in path order."""
        return [d for f in self.files for d in f.diagnostics]


class _Job(NamedTuple):
    rel: str
    source: Path
    target: Path
    key: str


class _Outcome(NamedTuple):
    rel: str
    status: Status
    digest: str | None
    diagnostics: tuple[Diagnostic, ...]


def find_sources(source_dir: Path) -> list[Path]:
    """Every `.journey` file below `source_dir`, sorted by relative path (`tree.walk`)."""
    return walk(source_dir).paths()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def input_key(
    source: Path, options: RenderOptions, root: Path, resolved: dict[Path, Path] | None = None
) -> str:
    """The hash of everything that shapes `source`'s output (`resolved`: see
    `deps.source_files`)."""
    sha = hashlib.sha256()
    sha.update(f"journeymap {__version__}\0".encode())
    sha.update(json.dumps(options._asdict(), sort_keys=True).encode() + b"\0")
    for path in deps.source_files(source, root, resolved):
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    ref = options.theme or deps.theme_ref(source)
    if ref is not None:
        base = Path.cwd() if options.theme else source.resolve().parent
        theme = deps.theme_file(ref, base, None if options.theme else root)
        sha.update(ref.encode() + b"\0" + (theme.read_bytes() if theme else b"") + b"\0")
    return sha.hexdigest()


def manifest_name(shard: tuple[int, int] | None) -> str:
    """The manifest a run writes: the shared one, or its shard's own."""
    if shard is None:
        return MANIFEST
    return SHARD_MANIFEST.format(index=shard[0], count=shard[1])


def _manifest_files(out_dir: Path) -> list[Path]:
    """Every manifest in `out_dir`: the unsharded one first, then the shards' by name."""
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(out_dir)
            if entry.name.startswith(".journeymap-cache.") and entry.name.endswith(".json")
        )
    except OSError:
        return []
    return [out_dir / name for name in sorted(names, key=lambda n: (n != MANIFEST, n))]


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    entries = data.get("files")
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, dict)}


def load_manifests(out_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Every manifest's entries for each file, merged: an entry counts only once verified,
    so entries of several manifests (shards, an earlier unsharded run) can stand side by side."""
    merged: dict[str, list[dict[str, str]]] = {}
    for path in _manifest_files(out_dir):
        for rel, entry in _read_manifest(path).items():
            merged.setdefault(rel, []).append(entry)
    return merged


def _save_manifest(out_dir: Path, name: str, entries: dict[str, dict[str, str]]) -> None:
    data = {"version": MANIFEST_VERSION, "files": dict(sorted(entries.items()))}
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    write_atomic(out_dir / name, text.encode("utf-8"))


def _failure(job: _Job, message: str) -> Diagnostic:
    return Diagnostic(Severity.ERROR, "E701", message, Location(str(job.target)))


def _run(job: _Job, options: RenderOptions, root: Path, check_only: bool) -> _Outcome:
    """Compile, draw and write (or compare) one file, in a worker process or this one."""
    compiled = compile_file(job.source, root=root)
    found = tuple(compiled.diagnostics)
    if compiled.journey is None or compiled.has_errors:
        return _Outcome(job.rel, "failed", None, found)
    if is_fragment(compiled.journey):
        return _Outcome(job.rel, "fragment", None, found)
    data, problems = draw_compiled(compiled, options)
    diagnostics = (*found, *problems)
    if data is None:
        return _Outcome(job.rel, "failed", None, diagnostics)
    if check_only:
        try:
            current = job.target.read_bytes()
        except OSError:
            return _Outcome(job.rel, "missing", None, diagnostics)
        status: Status = "skipped" if current == data else "stale"
        return _Outcome(job.rel, status, _digest(data), diagnostics)
    try:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(job.target, data)
    except OSError as exc:
        problem = _failure(job, f"cannot write the output: {exc.strerror or exc}")
        return _Outcome(job.rel, "failed", None, (*diagnostics, problem))
    return _Outcome(job.rel, "rendered", _digest(data), diagnostics)


def _fresh(
    entries: list[dict[str, str]], key: str, out_rel: str, target: Path
) -> tuple[Status, dict[str, str]] | None:
    """The status of a file that some manifest entry shows to be up to date, with that entry."""
    digest: str | None = None
    for entry in entries:
        if entry.get("key") != key:
            continue
        if entry.get("output") == "":
            return "fragment", entry
        if entry.get("output") != out_rel:
            continue
        if digest is None:
            digest = _file_digest(target) or ""
        if digest and digest == entry.get("sha256"):
            return "skipped", entry
    return None


def render_tree(
    source_dir: str | Path,
    out_dir: str | Path,
    *,
    view: str = "map",
    fmt: str = "svg",
    theme: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    personas: tuple[str, ...] | None = None,
    stages: tuple[str, ...] | None = None,
    lanes: tuple[str, ...] | None = None,
    scale: float = 1.0,
    engine: str = "native",
    root: str | Path | None = None,
    shard: tuple[int, int] | None = None,
    check_only: bool = False,
) -> BatchResult:
    """Render every `.journey` below `source_dir` to the same relative path under
    `out_dir` (suffix by format), skipping files that are up to date.

    `theme` (a name or a path from the working directory) overrides each file's
    own `theme:`. Includes resolve below `root` (default: `source_dir`). `jobs`
    worker processes (default: one per CPU). `shard` (I, N) takes only the files
    of shard I of N (`tree.shard_of`) and writes that shard's manifest. With
    `check_only`, nothing is written: files come back `stale` or `missing`.
    Raises `ValueError` for a view or format it cannot draw; problems in files
    come back in the result.
    """
    options = RenderOptions(view, fmt, theme, personas, stages, lanes, scale, engine)
    options.validate()
    source_root = Path(source_dir)
    out_root = Path(out_dir)
    include_root = Path(root) if root is not None else source_root
    if not check_only:
        out_root.mkdir(parents=True, exist_ok=True)
    tree = walk(source_root, shard=shard)
    manifest = load_manifests(out_root)
    resolved: dict[Path, Path] = {}  # for this run only: links may change between runs
    total = len(tree.files)
    count = 0
    results: dict[str, FileResult] = {}
    todo: list[_Job] = []
    kept: dict[str, dict[str, str]] = {}

    def tick(rel: str) -> None:
        nonlocal count
        count += 1
        if progress:
            progress(count, total, rel)

    for rel in tree.files:
        source = source_root / rel
        out_rel = Path(rel).with_suffix(options.suffix()).as_posix()
        target = out_root / out_rel
        key = input_key(source, options, include_root, resolved)
        fresh = _fresh(manifest.get(rel, []), key, out_rel, target)
        if fresh is not None:
            status, entry = fresh
            results[rel] = FileResult(rel, out_rel if status == "skipped" else "", status)
            kept[rel] = entry
            tick(rel)
            continue
        todo.append(_Job(rel, source, target, key))

    def finished(job: _Job, outcome: _Outcome) -> None:
        out_rel = job.target.relative_to(out_root).as_posix()
        if outcome.status == "fragment":
            kept[job.rel] = {"key": job.key, "output": "", "sha256": ""}
            out_rel = ""
        elif outcome.status in ("rendered", "skipped") and outcome.digest:
            kept[job.rel] = {"key": job.key, "output": out_rel, "sha256": outcome.digest}
        results[job.rel] = FileResult(job.rel, out_rel, outcome.status, outcome.diagnostics)
        tick(job.rel)

    work = functools.partial(_run, options=options, root=include_root, check_only=check_only)
    try:
        map_in_order(work, todo, jobs or os.cpu_count() or 1, finished)
    finally:
        # Saved even when interrupted, so the files already drawn are not drawn again.
        if not check_only:
            _save_manifest(out_root, manifest_name(shard), kept)
    return BatchResult(tuple(results[rel] for rel in sorted(results)))
