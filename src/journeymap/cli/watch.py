"""Watch mode: render a file, then render it again whenever it or one of its includes
changes, until stopped.

Built on watchfiles (the optional `watch` extra). It watches the directories
that hold the files, not the files themselves: editors save by writing a new
file and renaming it over the old one, which a watch on the old file would
miss. After each render the include list is read again, so a newly included
file is watched from then on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from journeymap.emit import deps

DEBOUNCE_MS = 150
"""Changes closer together than this are one change: an editor's save can be
several file-system events, and a render per keystroke of autosave is wasted."""
STEP_MS = 50
"""How often the watcher looks at the stop event."""


class WatchUnavailable(RuntimeError):
    """watchfiles is not installed."""


def _watched(path: Path, root: Path | None) -> set[Path]:
    files = set(deps.source_files(path, root))
    files.add(path.resolve())  # watched even while missing (deleted, or about to be saved)
    return files


def watch_and_render(
    path: str | Path,
    render_once: Callable[[], int],
    *,
    stop_event: threading.Event | None = None,
    root: str | Path | None = None,
    on_change: Callable[[set[Path]], None] | None = None,
) -> int:
    """Call `render_once` now and after every change to `path` or its includes.

    Returns the last render's exit code once `stop_event` is set (or on Ctrl-C).
    `on_change` hears which files changed, before the render (the CLI prints them).
    """
    try:
        from watchfiles import watch  # the optional `watch` extra: only --watch needs it
    except ImportError as exc:  # the optional extra
        raise WatchUnavailable(
            "watching needs the watchfiles package: pip install 'journeymap[watch]'"
        ) from exc
    main = Path(path)
    include_root = Path(root) if root is not None else None
    stop = stop_event or threading.Event()
    code = render_once()
    while not stop.is_set():
        files = _watched(main, include_root)
        directories = sorted({f.parent for f in files if f.parent.is_dir()})
        if not directories:
            return code

        def relevant(_change: object, changed: str, files: set[Path] = files) -> bool:
            return Path(changed).resolve() in files

        try:
            for changes in watch(
                *directories,
                watch_filter=relevant,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=stop,
                recursive=False,
                raise_interrupt=True,
            ):
                if on_change:
                    on_change({Path(p) for _, p in changes})
                code = render_once()
                if _watched(main, include_root) != files:
                    break  # the includes changed: watch the new set
        except KeyboardInterrupt:
            return code
    return code
