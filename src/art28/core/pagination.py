"""Pagination shared by every app's list pages."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

PAGE_SIZE = 25


def page_of(request: HttpRequest, items: Any, size: int = PAGE_SIZE, *, param: str = "page") -> Page:
    """One page of ``items``, its number read from the query parameter ``param``.

    A page with several lists gives each its own ``param`` (``core/_section_pager.html`` links
    them, keeping the other lists' pages and the filters).
    """
    page = Paginator(items, size).get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]
    page.previous_query = _with(request, param, page.previous_page_number() if page.has_previous() else None)  # type: ignore[attr-defined]
    page.next_query = _with(request, param, page.next_page_number() if page.has_next() else None)  # type: ignore[attr-defined]
    return page


def _with(request: HttpRequest, param: str, number: int | None) -> QueryDict | None:
    """The query string of this request with ``param`` set to ``number`` (None: no such page)."""
    if number is None:
        return None
    query = request.GET.copy()
    query[param] = str(number)
    return query
