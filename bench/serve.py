"""A static file server for the benchmark that compresses text as real hosts do.

GitHub Pages, Netlify and nginx with `gzip on` send HTML, CSS, JS, JSON and SVG gzip-compressed;
Python's http.server does not, which would make every page look 3 to 5 times heavier than a
reader's phone receives. Both this book and the baseline are served by this same server.

    python bench/serve.py DIRECTORY [PORT]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map", ".ico", ".ttf", ".eot"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    _cache: dict[Path, tuple[float, bytes]] = {}

    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self._compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    @classmethod
    def _compressed(cls, path: Path) -> bytes:
        mtime = path.stat().st_mtime
        cached = cls._cache.get(path)
        if cached is None or cached[0] != mtime:
            cached = (mtime, gzip.compress(path.read_bytes(), 6))
            cls._cache[path] = cached
        return cached[1]


class _Body:
    """What send_head returns: something copyfile() can read and close."""

    def __init__(self, data: bytes):
        self.data, self.done = data, False

    def read(self, size=-1):
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self):
        pass


def start(directory: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` in a background thread; returns the server and its base URL."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


if __name__ == "__main__":
    server, url = start(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} at {url} (gzip)")
    threading.Event().wait()
