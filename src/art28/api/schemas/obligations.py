"""Bodies for the list of open obligations."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema

from art28.api.pagination import PageParams
from art28.obligations.models import ObligationKind


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
