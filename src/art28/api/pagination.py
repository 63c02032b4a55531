"""Page-number pagination: ``?page=&page_size=`` (at most 100) → ``{items, count, page, pages}``,
of a QuerySet or of a list already built."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

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


def paginate(qs: QuerySet[Any] | Sequence[Any], params: PageParams, *,
             keys_first: bool = False) -> dict[str, Any]:
    """One page of ``qs``. ``keys_first``: sort only the primary keys, then read the page's
    rows by key (at most ``MAX_PAGE_SIZE``), for a list of wide rows joined over several
    tables, where the database would otherwise sort every row with all its columns."""
    count = qs.count() if isinstance(qs, QuerySet) else len(qs)
    start = (params.page - 1) * params.page_size
    # A page past the end is empty; asking the database for it would overflow its integers.
    if start >= count:
        items: list[Any] = []
    elif keys_first and isinstance(qs, QuerySet):
        keys = list(qs.values_list("pk", flat=True)[start:start + params.page_size])
        rows = {row.pk: row for row in qs.filter(pk__in=keys)}
        items = [rows[k] for k in keys if k in rows]
    else:
        items = list(qs[start:start + params.page_size])
    return {"items": items, "count": count,
            "page": params.page, "pages": math.ceil(count / params.page_size)}
