"""The language server's speed and memory (issue 25), against the library's check in the same run.

    python bench/lsp.py            # the 1,000-step file, 10,000 edits for memory
    python bench/lsp.py --quick    # a smoke run (100 steps, 1,000 edits)

It starts `journeymap lsp` as an editor does (stdio, Content-Length framing)
and measures: a one-character `didChange` to its `publishDiagnostics`, less
the server's debounce, beside the library's `check_string` of the same text
in this process; a completion request; the server's resident memory after
100 edits and after 10,000 (or 1,000 with --quick).
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PYTHON, Table, median, verdict  # noqa: E402
from generate import generate  # noqa: E402

WARM_UP = 5
"""Edits made before the figures are taken, in the server as in the library's runs."""


class _Server:
    """`journeymap lsp` in a subprocess, and the messages it sends back."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "journeymap", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()  # notifications
        self.answers: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            message = json.loads(stream.read(length))
            box = self.answers if "id" in message and "method" not in message else self.inbox
            box.put((time.perf_counter(), message))

    def request(self, method: str, params: Any) -> tuple[float, Any]:
        """(seconds until the answer, the result)."""
        self.next_id += 1
        ident = self.next_id
        start = time.perf_counter()
        self.send({"id": ident, "method": method, "params": params})
        while True:
            at, message = self.answers.get(timeout=120)
            if message.get("id") == ident:
                return at - start, message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def published(self, uri: str, version: int) -> float:
        """When the diagnostics of `version` arrived (perf_counter)."""
        while True:
            at, message = self.inbox.get(timeout=120)
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] == uri and params.get("version") == version:
                return at

    def rss_mib(self) -> float:
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """The server's processor time so far (user and system), from /proc."""
        import os

        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=60)


def _edit(
    uri: str, version: int, line: int, character: int, text: str, remove: int
) -> dict[str, Any]:
    return {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [
            {
                "range": {
                    "start": {"line": line, "character": character},
                    "end": {"line": line, "character": character + remove},
                },
                "text": text,
            }
        ],
    }


def lsp_table(quick: bool) -> tuple[Table, dict[str, float]]:
    """The latency and memory figures, and the library's check beside them."""
    from journeymap.analysis.check import check_string
    from journeymap.lsp.server import DEBOUNCE

    steps = 100 if quick else 1_000
    edits = 1_000 if quick else 10_000
    rounds = 5 if quick else 25
    text = generate(steps)
    lines = text.split("\n")
    # The line of the last `pain:` (its text is free: typing there keeps the file valid).
    target = max(i for i, line in enumerate(lines) if line.strip().startswith("pain:"))
    column = len(lines[target])
    folder = Path(tempfile.mkdtemp(prefix="jm-bench-lsp-"))
    path = folder / "bench.journey"
    path.write_text(text, encoding="utf-8")
    uri = path.resolve().as_uri()

    checks = []
    cpu_start = 0.0
    for n in range(rounds + WARM_UP):
        if n == WARM_UP:
            cpu_start = time.process_time()
        start = time.perf_counter()
        check_string(text, name=str(path), path=path)
        checks.append(time.perf_counter() - start)
    check_cpu = (time.process_time() - cpu_start) / rounds
    del checks[:WARM_UP]
    check = median(checks)

    server = _Server()
    server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    server.notify("initialized", {})
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "journey", "version": 1, "text": text}},
    )
    server.published(uri, 1)
    version = 1
    latencies = []
    server_cpu = 0.0
    for n in range(rounds + WARM_UP):
        if n == WARM_UP:
            server_cpu = server.cpu_seconds()
        version += 1
        # Type one character, then take it back: the text stays the same size.
        added = n % 2 == 0
        params = _edit(uri, version, target, column, "x" if added else "", 0 if added else 1)
        start = time.perf_counter()
        server.notify("textDocument/didChange", params)
        latencies.append(server.published(uri, version) - start - DEBOUNCE)
    del latencies[:WARM_UP]  # the first checks in a fresh process compile patterns
    edit_cpu = (server.cpu_seconds() - server_cpu) / rounds
    where = {"textDocument": {"uri": uri}, "position": {"line": target, "character": 4}}
    completions = [server.request("textDocument/completion", where)[0] for _ in range(rounds)]
    # Completion right after an edit, before the server has looked at the text again.
    after_edit = []
    for n in range(rounds):
        version += 1
        added = n % 2 == 0
        server.notify(
            "textDocument/didChange",
            _edit(uri, version, target, column, "x" if added else "", 0 if added else 1),
        )
        after_edit.append(server.request("textDocument/completion", where)[0])
        server.published(uri, version)

    def burst(count: int) -> None:
        nonlocal version
        for n in range(count):
            version += 1
            added = n % 2 == 0
            params = _edit(uri, version, target, column, "x" if added else "", 0 if added else 1)
            server.notify("textDocument/didChange", params)
            if n % 100 == 99:  # let the server check now and then, as pauses in typing do
                server.published(uri, version)
        if count % 100:
            server.published(uri, version)

    burst(100 - 2 * rounds - WARM_UP)  # 100 edits in all so far
    rss_100 = server.rss_mib()
    burst(edits - 100)
    rss_many = server.rss_mib()
    code = server.stop()

    latency = median(latencies)
    figures = {
        "check": check,
        "latency": latency,
        "latency best": min(latencies),
        "completion": median(completions),
        "completion after edit": median(after_edit),
        "rss 100": rss_100,
        "rss many": rss_many,
        "exit": float(code),
        "edit cpu": edit_cpu,
        "check cpu": check_cpu,
    }
    table = Table(
        f"Language server ({steps:,}-step file, {len(lines):,} lines)",
        ["figure", "value", "target", "verdict"],
        "llll",
    )
    table.add(
        "didChange → publishDiagnostics, less the debounce (median)",
        f"{latency * 1000:.0f} ms (best {min(latencies) * 1000:.0f} ms; "
        f"library check {check * 1000:.0f} ms)",
        "≤ 1.2x the library's check" + (" (at 1,000 steps)" if quick else ""),
        # On the smoke run's small file the protocol's fixed costs (reading the
        # message, the timer, writing the answer) weigh as much as the check.
        f"{latency / check:.2f}x, " + (verdict(None) if quick else verdict(latency <= 1.2 * check)),
    )
    table.add(
        "processor time per edit: the server's (all its work) vs the library's check",
        f"{edit_cpu * 1000:.0f} ms vs {check_cpu * 1000:.0f} ms",
        "(not slowed by other processes)",
        f"{edit_cpu / check_cpu:.2f}x",
    )
    table.add(
        "the same, against the goal",
        f"{latency * 1000:.0f} ms",
        "100 ms",
        verdict(latency <= 0.1),
    )
    table.add(
        "completion at the start of a step's line (median)",
        f"{median(completions) * 1000:.1f} ms; right after an edit "
        f"{median(after_edit) * 1000:.1f} ms",
        "≤ 50 ms",
        verdict(max(median(completions), median(after_edit)) <= 0.05),
    )
    table.add(
        f"resident memory after {edits:,} edits vs after 100",
        f"{rss_many:.1f} MiB vs {rss_100:.1f} MiB ({rss_many / rss_100:.2f}x)",
        "≤ 1.2x",
        verdict(rss_many <= 1.2 * rss_100),
    )
    table.add("exit code after shutdown and exit", str(code), "0", verdict(code == 0))
    table.notes.append(
        f"Debounce {DEBOUNCE * 1000:.0f} ms, subtracted. The library's check is the median of "
        f"{rounds} `check_string` runs in the benchmark's own process; the latency the median "
        f"of {rounds} one-character edits at the end of the last `pain:` line; both after "
        f"{WARM_UP} runs not counted. Neither the server nor the library's call here "
        "touches the cyclic collector. Processor times come from /proc (the server) and "
        "`time.process_time` (this process)."
    )
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
    return table, figures


def lsp_section(quick: bool) -> Table:
    """The section for bench/run.py: the figures, or why there are none."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        skipped = Table("Language server", [], "")
        skipped.notes.append("Skipped: pygls is not installed (`pip install -e '.[lsp]'`).")
        return skipped
    return lsp_table(quick)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small file and fewer edits")
    args = parser.parse_args()
    table, _ = lsp_table(args.quick)
    print(table.markdown())


if __name__ == "__main__":
    main()
