"""A local web server for a built site folder that answers as a real one does: the site under its path
(https://host/xxgk/ is served at /xxgk/), its 404.html with status 404 for anything missing, and, when asked,
gzip and cache headers (as nginx with `gzip on` and `expires` sends them). Used by the benchmark, the browser
tests, the screenshots and the Lighthouse runs; `serve` (the editors' preview) is the theme engine's own.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}
# Material's bundles carry a hash in their names and may be kept for a year; everything else for an hour.
LONG_LIVED = ("assets/stylesheets/main.", "assets/stylesheets/palette.", "assets/javascripts/bundle.",
              "assets/javascripts/workers/")


@contextlib.contextmanager
def serving(folder: Path, prefix: str = "/", compress: bool = False):
    """Serve `folder` at http://127.0.0.1:<free port><prefix>; yields that address (ending in a slash)."""
    folder = Path(folder)
    packed: dict[Path, bytes] = {}
    lock = threading.Lock()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            path = urlparse(path).path
            if not path.startswith(prefix):
                return str(folder / "__outside__")
            return super().translate_path("/" + path[len(prefix):])

        def send_head(self):
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                if not urlparse(self.path).path.endswith("/"):
                    return super().send_head()  # the redirect to the address with its slash
                target = target / "index.html"
            status = 200
            if not target.is_file():
                target, status = folder / "404.html", 404
            body = target.read_bytes()
            headers = {"Content-Type": self.guess_type(str(target))}
            if target.suffix in (".html", ".css", ".js", ".mjs", ".svg", ".xml", ".txt", ".json", ".csv"):
                headers["Content-Type"] = headers["Content-Type"].split(";")[0] + "; charset=utf-8"
            if compress:
                rel = target.relative_to(folder).as_posix()
                headers["Cache-Control"] = ("public, max-age=31536000, immutable" if rel.startswith(LONG_LIVED)
                                            else "public, max-age=3600")
                if target.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                    with lock:
                        if target not in packed:
                            packed[target] = gzip.compress(body, 6)
                    body = packed[target]
                    headers["Content-Encoding"] = "gzip"
                    headers["Vary"] = "Accept-Encoding"
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    httpd.handle_error = lambda request, address: None  # the browser closing a connection early is no news
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def served_path(folder: Path, base: str, url: str) -> Path | None:
    """The file a request of this site's address is answered from, if any."""
    if not url.startswith(base):
        return None
    target = Path(folder) / unquote(urlparse(url).path[len(urlparse(base).path):])
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None
