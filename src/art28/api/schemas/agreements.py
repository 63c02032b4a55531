"""Request and response bodies for agreements, versions and signatures.

Terms use ``DpaTerms`` itself: a request body carries a partial DpaTerms (only the
fields to change), validated by the same pydantic model the generator uses.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from art28.agreements.models import VersionStatus
from art28.api.pagination import PageParams
from art28.terms.schema import DpaTerms


class AgreementIn(Schema):
    controller: UUID
    terms: DpaTerms | None = Field(None, description="Changes to the standard terms (partial).")


class AgreementFilter(PageParams):
    status: VersionStatus | None = Field(None, description="Status of the latest version.")


class VersionSummary(Schema):
    code: UUID
    number: int
    status: VersionStatus
    language: str
    standard_version: str
    document_sha256: str = Field(description="SHA-256 of the PDF to accept; empty until sent.")
    signed_document_sha256: str
    created_at: datetime
    sent_at: datetime | None
    signed_at: datetime | None


class AcceptanceOut(Schema):
    role: str
    name: str
    function: str
    email: str
    accepted_at: datetime
    ip: str | None
    user_agent: str
    document_sha256: str


class VersionDetail(VersionSummary):
    terms: dict[str, Any]
    changes: list[dict[str, Any]]
    acceptances: list[AcceptanceOut]


class ControllerRef(Schema):
    code: UUID
    name: str


class AgreementOut(Schema):
    code: UUID
    reference: str
    controller: ControllerRef
    created_at: datetime
    current: VersionSummary = Field(description="The latest version.")
    in_force: int | None = Field(None, description="Number of the signed version that applies now.")

    @staticmethod
    def resolve_current(obj: Any) -> Any:
        return max(obj.versions.all(), key=lambda v: v.number)

    @staticmethod
    def resolve_in_force(obj: Any) -> int | None:
        signed = [v.number for v in obj.versions.all() if v.status == VersionStatus.SIGNED]
        return max(signed, default=None)


class CountersignIn(Schema):
    name: str
    function: str
    confirmed: bool = Field(description="The signer confirms acceptance of the agreement.")


class AcceptIn(CountersignIn):
    document_sha256: str = Field(description="SHA-256 of the exact PDF the signer read.")


class SendIn(Schema):
    override_reason: str = Field(
        default="", max_length=1000,
        description="Send although Annex III lists no measures or the processor's contact is "
                    "missing; the reason is kept in the ledger event.")


class SendRefused(Schema):
    detail: str
    missing: list[str] = Field(description="What the agreement lacks, in words.")
