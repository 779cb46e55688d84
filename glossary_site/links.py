"""Link checks on a built site: every internal href and src resolves to a built file, every
#fragment exists on its target, German and Spanish pages do not leak to English pages that
exist in their language, and (only on request) external links answer.

Each finding names the Markdown source and its line where the link comes from a page's
content, and the built HTML file and line otherwise (theme navigation, switcher, head).
"""

from __future__ import annotations

import bisect
import functools
import html
import json
import re
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from .findings import Finding

URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
}
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass
class Link:
    """A link found in a built page: its target, its line, its tag and its attributes."""

    url: str
    line: int
    tag: str
    hreflang: str = ""
    rel: str = ""


@dataclass
class Page:
    """A built page: the ids it defines and the links it holds."""

    path: str  # relative to the site root, e.g. "de/glossary/gan/index.html"
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?/?>", re.DOTALL)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
SKIPPED_BLOCKS = re.compile(
    r"<!--.*?-->|<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE
)


def parse_page(text: str, path: str) -> Page:
    """Ids and links of one HTML page, with line numbers (a fast scan, not a full parser)."""
    page = Page(path)

    # Blank out comments and the bodies of scripts and styles, keeping offsets (and lines).
    def blank(match: re.Match[str]) -> str:
        inner = match[0]
        head = inner[: inner.index(">") + 1] if inner.startswith(("<script", "<SCRIPT")) else ""
        rest = inner[len(head) :]
        return head + re.sub(r"[^\n]", " ", rest)

    scan = SKIPPED_BLOCKS.sub(blank, text)
    newlines = [i for i, c in enumerate(scan) if c == "\n"]
    for match in TAG.finditer(scan):
        tag = match[1].lower()
        raw = match[2] or ""
        if "id=" not in raw and "name=" not in raw and tag not in URL_ATTRIBUTES:
            continue
        values = {}
        for attr in ATTRIBUTE.finditer(raw):
            value = attr[2] if attr[2] is not None else attr[3] if attr[3] is not None else attr[4]
            values.setdefault(attr[1].lower(), html.unescape(value or ""))
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                page.ids.add(values[key])
        attribute = URL_ATTRIBUTES.get(tag)
        url = values.get(attribute or "", "")
        if not (attribute and url) and not (tag == "img" and values.get("srcset")):
            continue
        line = bisect.bisect_left(newlines, match.start()) + 1
        if tag == "img" and values.get("srcset"):
            for part in values["srcset"].split(","):
                if part.strip():
                    page.links.append(Link(part.split()[0], line, tag))
        if attribute and url:
            page.links.append(
                Link(url, line, tag, values.get("hreflang", ""), values.get("rel", ""))
            )
    return page


def read_site(site: Path) -> dict[str, Page]:
    """Every built HTML page with its ids and links."""
    pages: dict[str, Page] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages[rel] = parse_page(path.read_text(encoding="utf-8", errors="replace"), rel)
    return pages


def _target_file(files: set[str], path: str) -> str | None:
    """The built file a site path points to, relative to the site root, or None."""
    clean = unquote(path).lstrip("/")
    if clean in files:
        return clean
    name = clean.rstrip("/").rsplit("/", 1)[-1]
    if clean.endswith("/") or clean == "" or "." not in name:
        index = f"{clean.rstrip('/')}/index.html".lstrip("/")
        if index in files:
            return index
    return None


@functools.lru_cache(maxsize=65536)
def _resolve(base: str, url: str) -> tuple[str, str]:
    """(path, fragment) of `url` seen from the page at `base`."""
    split = urlsplit(urljoin(base, url))
    return split.path, split.fragment


@dataclass
class Context:
    """What the link checker needs to know about the site and the project."""

    site: Path
    root: Path
    site_path: str  # the path part of site_url, e.g. "/" or "/glossary/"
    site_url: str
    languages: list[str]  # the default language first
    files: set[str] = field(default_factory=set)  # every built file, relative to site

    @property
    def default(self) -> str:
        """The default language, served at the site's root."""
        return self.languages[0]

    def __post_init__(self) -> None:
        if not self.files:
            self.files = {
                p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file()
            }


def page_language(path: str, ctx: Context) -> str:
    """The language of a built page: its first path segment, else the default language."""
    first = path.split("/", 1)[0]
    return first if first in ctx.languages and first != ctx.default else ctx.default


def source_of(page: str, ctx: Context) -> Path | None:
    """The Markdown or notebook file a built page was made from."""
    lang = page_language(page, ctx)
    rel = page[len(lang) + 1 :] if lang != ctx.default else page
    stem = rel[: -len("index.html")].rstrip("/") or "index"
    for base in (stem, f"{stem}/index"):
        for suffix in (".md", ".ipynb"):
            names = (
                [f"{base}.{lang}{suffix}", f"{base}{suffix}"]
                if lang != ctx.default
                else [f"{base}{suffix}"]
            )
            for name in names:
                if (ctx.root / "docs" / name).is_file():
                    return Path("docs") / name
    return None


def _source_line(source: Path | None, url: str, ctx: Context) -> int | None:
    """The line of the source that holds the link, found by its target name or fragment."""
    if source is None:
        return None
    text = (ctx.root / source).read_text(encoding="utf-8").splitlines()
    split = urlsplit(url)
    name = PurePosixPath(split.path.rstrip("/")).name
    needles = []
    if split.fragment:
        needles.append(f"{name}.md#{split.fragment}" if name else f"#{split.fragment}")
        needles.append(f"#{split.fragment}")
    if name:
        needles += [f"{name}.md", f"{name}.ipynb", f"({name}", name]
    for needle in needles:
        for number, line in enumerate(text, start=1):
            if needle in line and ("](" in line or "src=" in line or "href=" in line):
                return number
    return None


def _where(page: str, link: Link, ctx: Context) -> tuple[str, int, str]:
    source = source_of(page, ctx)
    line = _source_line(source, link.url, ctx)
    built = f"{ctx.site.name}/{page}"
    if line is not None and source is not None:
        return str(source), line, f" (built: {built}:{link.line})"
    return built, link.line, ""


def check_internal(pages: dict[str, Page], ctx: Context) -> list[Finding]:
    """Every broken internal link, missing fragment and language leak of the built pages."""
    out: list[Finding] = []
    for page_path, page in pages.items():
        lang = page_language(page_path, ctx)
        base = ctx.site_path + page_path
        for link in page.links:
            url = link.url.strip()
            if url.startswith(SKIPPED_SCHEMES):
                continue
            if url.startswith(ctx.site_url):
                url = ctx.site_path + url[len(ctx.site_url) :]
            elif re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
                continue  # external: only with --external
            path_part, fragment_part = _resolve(base, url)
            if not path_part.startswith(ctx.site_path):
                continue
            site_rel = path_part[len(ctx.site_path) :]
            target = _target_file(ctx.files, site_rel) if site_rel else "index.html"
            if target is None or target not in ctx.files:
                path, line, built = _where(page_path, link, ctx)
                out.append(
                    Finding(
                        path,
                        line,
                        "broken-link",
                        f"'{link.url}' points to /{site_rel}, which the build does not produce"
                        f"{built}; fix the target",
                        lang,
                    )
                )
                continue
            fragment = unquote(fragment_part)
            if fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else set()
                if fragment not in ids:
                    path, line, built = _where(page_path, link, ctx)
                    out.append(
                        Finding(
                            path,
                            line,
                            "missing-fragment",
                            f"'{link.url}': /{site_rel} has no id '{fragment}'{built}; link an "
                            "existing heading id",
                            lang,
                        )
                    )
            if (
                lang != ctx.default
                and link.tag == "a"
                and not link.hreflang
                and page_language(target, ctx) == ctx.default
                and f"{lang}/{target}" in ctx.files
            ):
                path, line, built = _where(page_path, link, ctx)
                out.append(
                    Finding(
                        path,
                        line,
                        "language-leak",
                        f"'{link.url}' leads to the English page /{site_rel} although "
                        f"/{lang}/{site_rel} exists{built}; link the {lang} page",
                        lang,
                    )
                )
    return out


# --- external links --------------------------------------------------------------------------

CACHE_DAYS = 7


@dataclass
class ExternalPolicy:
    """How external links are checked: timeouts, retries and pacing per host."""

    timeout: float = 10.0
    retries: int = 2
    per_host_interval: float = 1.0
    workers: int = 8


class _HostGate:
    """At most one request per host every `interval` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.lock = threading.Lock()
        self.next_slot: dict[str, float] = {}

    def wait(self, host: str) -> None:
        """Wait until `host` may get its next request (one per host per interval)."""
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot.get(host, now))
            self.next_slot[host] = slot + self.interval
        time.sleep(max(0.0, slot - time.monotonic()))


def _probe(url: str, policy: ExternalPolicy, gate: _HostGate) -> tuple[int, str]:
    host = urlsplit(url).hostname or ""
    error = ""
    for attempt in range(policy.retries + 1):
        for method in ("HEAD", "GET"):
            gate.wait(host)
            request = urllib.request.Request(
                url, method=method, headers={"User-Agent": "site-link-check/1.0"}
            )
            try:
                with urllib.request.urlopen(request, timeout=policy.timeout) as response:
                    return response.status, ""
            except urllib.error.HTTPError as exc:
                if exc.code in (405, 403, 501) and method == "HEAD":
                    continue  # some servers refuse HEAD: try GET
                if exc.code < 500 and exc.code != 429:
                    return exc.code, exc.reason or ""
                error = f"HTTP {exc.code}"
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                error = str(getattr(exc, "reason", exc))
            break
        time.sleep(min(4.0, 0.5 * 2**attempt))
    return 0, error


def check_external(
    pages: dict[str, Page],
    ctx: Context,
    cache_file: Path,
    policy: ExternalPolicy | None = None,
    now: float | None = None,
) -> list[Finding]:
    """Check every external http(s) URL once, with a cache, timeouts, retries and a per-host
    rate limit; report each failing URL at every place it is used."""
    policy = policy or ExternalPolicy()
    now = time.time() if now is None else now
    uses: dict[str, list[tuple[str, Link]]] = {}
    for page_path, page in pages.items():
        for link in page.links:
            if link.url.startswith(("http://", "https://")) and not link.url.startswith(
                ctx.site_url
            ):
                uses.setdefault(link.url.split("#")[0], []).append((page_path, link))
    cache: dict[str, dict] = {}
    if cache_file.exists():
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    fresh = {
        url: entry
        for url, entry in cache.items()
        if now - entry.get("checked", 0) < CACHE_DAYS * 86400
        and 200 <= entry.get("status", 0) < 400
    }
    todo = [url for url in uses if url not in fresh]
    gate = _HostGate(policy.per_host_interval)
    with ThreadPoolExecutor(max_workers=policy.workers) as pool:
        results = pool.map(lambda u: _probe(u, policy, gate), todo)
        for url, (status, error) in zip(todo, results, strict=True):
            fresh[url] = {"status": status, "error": error, "checked": now}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(fresh, indent=1, sort_keys=True), encoding="utf-8")
    out = []
    for url, places in uses.items():
        entry = fresh[url]
        if 200 <= entry["status"] < 400:
            continue
        reason = f"HTTP {entry['status']}" if entry["status"] else entry["error"] or "no answer"
        for page_path, link in places:
            path, line, built = _where(page_path, link, ctx)
            out.append(
                Finding(
                    path,
                    line,
                    "external-link",
                    f"'{url}' fails ({reason}){built}; fix or remove the link",
                    page_language(page_path, ctx),
                )
            )
    return out
