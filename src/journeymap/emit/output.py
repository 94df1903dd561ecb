"""Write output files atomically: a temp file beside the target, then a rename.

An interrupted run (a crash, Ctrl-C, SIGTERM, a full disk) leaves either the
old file or the new one, never half of one, and no temporary file.
`rewrite` is the stricter form `fmt` uses on files people own: through a
symbolic link only into the root, hard links kept, mode and owner kept,
read-only files refused.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from pathlib import Path

_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
# Held back while a file is being written, delivered as soon as it is done: a
# Ctrl-C or a CI runner's SIGTERM then finds either the old file or the new one.
_HELD_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Refused(OSError):
    """A file `rewrite` will not write (read-only, a link out of the root, not a file)."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EPERM, reason)


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


def _write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is down (a write may take only part)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class _SignalsHeld:
    """Hold back Ctrl-C, SIGTERM and SIGHUP while a file is written; deliver them after.

    Only the main thread receives Python's signals, and only it can block them
    for itself; in any other thread this does nothing.
    """

    def __enter__(self) -> None:
        self.old: set[int | signal.Signals] | None = None
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is (
            threading.main_thread()
        ):
            self.old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)

    def __exit__(self, *exc: object) -> None:
        if self.old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.old)


def _temp_with(path: Path, data: bytes) -> str:
    """A synced temporary file beside `path` holding `data`; removed again on any failure."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = _open_temp(directory, path.name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; the old file survives any failure."""
    with _SignalsHeld():
        tmp = _temp_with(path, data)
        try:
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


def inside_root(path: Path, root: Path) -> Path:
    """The real file `path` names, which must lie inside `root`; `Refused` if it does not.

    A symbolic link is followed to its target: `fmt` writes the target and
    keeps the link, but only when the target is inside the root.
    """
    target = path.resolve(strict=True)
    real_root = root.resolve(strict=True)
    if not target.is_relative_to(real_root):
        what = "a symbolic link to" if path.is_symlink() else "a path that leads to"
        raise Refused(f"{what} `{target}`, outside the root `{root}`; name a wider --root")
    return target


def rewrite(path: Path, data: bytes, root: Path) -> None:
    """Give the existing file `path` the contents `data`, keeping what makes it that file.

    A symbolic link is written through to its target (inside `root` only) and
    stays a link. A read-only file is refused, by its mode bits, since root may
    write anything. Mode and owner are kept: the new contents go to a synced
    temporary file that takes the old file's mode and owner and is renamed over
    it. A file with several hard links, or whose owner this user cannot give
    to a new file, is rewritten in place instead, after a synced copy of the
    original is put beside it, and restored if the write fails. No temporary
    file is left, and signals wait until the file is whole.
    """
    target = inside_root(path, root)
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise Refused(
            f"the file is read-only (mode {stat.S_IMODE(info.st_mode):04o}); "
            "make it writable to format it"
        )
    with _SignalsHeld():
        if info.st_nlink > 1 or not _replace_keeping(target, data, info):
            _rewrite_in_place(target, data)


def _replace_keeping(target: Path, data: bytes, info: os.stat_result) -> bool:
    """Rename a new file with `info`'s owner and mode over `target`; False if the owner
    cannot be given (another user's file), with nothing changed."""
    tmp = _temp_with(target, data)
    try:
        made = os.stat(tmp)
        if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except PermissionError:
                os.unlink(tmp)
                return False
        os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def _rewrite_in_place(target: Path, data: bytes) -> None:
    """Overwrite `target` itself (its inode: hard links and owner stay), safely.

    A synced copy of the original goes beside it first; if the new contents
    cannot be written, the original is written back and the copy removed. Only
    if even that fails is the copy kept, and the error names it.
    """
    original = target.read_bytes()
    backup = _temp_with(target, original)
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    except BaseException:
        os.unlink(backup)
        raise
    try:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        except BaseException:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                _write_all(fd, original)
                os.ftruncate(fd, len(original))
                os.fsync(fd)
            except OSError as again:
                raise OSError(
                    again.errno,
                    f"{again.strerror or again}; the original is kept in `{backup}`",
                ) from None
            os.unlink(backup)
            raise
    finally:
        os.close(fd)
    os.unlink(backup)
