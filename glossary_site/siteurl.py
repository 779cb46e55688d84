"""The site's address: embed snippets, canonical links, hreflang and the sitemap are built from
site_url, so a published build must not point them at this machine.

A build for publishing (the glossary option `publish`, set by PUBLISH=true in the deploy
workflow) whose site_url is a loopback address fails with a message that says what to set. A
local build says once, in its log, that its absolute URLs point to the local server.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.glossary")
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(url: str | None) -> bool:
    """True for a missing site_url and for one whose host is this machine."""
    host = (urlsplit(url or "").hostname or "").lower()
    if not host or host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check(url: str | None, publish: bool) -> None:
    """Fail a build for publishing on a loopback site_url; tell a local build once."""
    if not is_loopback(url):
        return
    shown = url or "(not set)"
    if publish:
        raise PluginError(
            f"mkdocs.yml: error: site_url is {shown}, an address of this machine, in a build "
            "for publishing (PUBLISH=true): embed snippets, canonical links and the sitemap "
            "would point readers to it. Set SITE_URL to the site's public address, e.g. "
            "SITE_URL=https://<owner>.github.io/<repository>/ (the deploy workflow takes it "
            "from the repository's Pages configuration)"
        )
    log.info(
        "site_url is %s: embed snippets, canonical links and the sitemap point to the local "
        "server; set SITE_URL for a build that others will read",
        shown,
    )
