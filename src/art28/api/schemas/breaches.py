"""Bodies for breaches: incident facts, affected agreements, notices and their previews, the
controller's clock and its ENISA severity assessment."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from art28.api.pagination import PageParams
from art28.breaches.models import AffectedAgreement, Incident, IncidentNotice, Stage


class Facts(Schema):
    """Facts of an incident; every one optional so that an incident can be completed in phases."""

    title: str | None = None
    aware_at: datetime | None = Field(None, description="When we became aware; starts every clock.")
    occurred_at: datetime | None = None
    ended_at: datetime | None = None
    subprocessor_aware_at: datetime | None = None
    subprocessor_reported_at: datetime | None = None
    discovery: str | None = None
    confidentiality: bool | None = None
    integrity: bool | None = None
    availability: bool | None = None
    malicious: bool | None = None
    description: str | None = None
    systems: list[str] | None = None
    services: list[str] | None = None
    data_categories: list[str] | None = None
    subject_categories: list[str] | None = None
    subjects_approx: int | None = None
    records_approx: int | None = None
    encrypted: bool | None = None
    cross_border: bool | None = None
    consequences: str | None = None
    measures_taken: str | None = None
    measures_proposed: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    subprocessors: list[UUID] | None = Field(None, description="Codes of the sub-processors involved.")


class AffectedOut(Schema):
    code: UUID
    agreement: UUID = Field(alias="agreement.code")
    reference: str = Field(alias="agreement.reference")
    controller: UUID = Field(alias="agreement.controller.code")
    controller_name: str = Field(alias="agreement.controller.name")
    included: bool
    reasons: list[str]
    exclusion_reason: str = Field(description="Why staff left this agreement out (empty when included).")
    notice_hours: int
    hours_source: str
    required_content: list[str]
    language: str
    deadline: datetime
    notified_at: datetime | None
    overdue: bool
    seconds_left: float

    @staticmethod
    def resolve_reasons(obj: AffectedAgreement) -> list[str]:
        return obj.reason_texts

    @staticmethod
    def resolve_overdue(obj: AffectedAgreement) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_seconds_left(obj: AffectedAgreement) -> float:
        return round(obj.time_left(), 1)


class IncidentOut(Schema):
    code: UUID
    reference: str
    title: str
    status: str
    decision: str
    decision_reasoning: str
    aware_at: datetime
    occurred_at: datetime | None
    ended_at: datetime | None
    subprocessor_aware_at: datetime | None
    subprocessor_reported_at: datetime | None
    discovery: str
    nature: list[str]
    malicious: bool
    description: str
    systems: list[str]
    services: list[str]
    subprocessors: list[str]
    data_categories: list[str]
    subject_categories: list[str]
    subjects_approx: int | None
    records_approx: int | None
    encrypted: bool
    cross_border: bool
    consequences: str
    measures_taken: str
    measures_proposed: str
    contact_name: str
    contact_email: str
    contact_phone: str
    created_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_subprocessors(obj: Incident) -> list[str]:
        return [str(s.code) for s in obj.subprocessors.all()]


class IncidentFilter(PageParams):
    status: Literal["open", "closed"] | None = None
    controller: UUID | None = Field(None, description="Only incidents touching this controller.")


class AdjustIn(Schema):
    include: list[UUID] = Field(default_factory=list, description="Affected codes to keep in.")
    exclude: list[UUID] = Field(default_factory=list, description=(
        "Affected codes to leave out. Each needs a reason: in `reasons`, else `reason`, else the "
        "one stored when the row was left out before; without one nothing changes (400)."))
    reason: str = Field("", max_length=2000, description="Why the `exclude` codes are left out.")
    reasons: dict[UUID, str] = Field(default_factory=dict, description="A reason per excluded code.")
    add: list[UUID] = Field(default_factory=list, description="Agreement codes to add by hand.")


class NoticeIn(Schema):
    stage: Stage
    message: str = ""
    affected: list[UUID] | None = Field(None, description="Only these affected agreements (default: all).")
    expected: int | None = Field(None, ge=0, le=10_000_000, description=(
        "The number of controllers confirmed from `POST /breaches/{code}/notices/preview`; when "
        "the list has changed since, nothing is sent (422). Optional, for compatibility."))


class MessageOut(Schema):
    language: str
    required_content: list[str]
    subject: str
    text: str
    controllers: int = Field(description="How many controllers get this variant.")
    example: str = Field(description="The controller the text was rendered for.")


class LeftOutOut(Schema):
    controller: str
    agreement: str
    reason: str


class NoticePreviewOut(Schema):
    stage: str
    controllers: int
    recipients: int = Field(description="Distinct e-mail addresses.")
    without_recipient: list[str] = Field(description="Controllers with no e-mail recipient (portal only).")
    messages: list[MessageOut]
    left_out: list[LeftOutOut]


class ReasoningIn(Schema):
    reasoning: str


class NoticeOut(Schema):
    code: UUID
    incident: str = Field(alias="affected.incident.reference")
    affected: UUID = Field(alias="affected.code")
    controller: UUID = Field(alias="affected.agreement.controller.code")
    stage: str
    number: int
    subject: str = Field(alias="notice.subject")
    language: str = Field(alias="notice.language")
    facts: dict[str, Any]
    message: str
    created_at: datetime
    deadline: datetime = Field(alias="affected.deadline")
    acknowledged_at: datetime | None = Field(alias="notice.acknowledged_at")
    late: bool
    deliveries: list[dict[str, Any]]

    @staticmethod
    def resolve_late(obj: IncidentNotice) -> bool:
        return obj.is_late()

    @staticmethod
    def resolve_deliveries(obj: IncidentNotice) -> list[dict[str, Any]]:
        return [{"channel": d.channel, "recipient": d.recipient, "status": d.status,
                 "attempts": d.attempts, "sent_at": d.sent_at} for d in obj.notice.deliveries.all()]


class ClockOut(Schema):
    started_at: datetime
    deadline: datetime
    seconds_left: float
    overdue: bool


class SeverityIn(Schema):
    dpc: Decimal
    dpc_reason: str
    ei: Decimal
    ei_reason: str
    cb: Decimal
    cb_reason: str
