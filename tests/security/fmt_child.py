"""`journeymap fmt FILE`, held inside its first fsync until a line arrives on stdin.

tests/security/test_fmt_files.py runs this as a child process: it waits for
`writing`, sends a signal while the temporary file exists, then lets the
write go on, so the signal lands mid-write every time.
"""

import os
import signal
import sys

# A shell may start background jobs with SIGINT ignored; Ctrl-C must behave as usual here.
signal.signal(signal.SIGINT, signal.default_int_handler)

real_fsync = os.fsync
held = False


def fsync(fd: int) -> None:
    global held
    if not held:
        held = True
        sys.stdout.write("writing\n")
        sys.stdout.flush()
        sys.stdin.readline()
    real_fsync(fd)


os.fsync = fsync
sys.argv = ["journeymap", "fmt", *sys.argv[1:]]

from journeymap.cli.console import main  # noqa: E402  (after os.fsync is replaced)

main()
