"""Bodies for the end of an agreement: termination, return or destruction, the certificate."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from ninja import Schema


class TerminateIn(Schema):
    reason: str
    note: str = ""


class DestructionIn(Schema):
    target_kind: str
    target: str
    method: str


class ChoiceIn(Schema):
    choice: str


class EstimateIn(Schema):
    amount: Decimal


class RetentionItem(Schema):
    data: str
    basis: str
    until: str = ""


class RetentionIn(Schema):
    items: list[RetentionItem]


class ReturnedOut(Schema):
    code: UUID
    name: str
    sha256: str
    size: int


class DestructionOut(Schema):
    target_kind: str
    target: str
    method: str
    confirmed_at: datetime


class TerminationOut(Schema):
    code: UUID
    reason: str
    ended_at: datetime
    complete_by: datetime
    choice: str
    choice_fixed: bool
    controller_pays: bool
    cost_estimate: Decimal | None
    retention: list[dict[str, str]]
    surviving: list[str]
    status: str
    certificate_sha256: str
    returned: list[ReturnedOut]
    destructions: list[DestructionOut]

    @staticmethod
    def resolve_returned(obj: Any) -> Any:
        return list(obj.returned.all())

    @staticmethod
    def resolve_destructions(obj: Any) -> Any:
        return list(obj.destructions.all())
