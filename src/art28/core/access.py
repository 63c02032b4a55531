"""The base of every app's access helpers: get or 404, write or 403.

An app's ``access.py`` builds the queryset of what a user may see (tenant isolation and
need-to-know live there) and hands it to these functions, so an outsider gets 404, never a
403 that would confirm the object exists, and a read-only member who tries to write gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one row of ``queryset`` matching ``lookup``; 404 when there is none or the value is malformed."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404 from None


def object_for(queryset: QuerySet[M], code: Any, *, write: bool = False,
               may_write: Callable[[M], bool]) -> M:
    """The object with ``code`` among ``queryset`` (what the user may see), else 404.

    With ``write``, 403 unless ``may_write(obj)``; it is asked only after the lookup, so an
    outsider still gets 404.
    """
    obj = get_or_404(queryset, code=code)
    if write and not may_write(obj):
        raise PermissionDenied
    return obj
