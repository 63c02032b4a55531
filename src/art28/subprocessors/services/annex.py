"""Annex IV from the register.

Choice: the register is written into the terms (``subprocessors.named``) of a draft by a
service, rather than looked up at render time. The rendered document is then always the
rendering of its stored terms: a sent or signed PDF keeps matching its SHA-256 and its
terms, and the diff between versions shows the sub-processor change like any other.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.agreements.services import update_terms
from art28.ledger.services import record_event
from art28.subprocessors.models import (
    AgreementSubprocessor,
    Basis,
    LinkStatus,
    Subprocessor,
    SubprocessorStatus,
)
from art28.subprocessors.services.links import set_link
from art28.terms.schema import NamedSubprocessor


def register_named(agreement: Agreement) -> list[Subprocessor]:
    """What Annex IV of ``agreement`` should list: its authorised sub-processors and, while the
    agreement is not yet signed, every in-use sub-processor of the register used for all agreements."""
    authorised = set(
        AgreementSubprocessor.objects.open()
        .filter(agreement=agreement, status=LinkStatus.AUTHORISED)
        .values_list("subprocessor_id", flat=True)
    )
    qs = Subprocessor.objects.filter(processor_id=agreement.controller.processor_id)
    if agreement.in_force is None:
        blocked = set(
            AgreementSubprocessor.objects.open()
            .filter(agreement=agreement)
            .exclude(status=LinkStatus.AUTHORISED)
            .values_list("subprocessor_id", flat=True)
        )
        scoped = set(qs.filter(scope_all=True, status=SubprocessorStatus.ACTIVE).values_list("pk", flat=True))
        authorised |= scoped - blocked
    return list(qs.filter(pk__in=authorised).order_by("name"))


def fill_annex_iv(sender: Any, *, agreement: Agreement, acting_user: Any, **kwargs: Any) -> None:
    """A new agreement of a processor that keeps a register gets Annex IV filled from it.

    Receives ``agreements.signals.agreement_created`` (connected in SubprocessorsConfig.ready()).
    """
    register = Subprocessor.objects.filter(processor_id=agreement.controller.processor_id,
                                           status=SubprocessorStatus.ACTIVE)
    if register.exists():
        sync_annex_iv(agreement=agreement, acting_user=acting_user)


def as_named(sp: Subprocessor) -> NamedSubprocessor:
    return NamedSubprocessor(name=sp.name, address=sp.address or None, country=sp.country, service=sp.service,
                             service_nl=sp.service or None, service_en=sp.service_en or None)


@transaction.atomic
def sync_annex_iv(*, agreement: Agreement, acting_user: Any) -> AgreementVersion | None:
    """Write the register into the agreement's Annex IV (``subprocessors.named``).

    A draft is edited in place; after sending, ``update_terms`` makes a new version for
    acceptance. Sub-processors newly named in a not-yet-signed agreement are recorded as
    authorised for it (basis: named). Returns the version changed, or None if Annex IV
    already matched the register.
    """
    agreement = Agreement.objects.select_related("controller").get(pk=agreement.pk)
    wanted = register_named(agreement)
    named = [as_named(sp).model_dump(mode="json") for sp in wanted]
    latest = agreement.latest
    if [n for n in latest.terms.get("subprocessors", {}).get("named", [])] == named:
        return None
    version = update_terms(
        agreement=agreement, terms={"subprocessors": {"named": named}}, acting_user=acting_user
    )
    if version.status == VersionStatus.DRAFT and agreement.in_force is None:
        now = timezone.now()
        have = set(
            AgreementSubprocessor.objects.open()
            .filter(agreement=agreement, status=LinkStatus.AUTHORISED)
            .values_list("subprocessor_id", flat=True)
        )
        for sp in (s for s in wanted if s.pk not in have):
            set_link(
                subprocessor=sp, agreement=agreement, status=LinkStatus.AUTHORISED, basis=Basis.NAMED, at=now
            )
    record_event(
        action="subprocessor.annex_synced",
        obj=agreement,
        acting_user=acting_user,
        data={"version": version.number, "named": [n["name"] for n in named]},
        processor_id=agreement.controller.processor_id,
        controller_id=agreement.controller_id,
    )
    return version
