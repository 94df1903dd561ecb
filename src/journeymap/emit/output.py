"""Write output files atomically: a temp file beside the target, then a rename.

An interrupted run (a crash, Ctrl-C, a full disk) leaves either the old file
or the new one, never half of one.
"""

from __future__ import annotations

import os
from pathlib import Path

_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _open_temp(directory: Path, name: str) -> tuple[int, str]:
    """Create a new private file beside the target, as `tempfile.mkstemp` would.

    Written out because importing `tempfile` (and `random`, `hashlib` with it)
    was a noticeable share of a cold `journeymap render`.
    """
    for _ in range(100):
        tmp = str(directory / f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {directory / name}")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; the old file survives any failure."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = _open_temp(directory, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
