"""Bodies for the security-measure catalogue."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema


class MeasureIn(Schema):
    kind: str
    text: str = Field("", description="The text when only one is given: taken as the Dutch text")
    text_nl: str | None = Field(None, description="The measure in Dutch")
    text_en: str | None = Field(None, description="The measure in English")


class MeasuresIn(Schema):
    measures: list[MeasureIn]
    summary: str
    substantial: bool = False


class MeasuresOut(Schema):
    code: UUID
    number: int
    measures: list[dict[str, str | None]]
    summary: str
    substantial: bool
    agreements_updated: int
    controllers_notified: int
    created_at: datetime
