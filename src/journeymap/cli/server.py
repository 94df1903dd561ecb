"""Live preview: serve the picture of one `.journey` file on localhost, redrawn on every save.

Standard library only. A background thread redraws the file whenever it or
one of its includes changes (watchfiles when installed, else polling file
times); HTTP handlers only read the latest result. The page polls `/version`
and swaps in the new picture and diagnostics when it changes: polling needs
no websocket library and costs one tiny request per half second.
"""

import base64
import hashlib
import html
import socketserver
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from journeymap.cli.watch import WatchUnavailable, watch_and_render
from journeymap.emit import deps
from journeymap.emit.render_file import RenderOptions, render_file
from journeymap.model.diagnostics import format_report

POLL_SECONDS = 0.3
"""How often the fallback (no watchfiles) looks at the files' modification times."""
SETTLE_SECONDS = 0.1
"""Without watchfiles, how long a changed file's time must stand still before a redraw."""
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

_SCRIPT = """
const shown = () => document.querySelector("main").dataset.version;
async function poll() {
  try {
    const version = (await (await fetch("/version", {cache: "no-store"})).text()).trim();
    if (version !== shown()) {
      const page = await (await fetch("/", {cache: "no-store"})).text();
      const fresh = new DOMParser().parseFromString(page, "text/html").querySelector("main");
      if (fresh) document.querySelector("main").replaceWith(fresh);
    }
  } catch (error) {
    // The server is stopped or busy: keep the last picture and ask again.
  }
  setTimeout(poll, 500);
}
setTimeout(poll, 500);
"""
_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1rem; background: #fff; color: #111; }
h1 { font-size: 1.1rem; margin: 0 0 0.5rem; }
pre { background: #fff2f2; border-left: 4px solid #b00020; padding: 0.5rem 1rem;
      white-space: pre-wrap; }
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Only our own script and style may run, and the page may fetch only from this server.
PAGE_CSP = (
    f"default-src 'none'; img-src 'self'; script-src {_sha256(_SCRIPT)}; "
    f"style-src {_sha256(_STYLE)}; connect-src 'self'; base-uri 'none'; form-action 'none'"
)
# Opened on its own, the SVG is a document too: it may use its own <style>, nothing else.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"


class Snapshot(NamedTuple):
    """The latest result: the last good SVG (kept while the file has errors) and the problems."""

    version: int = 0
    svg: bytes | None = None
    diagnostics: str = ""


class PreviewServer:
    """An HTTP server for the picture of `path`; `start()` serves it in the background.

    The socket is bound in the constructor, so a taken port fails at once and
    `url` is known (port 0 picks a free port).
    """

    def __init__(
        self,
        path: str | Path,
        options: RenderOptions | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        root: str | Path | None = None,
        annotate: bool = False,
    ) -> None:
        self.path = Path(path)
        self.options = options or RenderOptions()
        self.root = Path(root) if root is not None else None
        self.annotate = annotate
        self._state = Snapshot()
        self._state_lock = threading.Lock()
        self._render_lock = threading.Lock()  # one render at a time, so none lands out of order
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._http = _HTTPServer((host, port), _Handler)
        self._http.preview = self
        self._http.check_host = host in LOOPBACK

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}/"

    def snapshot(self) -> Snapshot:
        with self._state_lock:
            return self._state

    def refresh(self) -> int:
        """Draw the file now; the version, bumped if the picture or the diagnostics changed."""
        with self._render_lock:
            try:
                svg, diagnostics = render_file(
                    self.path, self.options, self.root, annotate=self.annotate
                )
                text = format_report(list(diagnostics)) if diagnostics else ""
            except Exception as exc:  # a bug of ours must not end the preview
                svg, text = None, f"journeymap: internal error ({type(exc).__name__}: {exc})"
            with self._state_lock:
                old = self._state
                svg = svg if svg is not None else old.svg  # keep the last good picture
                if (svg, text) != (old.svg, old.diagnostics):
                    self._state = Snapshot(old.version + 1, svg, text)
                return self._state.version

    def start(self, *, follow: bool = True) -> None:
        """Serve in a background thread; with `follow`, redraw on every change (the first
        drawing happens in that thread), else draw once now."""
        if not follow:
            self.refresh()
        self._spawn(self._http.serve_forever)
        if follow:
            self._spawn(self._follow)

    def stop(self) -> None:
        self._stop.set()
        if self._threads:  # shutdown() waits for serve_forever(), which must have started
            self._http.shutdown()
        self._http.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _spawn(self, target: Callable[[], object]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _follow(self) -> None:
        try:
            watch_and_render(self.path, self.refresh, stop_event=self._stop, root=self.root)
        except WatchUnavailable:
            self._poll()

    def _poll(self) -> None:
        """Without watchfiles: redraw when a file's modification time changes."""
        seen: dict[Path, int | None] | None = None
        while not self._stop.is_set():
            stamps = self._stamps()
            if stamps != seen:
                # A file being saved is truncated, then written: wait until its
                # time stands still, so a half-written file is not drawn (and
                # its errors flashed) between the two.
                while seen is not None and not self._stop.wait(SETTLE_SECONDS):
                    settled = self._stamps()
                    if settled == stamps:
                        break
                    stamps = settled
                seen = stamps
                self.refresh()
            self._stop.wait(POLL_SECONDS)

    def _stamps(self) -> dict[Path, int | None]:
        files = {self.path.resolve(), *deps.source_files(self.path, self.root)}
        return {f: _mtime(f) for f in files}


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # deleted, or not saved yet
        return None


def page(name: str, state: Snapshot) -> str:
    """The preview page: file name, diagnostics (escaped) and the picture."""
    problems = f"<pre>{html.escape(state.diagnostics)}</pre>" if state.diagnostics else ""
    if state.svg is not None:
        picture = f'<img src="/diagram.svg?v={state.version}" alt="the drawing of this file">'
    else:
        picture = "<p>No picture yet: the file has not compiled without errors.</p>"
    title = html.escape(name)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} · journeymap</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<main data-version="{state.version}">\n<h1>{title}</h1>\n{problems}\n{picture}\n'
        f"</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _hostname(header: str) -> str | None:
    """The host name of a Host header (`localhost:8000`, `[::1]:8000`), lower-case."""
    try:
        return urlsplit("//" + header).hostname
    except ValueError:  # a malformed IPv6 literal
        return None


class _HTTPServer(ThreadingHTTPServer):
    preview: PreviewServer
    check_host: bool

    def server_bind(self) -> None:
        # HTTPServer's own server_bind looks the host up in DNS (getfqdn) for a
        # name nothing here uses: skip it, so serving never touches the network.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD of `/`, `/diagram.svg` and `/version`; other methods get 501 from
    the base class."""

    server: _HTTPServer

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the page polls twice a second: a line per request would drown the terminal

    def _respond(self, *, send_body: bool) -> None:
        # A web page elsewhere could point its own domain name at 127.0.0.1
        # (DNS rebinding) and read the picture: only answer to loopback names.
        if self.server.check_host and _hostname(self.headers.get("Host", "")) not in LOOPBACK:
            self.send_error(HTTPStatus.BAD_REQUEST, "unexpected Host header")
            return
        preview = self.server.preview
        state = preview.snapshot()
        route = urlsplit(self.path).path
        if route == "/":
            body, kind, csp = page(str(preview.path), state).encode(), "text/html", PAGE_CSP
        elif route == "/diagram.svg" and state.svg is not None:
            body, kind, csp = state.svg, "image/svg+xml", SVG_CSP
        elif route == "/version":
            body, kind, csp = f"{state.version}\n".encode(), "text/plain", "default-src 'none'"
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)
