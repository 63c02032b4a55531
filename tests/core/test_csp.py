"""Every response carries the Content-Security-Policy, and no page needs what it forbids.

The crawl walks the demo world as an anonymous visitor, the processor's admin, its staff
member and a controller's user, following every link on every page it reaches.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

from art28.core.middleware import POLICY

pytestmark = pytest.mark.django_db

SKIP = ("/static/", "/admin/", "/i18n/")


class _Page(HTMLParser):
    """Links, and everything the policy refuses: inline script, handlers, style, foreign sources."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.offences: list[str] = []
        self._script_open = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        named = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on") or name == "style" or name.startswith("hx-on"):
                self.offences.append(f"<{tag} {name}=…>")
        for name in ("src", "href"):
            value = named.get(name) or ""
            if tag in ("script", "link", "img", "iframe") and re.match(r"(https?:)?//", value):
                self.offences.append(f"<{tag} {name}={value}>")
        if tag == "script":
            self._script_open = "src" not in named and named.get("type") != "application/json"
        if tag == "style":
            self.offences.append("<style>")
        if tag == "a" and named.get("href"):
            self.links.append(named["href"])

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._script_open and data.strip():
            self.offences.append(f"inline <script>{data.strip()[:40]}")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "script":
            self._script_open = False


def _crawl(client, start: list[str], limit: int = 400) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.headers.get("Content-Security-Policy") == POLICY, url
        seen[url] = []
        if response.has_header("Location"):
            queue.append(response["Location"])
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        seen[url] = page.offences
        for href in page.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith(SKIP):
                continue
            if href not in seen:
                queue.append(href)
    return seen


@pytest.fixture
def demo_world(settings, tmp_path):
    from art28.ops import demo

    demo.load()


def _user(username: str):
    from django.contrib.auth.models import User

    return User.objects.get(username=username)


@pytest.mark.parametrize("username,start", [
    (None, ["/login/", "/api/v1/docs", "/api/v1/openapi.json", "/no-such-page/"]),
    ("admin", ["/", "/api/v1/docs"]),
    ("staff", ["/"]),
    ("sanne", ["/"]),
])
def test_it_sends_the_policy_on_every_page_and_no_page_breaks_it(client, login, demo_world,
                                                                   username, start):
    if username:
        login(client, _user(username))
    seen = _crawl(client, start)
    offences = {url: found for url, found in seen.items() if found}
    assert offences == {}
    assert len(seen) >= len(start)
    if username in ("admin", "sanne"):
        assert len(seen) > 10  # the crawl really went through the console or the portal


def test_it_serves_the_api_docs_from_the_package(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "/static/ninja/swagger-ui.css" in page
    assert "cdn" not in page.lower()


def test_it_serves_htmx_from_the_package(client):
    page = client.get("/login/").content.decode()
    assert '<script src="/static/core/htmx.min.js" defer>' in page


def test_the_policy_allows_no_inline_script_or_style():
    directives = dict(d.split(" ", 1) for d in POLICY.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
