"""Read `REV:path` arguments (`HEAD~1:docs/x.journey`) through `git show`.

This is the one place that runs git. An argument names a git object only
when it is not an existing file and has the `REV:path` shape, so ordinary
paths never reach git. The path after the colon is git's: relative to the
top of the repository, or to the current directory when it starts with `./`.

git never reads user text as an option: a revision that starts with `-` is
refused (`--output=FILE:x.journey` would have git write FILE), and the one
argument that carries user text comes after `--end-of-options`.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

GIT_TIMEOUT_SECONDS = 30

# A revision is anything up to the first colon, as git reads `REV:path`; a
# single letter before `:\` or `:/` is a Windows drive, not a revision.
_REVISION = re.compile(r"(?P<rev>[^:]+):(?P<path>.+)")
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


class RevisionError(Exception):
    """A `REV:path` argument could not be read; the message says why, for the user."""


def option_like(argument: str) -> bool:
    """Whether `argument` names a revision that git would read as an option.

    Commands refuse such an argument as a usage error before anything runs;
    `read_revision` refuses it too, for callers that do not ask.
    """
    return is_revision(argument) and argument.startswith("-")


def is_revision(argument: str) -> bool:
    """Whether `argument` should be read from git rather than from disk."""
    if argument == "-" or os.path.exists(argument) or _DRIVE.match(argument):
        return False
    return _REVISION.fullmatch(argument) is not None


def read_revision(argument: str, cwd: Path | None = None) -> bytes:
    """The content of `REV:path` at that revision; raises `RevisionError`."""
    match = _REVISION.fullmatch(argument)
    if match is None:
        raise RevisionError(f"`{argument}` is not of the form REV:path")
    if argument.startswith("-"):
        raise RevisionError(f"`{argument}`: a revision cannot start with `-`")
    try:
        done = subprocess.run(
            ["git", "show", "--no-textconv", "--end-of-options", argument],
            cwd=cwd,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise RevisionError(
            f"cannot read `{argument}`: git is not installed (it is needed for REV:path)"
        ) from None
    except subprocess.TimeoutExpired:
        raise RevisionError(
            f"cannot read `{argument}`: git did not answer in {GIT_TIMEOUT_SECONDS} seconds"
        ) from None
    except OSError as exc:
        raise RevisionError(f"cannot read `{argument}`: cannot run git: {exc}") from None
    if done.returncode != 0:
        raise RevisionError(f"cannot read `{argument}` from git: {_git_message(done.stderr)}")
    return done.stdout


def worktree_path(argument: str, cwd: Path | None = None) -> Path | None:
    """Where `REV:path` lives in the working tree (includes in it are read from there).

    None when git cannot say (not a repository, git missing).
    """
    match = _REVISION.fullmatch(argument)
    if match is None:
        return None
    path = match["path"]
    here = cwd or Path.cwd()
    if path.startswith(("./", "../")):
        return here / path
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=here,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    top = done.stdout.decode("utf-8", "replace").strip()
    return Path(top) / path if done.returncode == 0 and top else None


def _git_message(stderr: bytes) -> str:
    """git's own explanation, first line, without its `fatal:` prefix."""
    text = stderr.decode("utf-8", "replace").strip()
    first = text.splitlines()[0] if text else "git failed"
    return first.removeprefix("fatal: ").removeprefix("error: ")
