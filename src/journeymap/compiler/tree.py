"""Directory mode's one folder walker: which `.journey` files a command reads, in which order.

`check DIR`, `fmt DIR`, `render DIR` and `report DIR` all take their files from
`walk`, so they agree on what a folder holds: every `.journey` file below it,
sorted by its path relative to the folder (with `/`), hidden folders (`.git`,
`.venv`) left out. A symbolic link is never followed out of the folder: a
linked file whose target lies outside (or nowhere) is skipped and named in
`Tree.skipped`, for the command to print, so a pull request cannot make CI read
a key file through a link. A linked folder is not entered (one pointing
inside is walked under its real path; one pointing outside is named).

`shard_of` splits a folder for CI jobs by a stable hash of each relative
path, so adding a file never moves another to a different shard.
`is_fragment` says which files only declare things for others to include.
`map_in_order` spreads the files over worker processes, keeping their order.
"""

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from journeymap.model.journey import Journey

if TYPE_CHECKING:
    from concurrent.futures import Executor

SUFFIX = ".journey"
SERIAL_BELOW = 4
"""Fewer files than this are done in this process: a pool's start-up would cost more
than it saves."""
T = TypeVar("T")
R = TypeVar("R")


class Skipped(NamedTuple):
    """A path the walker did not follow, and why (a sentence for stderr)."""

    path: str
    reason: str


class Tree(NamedTuple):
    """The files of a folder: paths relative to `root` (with `/`), sorted, and what was skipped."""

    root: Path
    files: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()

    def paths(self) -> list[Path]:
        """Each file as a path under `root`."""
        return [self.root / rel for rel in self.files]


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def _link_target(path: Path) -> Path | None:
    """Where a symbolic link finally leads, or None when it leads nowhere (or loops)."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def walk(directory: str | Path, *, shard: tuple[int, int] | None = None) -> Tree:
    """Every `.journey` file below `directory` (in shard `shard`, I of N, when given)."""
    root = Path(directory)
    real_root = root.resolve()
    files: list[str] = []
    skipped: list[Skipped] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(folder)
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            path = here / name
            if path.is_symlink():
                target = _link_target(path)
                if target is None or not _inside(target, real_root):
                    skipped.append(Skipped(str(path), "a symbolic link to outside the folder"))
                continue
            kept.append(name)
        dirnames[:] = kept  # os.walk descends only into these
        for name in filenames:
            if not name.endswith(SUFFIX):
                continue
            path = here / name
            if path.is_symlink():
                target = _link_target(path)
                if target is None:
                    skipped.append(Skipped(str(path), "a symbolic link that leads nowhere"))
                    continue
                if not _inside(target, real_root):
                    skipped.append(Skipped(str(path), "a symbolic link to outside the folder"))
                    continue
                if not target.is_file():
                    continue
            elif not path.is_file():
                continue  # a FIFO or device named like a journey
            rel = path.relative_to(root).as_posix()
            if shard is None or shard_of(rel, shard[1]) == shard[0]:
                files.append(rel)
    skipped.sort()
    return Tree(root, tuple(sorted(files)), tuple(skipped))


def shard_of(rel: str, count: int) -> int:
    """The shard (1 to `count`) of a file by its path relative to the walked folder."""
    import hashlib  # only with --shard: a plain `check FILE` need not load OpenSSL

    digest = hashlib.sha256(rel.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def parse_shard(text: str) -> tuple[int, int]:
    """`I/N` as (I, N); `ValueError` saying what is wrong otherwise."""
    index, slash, count = text.partition("/")
    if not slash or not index.strip().isdigit() or not count.strip().isdigit():
        raise ValueError(f"--shard {text}: give I/N, for example 2/4")
    i, n = int(index), int(count)
    if n < 1 or not 1 <= i <= n:
        raise ValueError(f"--shard {text}: I counts from 1 to N (N at least 1)")
    return i, n


def is_fragment(journey: Journey) -> bool:
    """True for a file that only declares personas, channels or teams for others to include.

    It has no `journey:` title and no step; it is checked like any file, but
    not drawn as a journey of its own.
    """
    if journey.title is not None:
        return False
    return not any(stage.steps for stage in journey.stages)


def _executor(jobs: int) -> "Executor":
    # only when a pool pays: a small run never starts one
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # fork starts workers with journeymap already imported (no re-import); it is
    # only safe while this process has a single thread (a watch or a host app may not).
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(jobs)


def map_in_order(
    work: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    done: Callable[[T, R], None] | None = None,
) -> list[R]:
    """`work` of each item, in `jobs` worker processes when that pays, results in the
    items' order whatever order they finish in (so output never depends on `jobs`).

    `done(item, result)` is called in this process as each finishes (for progress, and
    to keep what is finished when the run is interrupted).
    `work` must be picklable (a module-level function, or a `functools.partial` of one).
    """
    results: list[R | None] = [None] * len(items)
    if jobs <= 1 or len(items) < SERIAL_BELOW:
        for index, item in enumerate(items):
            result = work(item)
            results[index] = result
            if done:
                done(item, result)
        return results  # type: ignore[return-value]  # every slot is filled
    from concurrent.futures import as_completed  # as above: only with a pool

    with _executor(min(jobs, len(items))) as pool:
        futures = {pool.submit(work, item): index for index, item in enumerate(items)}
        for future in as_completed(futures):
            index = futures[future]
            result = future.result()
            results[index] = result
            if done:
                done(items[index], result)
    return results  # type: ignore[return-value]  # every slot is filled
