"""What is due: the open obligations the caller may see, nearest deadline first."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any
from uuid import UUID

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from art28.api.pagination import Page, PageParams
from art28.obligations.access import filtered_controllers
from art28.obligations.collect import open_obligations
from art28.obligations.models import ObligationKind
from art28.parties.types import AuthedRequest

router = Router(tags=["obligations"])


class ObligationFilter(PageParams):
    controller: UUID | None = Field(None, description="Only this controller's obligations.")
    kind: ObligationKind | None = Field(None, description="Only this kind.")
    due_before: datetime | None = Field(None, description="Only those due before this moment.")


class ObligationOut(Schema):
    kind: str
    kind_label: str
    what: str
    controller: str
    controller_code: UUID | None
    due: datetime | None
    url: str


@router.get("/obligations", response=Page[ObligationOut])
def obligation_list(request: AuthedRequest, params: Query[ObligationFilter]) -> dict[str, Any]:
    """Every open obligation the caller may see (staff: their clients; a controller's user:
    its own), nearest deadline first, undated ones last."""
    due_before = params.due_before
    if due_before is not None and timezone.is_naive(due_before):
        due_before = timezone.make_aware(due_before)  # read as local time
    controllers = filtered_controllers(request.auth, code=params.controller) if params.controller else None
    rows = open_obligations(request.auth, controllers=controllers, kind=params.kind or "",
                            due_before=due_before)
    start = (params.page - 1) * params.page_size
    return {"items": rows[start:start + params.page_size], "count": len(rows), "page": params.page,
            "pages": math.ceil(len(rows) / params.page_size)}
