"""External link checking (only with --external): cache, retries, per-host rate limit."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

from glossary_site import links as link_check


class Handler(http.server.BaseHTTPRequestHandler):
    def __init__(self, *args: object, hits: list[str], **kwargs: object) -> None:
        self.hits = hits
        super().__init__(*args, **kwargs)

    def do_HEAD(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


def test_external_links_are_checked_once_and_cached(tmp_path: Path) -> None:
    hits: list[str] = []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, hits=hits)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        f'<a href="http://127.0.0.1:{port}/ok">ok</a>\n<a href="http://127.0.0.1:{port}/gone">x</a>'
    )
    (site / "a" / "index.html").write_text(f'<a href="http://127.0.0.1:{port}/gone#x">x</a>')
    ctx = link_check.Context(site, tmp_path, "/", "https://example.org/", ["en"])
    pages = link_check.read_site(site)
    policy = link_check.ExternalPolicy(timeout=2, retries=1, per_host_interval=0.01)
    cache = tmp_path / "cache.json"
    try:
        found = link_check.check_external(pages, ctx, cache, policy, now=1000.0)
        assert sorted((f.path, f.line, f.message) for f in found) == [
            (
                "site/a/index.html",
                1,
                f"'http://127.0.0.1:{port}/gone' fails (HTTP 404); fix or remove the link",
            ),
            (
                "site/index.html",
                2,
                f"'http://127.0.0.1:{port}/gone' fails (HTTP 404); fix or remove the link",
            ),
        ]
        assert sorted(hits) == ["/gone", "/ok"]  # one request per URL, fragments ignored
        assert json.loads(cache.read_text())[f"http://127.0.0.1:{port}/ok"]["status"] == 200
        hits.clear()
        again = link_check.check_external(pages, ctx, cache, policy, now=2000.0)
        assert hits == ["/gone"]  # the working URL comes from the cache; failures are retried
        assert len(again) == 2
    finally:
        server.shutdown()
        server.server_close()
