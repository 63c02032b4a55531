"""Bodies for the security-measure catalogue."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema


class MeasureIn(Schema):
    kind: str
    text: str


class MeasuresIn(Schema):
    measures: list[MeasureIn]
    summary: str
    substantial: bool = False


class MeasuresOut(Schema):
    code: UUID
    number: int
    measures: list[dict[str, str]]
    summary: str
    substantial: bool
    agreements_updated: int
    controllers_notified: int
    created_at: datetime
