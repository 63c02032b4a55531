"""Bodies for sub-processors: the register, transfers, flow-down, changes with their previews
and plans, and the per-agreement clocks with their answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from art28.api.pagination import PageParams
from art28.subprocessors.models import ChangeKind, ClockStatus, TransferMechanism
from art28.terms.schema import DpaTerms


class SubprocessorIn(Schema):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2")
    service: str = Field(description="The service or role, in Dutch")
    service_en: str = Field("", description="The service or role, in English")
    address: str = ""
    data_categories: list[str] = []
    locations: list[str] = Field([], description="ISO codes of the processing locations")
    transfer_mechanism: TransferMechanism = TransferMechanism.NONE
    dpf_certified: bool = False
    safeguard_note: str = ""
    scope_all: bool = True
    terms: DpaTerms | None = Field(
        None, description="What the sub-processor promises us (its own agreement)."
    )
    named_in_agreements: bool = Field(
        False, description="Already in Annex IV of the agreements: authorised now."
    )
    agreements: list[UUID] | None = None


class SubprocessorPatch(Schema):
    name: str | None = None
    country: str | None = None
    service: str | None = None
    service_en: str | None = None
    address: str | None = None
    data_categories: list[str] | None = None
    locations: list[str] | None = None
    transfer_mechanism: TransferMechanism | None = None
    dpf_certified: bool | None = None
    safeguard_note: str | None = None
    scope_all: bool | None = None
    terms: DpaTerms | None = None


class SubprocessorOut(Schema):
    code: UUID
    name: str
    address: str
    country: str
    service: str
    service_en: str
    data_categories: list[str]
    locations: list[str]
    transfer_mechanism: str
    dpf_certified: bool
    safeguard_note: str
    status: str
    scope_all: bool
    agreement_sha256: str
    terms: dict[str, Any] | None


class TransferOut(Schema):
    lawful: bool
    needs_written_consent: bool
    countries_outside_eea: list[str]
    reasons: list[str]
    summary: str


class GapOut(Schema):
    area: str = Field(description="Machine key: breach, audit, deletion, transfers or terms.")
    area_label: str = Field(description="The area in words, in the request's language.")
    ours: str = Field(description="What we promise our controllers, in words.")
    theirs: str = Field(description="What the sub-processor promises us, in words.")
    message: str


class FlowdownRow(Schema):
    subprocessor: SubprocessorOut
    agreements: int
    gaps: list[GapOut]


class LinkOut(Schema):
    subprocessor: SubprocessorOut
    agreement: str = Field(alias="agreement.reference")
    status: str
    basis: str
    change: UUID | None = Field(None, alias="change.code")
    since: datetime
    until: datetime | None


class ChangeIn(Schema):
    kind: ChangeKind
    subprocessor: UUID
    replaces: UUID | None = None
    effective_at: datetime | None = Field(
        None, description="Default: the earliest date the notice periods of all affected agreements allow."
    )
    reason: str = ""
    agreements: list[UUID] | None = Field(
        None, description="Only these agreements (default: per the register)."
    )
    split: bool = Field(
        False, description="Go ahead with the agreements that allow the date; leave the rest out."
    )
    include_unsigned: bool = Field(
        False, description="Also tell the clients whose agreement is not signed (default: left out)."
    )
    allow_unreachable: bool = Field(
        False,
        description="Go on although some clients have no privacy contact, signatory or webhook "
        "(default: 400 listing them). Kept in the ledger.",
    )


class MessageOut(Schema):
    language: str
    subject: str
    text: str
    reference: str = Field(description="The agreement this example is rendered for.")
    count: int = Field(description="How many notices this message stands for.")


class LeftOutOut(Schema):
    reference: str
    controller: str
    reason: str
    reason_label: str


class ControllerRef(Schema):
    code: UUID
    name: str


class PreviewOut(Schema):
    agreements: int
    recipients: int
    consent: int
    objection: int
    inform: int
    messages: list[MessageOut]
    left_out: list[LeftOutOut]
    unreachable: list[ControllerRef]
    include_unsigned: bool


class WithdrawPreviewOut(Schema):
    told: int
    recipients: int
    messages: list[MessageOut]
    not_told: dict[str, int]
    unreachable: list[ControllerRef]


class PlanItemOut(Schema):
    agreement: str
    mode: str
    blocked: bool
    earliest_effective: datetime
    objection_deadline: datetime | None
    takes_effect_at: datetime
    transfer_consent: bool


class PlanOut(Schema):
    items: list[PlanItemOut]
    blocking: list[str]


class ChangeOut(Schema):
    code: UUID
    kind: str
    subprocessor: UUID = Field(alias="subprocessor.code")
    replaces: UUID | None = Field(None, alias="replaces.code")
    effective_at: datetime
    reason: str
    status: str
    created_at: datetime
    agreements: int


class ClockOut(Schema):
    code: UUID
    change: UUID = Field(alias="change.code")
    agreement: UUID = Field(alias="agreement.code")
    reference: str = Field(alias="agreement.reference")
    mode: str
    status: str
    business_days: bool
    transfer_consent: bool
    notified_at: datetime
    objection_deadline: datetime | None
    takes_effect_at: datetime | None
    answered_at: datetime | None
    reason: str
    resolved_at: datetime | None
    resolution: str


class AnswerIn(Schema):
    answer: Literal["consent", "refuse", "object"]
    reason: str = ""


class ResolveIn(Schema):
    outcome: Literal["withdraw", "alternative", "agreement_ended"]
    note: str = ""
    alternative: UUID | None = None
    effective_at: datetime | None = None


class ClockFilter(PageParams):
    status: ClockStatus | None = None


class AtParams(Schema):
    at: datetime | None = Field(None, description="Moment to look at (default: now).")
