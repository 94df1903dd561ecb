"""A minimal LSP client: starts `journeymap lsp` and talks to it as an editor does.

Messages are JSON-RPC with Content-Length framing over the server's standard
input and output. A reader thread sorts what comes back into responses (by
id) and notifications (kept in order), so a test can wait for either.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

TIMEOUT = 30.0
"""Seconds to wait for an answer before the test fails (a hang, not a timing)."""


def file_uri(path: Path) -> str:
    return path.resolve().as_uri()


class Client:
    """One running server and the messages it sent."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journeymap", "lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self.requests_from_server: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.versions: dict[str, int] = {}

    # -- framing -----------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "a message without Content-Length"
            message = json.loads(stream.read(length))
            if "id" in message and "method" not in message:
                self._box(message["id"]).put(message)
            elif "id" in message:
                self.requests_from_server.append(message)
                self.send({"id": message["id"], "result": None})
            else:
                self.notifications.put(message)

    def _box(self, ident: int) -> queue.Queue[dict[str, Any]]:
        with self._lock:
            return self._responses.setdefault(ident, queue.Queue())

    # -- requests ----------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        """Send a request and return its result (failing the test on an error answer)."""
        self._next_id += 1
        ident = self._next_id
        self.send({"id": ident, "method": method, "params": params})
        answer = self._box(ident).get(timeout=TIMEOUT)
        assert "error" not in answer, answer
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def initialize(self, options: dict[str, Any] | None = None) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": None,
                "capabilities": {},
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str | None = None) -> str:
        uri = file_uri(path)
        self.versions[uri] = 1
        content = path.read_text(encoding="utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "journey", "version": 1, "text": content}},
        )
        return uri

    def change(self, uri: str, changes: list[dict[str, Any]]) -> int:
        self.versions[uri] += 1
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": self.versions[uri]},
                "contentChanges": changes,
            },
        )
        return self.versions[uri]

    def replace_all(self, uri: str, text: str) -> int:
        return self.change(uri, [{"text": text}])

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        """The next diagnostics published for `uri` (for `version`, when given)."""
        while True:
            message = self.notifications.get(timeout=TIMEOUT)
            if message["method"] != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] != uri:
                continue
            if version is not None and params.get("version") != version:
                continue
            return list(params["diagnostics"])

    def at(self, uri: str, line: int, character: int) -> dict[str, Any]:
        return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}

    def stop(self) -> int:
        """`shutdown` then `exit`; the server's exit code."""
        if self.process.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
        code = self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
