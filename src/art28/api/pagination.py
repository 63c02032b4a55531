"""Page-number pagination: ``?page=&page_size=`` (at most 100) → ``{items, count, page, pages}``,
of a QuerySet or of a list already built."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

from art28.core.pagination import keyed_slice

T = TypeVar("T")
MAX_PAGE_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class Page(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    pages: int


def paginate(qs: QuerySet[Any] | Sequence[Any], params: PageParams, *, keyed: bool = False) -> dict[str, Any]:
    """One page of ``qs``. ``keyed``: the page's keys are sorted and cut first, then only its
    rows read (``core.pagination.keyed_slice``): for long lists of wide joined rows."""
    count = qs.count() if isinstance(qs, QuerySet) else len(qs)
    start = (params.page - 1) * params.page_size
    stop = start + params.page_size
    # A page past the end is empty; asking the database for it would overflow its integers.
    if start >= count:
        items: list[Any] = []
    elif keyed and isinstance(qs, QuerySet):
        items = keyed_slice(qs, start, stop)
    else:
        items = list(qs[start:stop])
    return {"items": items, "count": count,
            "page": params.page, "pages": math.ceil(count / params.page_size)}
