"""Bodies for what comes in from outside: data subject requests and their tasks,
instructions, authority requests and audits."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from ninja import Schema


class TaskOut(Schema):
    code: UUID
    action: str
    instructions: str
    status: str
    done_at: datetime | None
    evidence: str
    evidence_sha256: str


class DsrIn(Schema):
    kind: str
    requester: str
    details: str
    channel: str
    received_at: datetime | None = None


class DsrOut(Schema):
    code: UUID
    kind: str
    status: str
    requester: str
    details: str
    received_at: datetime
    forward_by: datetime
    forwarded_at: datetime
    answer_due: datetime
    extended_at: datetime | None
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj: Any) -> Any:
        return list(obj.tasks.all())


class TaskIn(Schema):
    action: str
    instructions: str


class TextIn(Schema):
    text: str


class EvidenceIn(Schema):
    evidence: str


class InstructionOut(Schema):
    code: UUID
    text: str
    author_name: str
    given_at: datetime
    source: str
    status: str
    flag_reason: str
    mail_sha256: str


class ResolveIn(Schema):
    confirm: bool
    note: str = ""


class AuthorityIn(Schema):
    authority_kind: str
    authority: str
    legal_basis: str
    description: str
    respond_by: datetime
    gagged: bool = False
    gag_basis: str = ""
    received_at: datetime | None = None


class AuthorityOut(Schema):
    code: UUID
    authority_kind: str
    authority: str
    legal_basis: str
    description: str
    received_at: datetime
    respond_by: datetime
    gagged: bool
    controller_told_at: datetime | None
    objection: str
    disclosed: str
    status: str


class AuditIn(Schema):
    scope: str
    starts_on: date
    ends_on: date
    auditor: str


class AuditOut(Schema):
    code: UUID
    scope: str
    starts_on: date
    ends_on: date
    auditor: str
    status: str
    cost_rule: str
    notice_days: int
    cost_estimate: Decimal | None
    alternative: str
    report_sha256: str
    noncompliance_found: bool | None
    cost_bearer: str


class ScheduleIn(Schema):
    cost_estimate: Decimal | None = None


class AnswerIn(Schema):
    accept: bool
