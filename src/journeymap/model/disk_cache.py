"""journeymap's cache directory: work saved between runs, never needed for a correct one.

Each cache file can be checked against what it was made from, so a stale,
damaged or foreign file is simply rebuilt; a directory that cannot be
written means running without a cache.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def cache_dir() -> Path:
    """`$JOURNEYMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/journeymap` (`~/.cache/journeymap`)."""
    explicit = os.environ.get("JOURNEYMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "journeymap"


def cheap_key(identity: str) -> str:
    """A short file-name key for `identity`; the file must hold `identity` to check against."""
    return f"{zlib.crc32(identity.encode()):08x}{len(identity):x}"


def write_cache(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when a cache is written: it costs a cold start ~7 ms

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".cache")
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only home directory: work without a cache
