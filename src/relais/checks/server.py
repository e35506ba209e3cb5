"""A tiny threaded static server for a built site, on 127.0.0.1 only.

It serves OUTPUT_DIR under SITEURL's path prefix (a project site built for
https://user.github.io/repo is served at http://127.0.0.1:PORT/repo/), the way GitHub
Pages would: folders serve index.html, a folder without its trailing slash redirects,
a missing file gets 404.html with status 404, text is gzip-compressed when asked.

It also works as an HTTP proxy for one origin, which is how Lighthouse (which cannot
rewrite requests) sees a site built with SITEURL = http://127.0.0.1:8000 without
binding that port: Chromium is started with --proxy-server pointing here, requests for
SITEURL are served from OUTPUT_DIR and every other request is refused and recorded.

    python -m relais.checks.server output --siteurl https://user.github.io/repo [--port 8765]
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from relais.checks.site import Site

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "image/svg+xml",
    "application/manifest+json",
)


def content_type(path: Path) -> str:
    return (
        TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


@lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    # Many parallel requests from a browser on a slow CI box: don't drop connections.
    request_queue_size = 64

    def __init__(self, site: Site, port: int = 0):
        self.site = site
        self.blocked: list[str] = []
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request, client_address):
        # Browsers drop connections they no longer need (Lighthouse does so between
        # runs): that is not a site problem worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """Where the site root is served locally, ending with '/'."""
        return f"{self.origin}{self.site.prefix}/"

    def local_url(self, url: str) -> str | None:
        """The local URL serving a SITEURL (or already local) URL; None for anything else."""
        for base in (self.site.base_url, self.base_url):
            if url.startswith(base):
                return self.base_url + url[len(base) :]
            if url == base.rstrip("/"):
                return self.base_url
        if url.startswith(self.origin + "/"):
            return url  # local but outside the prefix: the server answers 404 itself
        return None

    def record_blocked(self, url: str) -> None:
        with self._lock:
            self.blocked.append(url)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # a browser makes hundreds of requests; the gates report what matters

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_CONNECT(self) -> None:
        # https through the proxy: we cannot serve TLS, and nothing external is allowed.
        self.server.record_blocked(f"https://{self.path}")
        self._send(403, b"blocked: offline checks", "text/plain; charset=utf-8")

    def _serve(self, send_body: bool) -> None:
        path = self._site_path()
        if path is None:
            self._send(403, b"blocked: offline checks", "text/plain; charset=utf-8", send_body)
            return
        site = self.server.site
        if site.prefix and path != site.prefix and not path.startswith(site.prefix + "/"):
            self._not_found(send_body)
            return
        rel = unquote(path[len(site.prefix) :]).lstrip("/")
        if ".." in rel.split("/"):
            self._not_found(send_body)
            return
        file = site.output / rel
        if file.is_dir():
            if rel and not path.endswith("/"):
                self._redirect(path + "/")
                return
            file = file / "index.html"
        if not file.is_file():
            self._not_found(send_body)
            return
        self._send_file(200, file, send_body)

    def _site_path(self) -> str | None:
        """The URL path asked for, or None if the request is for another origin."""
        target = self.path
        if target.startswith(("http://", "https://")):  # proxy request: absolute URL
            parts = urlsplit(target)
            if f"{parts.scheme}://{parts.netloc}".lower() != self.server.site.origin.lower():
                self.server.record_blocked(target)
                return None
            return parts.path or "/"
        return urlsplit(target).path or "/"

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", quote(location, safe="/%"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, send_body: bool) -> None:
        page = self.server.site.output / "404.html"
        if page.is_file():
            self._send_file(404, page, send_body)
        else:
            self._send(404, b"not found", "text/plain; charset=utf-8", send_body)

    def _send_file(self, status: int, file: Path, send_body: bool) -> None:
        kind = content_type(file)
        gzip_it = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        body = _gzipped(file, file.stat().st_mtime_ns) if gzip_it else file.read_bytes()
        self._send(status, body, kind, send_body, gzip_it)

    def _send(
        self,
        status: int,
        body: bytes,
        kind: str,
        send_body: bool = True,
        gzipped: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        # What GitHub Pages sends, so Lighthouse's caching audits see production headers.
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


@contextmanager
def serve(site: Site, port: int = 0) -> Iterator[SiteServer]:
    """Serve `site` on 127.0.0.1 (a free port unless `port` is given) while in the block."""
    server = SiteServer(site, port)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m relais.checks.server",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", type=Path)
    parser.add_argument("--siteurl", default="")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with serve(Site(args.output, args.siteurl), args.port) as server:
        print(f"serving {args.output} at {server.base_url} (Ctrl-C to stop)", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
