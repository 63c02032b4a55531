"""Pagination shared by every app's list pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

PAGE_SIZE = 25


def keyed_slice(qs: QuerySet[Any], start: int, stop: int) -> list[Any]:
    """``list(qs[start:stop])`` in two queries: the keys alone are sorted and cut (not every
    selected column of every joined row: sorting 10,000 wide rows to keep 20 was what made
    the long lists slow), then only those rows are read, with their related rows. The second
    query's ``IN`` list holds one page, whatever the number of rows. A queryset whose rows
    are not its model's (values, distinct, annotations, unions) is sliced as it is."""
    query = qs.query
    if query.distinct or query.combinator or query.values_select or query.annotations or query.extra:
        return list(qs[start:stop])
    keys = list(qs.values_list("pk", flat=True)[start:stop])
    # Read by key alone: the filters already chose these rows (repeating them here made the
    # database evaluate their subqueries again for a page of 50).
    page = qs.model._base_manager.filter(pk__in=keys).order_by()
    page.query.select_related = query.select_related
    page.query.deferred_loading = query.deferred_loading
    page = page.prefetch_related(*qs._prefetch_related_lookups)  # type: ignore[attr-defined]
    rows = {row.pk: row for row in page}
    return [rows[k] for k in keys if k in rows]


def page_of(request: HttpRequest, items: Any, size: int = PAGE_SIZE, *, param: str = "page",
            count: int | None = None) -> Page:
    """One page of ``items``, its number read from the query parameter ``param``.

    A page with several lists gives each its own ``param`` (``core/_section_pager.html`` links
    them, keeping the other lists' pages and the filters). ``count``, when the caller counted
    ``items`` already, saves counting them again.
    """
    paginator = Paginator(items, size)
    if count is not None:
        paginator.count = count  # a cached_property: the value given stands in for a COUNT query
    page = paginator.get_page(request.GET.get(param))
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


@dataclass
class KeysetPage:
    """A page of a list read newest first from a unique increasing integer ``key``: no count
    and no offset, so the page costs the same at any depth of any size of list.
    ``newer_query``/``older_query`` are the query strings of the pages beside it (None: none)."""

    object_list: list[Any]
    newer_query: QueryDict | None
    older_query: QueryDict | None


def keyset_page(request: HttpRequest, items: QuerySet[Any], size: int = PAGE_SIZE, *,
                key: str = "seq") -> KeysetPage:
    """The ``size`` items before ``?before=`` (older) or after ``?after=`` (newer), newest first;
    neither: the newest. ``items`` is filtered, not ordered; an index on its filter and ``key``
    makes each page a seek."""
    before, after = _number(request.GET.get("before")), _number(request.GET.get("after"))
    if after is not None:
        rows = list(items.filter(**{f"{key}__gt": after}).order_by(key)[:size + 1])
        has_newer, rows = len(rows) > size, rows[:size][::-1]
        has_older = items.filter(**{f"{key}__lte": after}).exists()
    else:
        newest = items.order_by(f"-{key}")
        if before is not None:
            newest = newest.filter(**{f"{key}__lt": before})
        rows = list(newest[:size + 1])
        has_older, rows = len(rows) > size, rows[:size]
        has_newer = before is not None and items.filter(**{f"{key}__gte": before}).exists()
    first, last = (getattr(rows[0], key), getattr(rows[-1], key)) if rows else (None, None)
    return KeysetPage(
        object_list=rows,
        newer_query=_keyset(request, "after", first) if has_newer and rows else None,
        older_query=_keyset(request, "before", last) if has_older and rows else None)


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() and len(value) < 19 else None


def _keyset(request: HttpRequest, param: str, value: int | None) -> QueryDict:
    query = request.GET.copy()
    for old in ("before", "after"):
        query.pop(old, None)
    query[param] = str(value)
    return query
