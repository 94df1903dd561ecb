"""Render every `.journey` below a directory into a mirrored tree, in parallel, skipping
files whose output is already up to date.

Up to date means: the manifest in the output directory (`.journeymap-cache.json`)
records, for the file's relative path, the hash of everything that shapes its
output (its bytes and its includes' bytes, the options, the theme file, the
journeymap version) and the hash of the output it wrote, and the output on
disk still has that hash, so an edited or deleted output is drawn again.
Each file is compiled and drawn on its own: one bad file is reported while
the others render. Outputs are written atomically.
"""

import hashlib
import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Literal, NamedTuple

from journeymap._version import __version__
from journeymap.emit import deps
from journeymap.emit.output import write_atomic
from journeymap.emit.render_file import RenderOptions, render_file
from journeymap.model.diagnostics import Diagnostic, Location, Severity

MANIFEST = ".journeymap-cache.json"
MANIFEST_VERSION = 1
SERIAL_BELOW = 4
"""Fewer stale files than this render in this process: a pool's start-up would cost
more than it saves."""

Status = Literal["rendered", "skipped", "failed"]
Progress = Callable[[int, int, str], None]
"""Called as (files done, files in all, relative path of the file just done)."""


class FileResult(NamedTuple):
    source: str
    """Path of the `.journey` file relative to the source directory (with `/`)."""
    output: str
    """Path of its output relative to the output directory."""
    status: Status
    diagnostics: tuple[Diagnostic, ...] = ()


class BatchResult(NamedTuple):
    files: tuple[FileResult, ...] = ()

    def _count(self, status: Status) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def rendered(self) -> int:
        return self._count("rendered")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

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
    ok: bool
    digest: str | None
    diagnostics: tuple[Diagnostic, ...]


def find_sources(source_dir: Path) -> list[Path]:
    """Every `.journey` file below `source_dir`, sorted by relative path; hidden
    directories (`.git`, `.venv`) are not searched."""
    found = []
    for path in source_dir.rglob("*.journey"):
        rel = path.relative_to(source_dir)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts[:-1]):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(source_dir).as_posix())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def input_key(source: Path, options: RenderOptions, root: Path) -> str:
    """The hash of everything that shapes `source`'s output."""
    sha = hashlib.sha256()
    sha.update(f"journeymap {__version__}\0".encode())
    sha.update(json.dumps(options._asdict(), sort_keys=True).encode() + b"\0")
    for path in deps.source_files(source, root):
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    ref = options.theme or deps.theme_ref(source)
    if ref is not None:
        base = Path.cwd() if options.theme else source.resolve().parent
        theme = deps.theme_file(ref, base, None if options.theme else root)
        sha.update(ref.encode() + b"\0" + (theme.read_bytes() if theme else b"") + b"\0")
    return sha.hexdigest()


def _load_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    entries = data.get("files")
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, dict)}


def _save_manifest(out_dir: Path, entries: dict[str, dict[str, str]]) -> None:
    data = {"version": MANIFEST_VERSION, "files": dict(sorted(entries.items()))}
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    write_atomic(out_dir / MANIFEST, text.encode("utf-8"))


def _run(job: _Job, options: RenderOptions, root: Path) -> _Outcome:
    """Compile, draw and write one file (in a worker process or this one)."""
    data, diagnostics = render_file(job.source, options, root)
    if data is None:
        return _Outcome(job.rel, False, None, diagnostics)
    try:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(job.target, data)
    except OSError as exc:
        problem = Diagnostic(
            Severity.ERROR,
            "E701",
            f"cannot write the output: {exc.strerror or exc}",
            Location(str(job.target)),
        )
        return _Outcome(job.rel, False, None, (*diagnostics, problem))
    return _Outcome(job.rel, True, _digest(data), diagnostics)


def _executor(jobs: int) -> Executor:
    # fork starts workers with journeymap already imported (no re-import); it is
    # only safe while this process has a single thread (a watch or a host app may not).
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(jobs)


def _outcomes(
    todo: list[_Job], options: RenderOptions, root: Path, jobs: int
) -> Iterator[_Outcome]:
    if jobs <= 1 or len(todo) < SERIAL_BELOW:
        for job in todo:
            yield _run(job, options, root)
        return
    with _executor(min(jobs, len(todo))) as pool:
        futures = [pool.submit(_run, job, options, root) for job in todo]
        for future in futures:
            yield future.result()


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
) -> BatchResult:
    """Render every `.journey` below `source_dir` to the same relative path under
    `out_dir` (suffix by format), skipping files that are up to date.

    `theme` (a name or a path from the working directory) overrides each file's
    own `theme:`. Includes resolve below `root` (default: `source_dir`). `jobs`
    worker processes (default: one per CPU). Raises `ValueError` for a view or
    format it cannot draw; problems in files come back in the result.
    """
    options = RenderOptions(view, fmt, theme, personas, stages, lanes, scale, engine)
    options.validate()
    source_root = Path(source_dir)
    out_root = Path(out_dir)
    include_root = Path(root) if root is not None else source_root
    out_root.mkdir(parents=True, exist_ok=True)
    sources = find_sources(source_root)
    manifest = _load_manifest(out_root)
    total = len(sources)
    done = 0
    results: dict[str, FileResult] = {}
    todo: list[_Job] = []
    kept: dict[str, dict[str, str]] = {}
    for source in sources:
        rel = source.relative_to(source_root).as_posix()
        out_rel = Path(rel).with_suffix(options.suffix()).as_posix()
        target = out_root / out_rel
        key = input_key(source, options, include_root)
        entry = manifest.get(rel, {})
        fresh = entry.get("key") == key and entry.get("output") == out_rel
        if fresh and _file_digest(target) == entry.get("sha256"):
            results[rel] = FileResult(rel, out_rel, "skipped")
            kept[rel] = entry
            done += 1
            if progress:
                progress(done, total, rel)
            continue
        todo.append(_Job(rel, source, target, key))
    by_rel = {job.rel: job for job in todo}
    try:
        for outcome in _outcomes(todo, options, include_root, jobs or os.cpu_count() or 1):
            job = by_rel[outcome.rel]
            out_rel = job.target.relative_to(out_root).as_posix()
            status: Status = "rendered" if outcome.ok else "failed"
            results[outcome.rel] = FileResult(outcome.rel, out_rel, status, outcome.diagnostics)
            if outcome.ok and outcome.digest:
                kept[outcome.rel] = {"key": job.key, "output": out_rel, "sha256": outcome.digest}
            done += 1
            if progress:
                progress(done, total, outcome.rel)
    finally:
        # Saved even when interrupted, so the files already drawn are not drawn again.
        _save_manifest(out_root, kept)
    return BatchResult(tuple(results[rel] for rel in sorted(results)))
