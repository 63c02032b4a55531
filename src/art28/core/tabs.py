"""Tabs of one object's page: server-rendered links, the open one marked with ``aria-current``.

A tab is either a section of the page itself (``?tab=key``; the first tab is the page's plain
address) or another page of the same object (its own URL). No script: the CSP forbids inline
script, and a link works everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url: str
    current: bool


def page_tabs(
    request: HttpRequest,
    *,
    url: str,
    sections: Sequence[tuple[str, str]],
    pages: Sequence[tuple[str, str, str]] = (),
    current: str | None = None,
) -> tuple[list[Tab], str]:
    """The tabs of a page at ``url`` and the key of the open one.

    ``sections`` are ``(key, label)`` pairs shown on this page through ``?tab=key``; ``pages``
    are ``(key, label, url)`` of other pages of the object. ``current`` names the open tab on
    such another page; on this page the open tab is ``?tab=`` when known, else the first.
    """
    keys = [key for key, _label in sections]
    if current is None:
        asked = request.GET.get("tab", "")
        current = asked if asked in keys else keys[0]
    tabs = [
        Tab(key, str(label), url if i == 0 else f"{url}?tab={key}", key == current)
        for i, (key, label) in enumerate(sections)
    ]
    tabs += [Tab(key, str(label), link, key == current) for key, label, link in pages]
    return tabs, current
