"""What is due: the open obligations the caller may see, nearest deadline first."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from ninja import Query, Router

from art28.api.pagination import Page, paginate
from art28.api.schemas.obligations import ObligationFilter, ObligationOut
from art28.obligations.access import filtered_controllers
from art28.obligations.collect import due_list
from art28.parties.types import AuthedRequest

router = Router(tags=["obligations"])


@router.get("/obligations", response=Page[ObligationOut])
def obligation_list(request: AuthedRequest, params: Query[ObligationFilter]) -> dict[str, Any]:
    """Every open obligation the caller may see (staff: their clients; a controller's user:
    its own), nearest deadline first, undated ones last."""
    due_before = params.due_before
    if due_before is not None and timezone.is_naive(due_before):
        due_before = timezone.make_aware(due_before)  # read as local time
    controllers = filtered_controllers(request.auth, code=params.controller) if params.controller else None
    rows = due_list(request.auth, controllers=controllers, kind=params.kind or "",
                    due_before=due_before)
    return paginate(rows, params)
