"""The one search box on clients: what a privacy officer types to find a controller or an
agreement (a name, a reference, a KvK number) as one condition, whatever the list."""

from __future__ import annotations

import re

from django.db.models import Q

# What people type inside a KvK number: "1234 5678", "1234.5678", "1234-5678".
_KVK_SEPARATORS = re.compile(r"[\s.\-]")


def _at(path: str, field: str) -> str:
    return f"{path}__{field}" if path else field


def client_search(q: str, *, controller: str, agreement: str | None = None) -> Q:
    """Rows whose controller (at ``controller``, a lookup path such as
    ``agreement__controller``; ``""`` for the controller itself) has ``q`` in its name or a
    KvK number starting with ``q``'s digits, or, given ``agreement`` (its path, ``""`` for
    the agreement itself), whose agreement's reference contains ``q``.

    Case does not matter; spaces, dots and dashes inside a KvK number are ignored. A blank
    ``q`` gives no condition. The conditions are joins on the row's own controller and
    agreement, never a list of ids, so they cost the same at any number of clients.
    """
    q = q.strip()
    if not q:
        return Q()
    condition = Q(**{_at(controller, "name__icontains"): q})
    digits = _KVK_SEPARATORS.sub("", q)
    if digits.isdigit():  # a KvK number has only digits: other text can never match one
        condition |= Q(**{_at(controller, "kvk__startswith"): digits})
    if agreement is not None:
        condition |= Q(**{_at(agreement, "reference__icontains"): q})
    return condition
