"""The "what is due" list as the staff and portal home pages show it: filters, page, timeline."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest

from art28.core.pagination import page_of
from art28.obligations.access import assignees, filtered_controllers
from art28.obligations.collect import due_list, kinds_for
from art28.obligations.display import as_rows
from art28.obligations.timeline import list_timeline


def obligations_context(request: HttpRequest, *, filters: bool = True) -> dict[str, Any]:
    """Template context of the list: ``q`` (controller search), ``kind``, ``assignee``, ``page``."""
    user = request.user
    kinds = kinds_for(user)
    q = request.GET.get("q", "").strip()[:100] if filters else ""
    kind = request.GET.get("kind", "") if filters else ""
    kind = kind if kind in dict(kinds) else ""
    people = assignees(user) if filters else []
    assignee = request.GET.get("assignee", "") if filters else ""
    assignee = assignee if assignee in dict(people) else ""
    # The search is matched on each row's controller, the assignee as the set of their controllers.
    rows = due_list(user, kind=kind, q=q, controllers=filtered_controllers(user, assignee=assignee))
    extra = urlencode({k: v for k, v in (("kind", kind), ("assignee", assignee)) if v})
    # The portal home pages its agreements with ?page=; its own short list shows one page.
    page = page_of(request, rows) if filters else Paginator(rows, 50).get_page(1)
    page.object_list = as_rows(list(page.object_list))  # only the shown page is formatted
    return {"due_page": page, "due_timeline": list_timeline(rows),
            "due_kinds": kinds, "due_kind": kind, "due_people": people, "due_assignee": assignee,
            "q": q, "extra": extra, "due_filters": filters}
