"""Read-only questions about the register: who is authorised for what, at which moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from art28.agreements.access import controller_binding
from art28.agreements.models import Agreement
from art28.subprocessors.models import AgreementSubprocessor, LinkQuerySet, LinkStatus, Subprocessor
from art28.terms import facts
from art28.terms.schema import in_language


def agreements_using(subprocessor: Subprocessor, *, at: datetime | None = None) -> QuerySet[Agreement]:
    """Agreements for which ``subprocessor`` is authorised at ``at`` (default: now)."""
    at = at or timezone.now()
    links = AgreementSubprocessor.objects.at(at).filter(
        subprocessor=subprocessor, status=LinkStatus.AUTHORISED
    )
    return Agreement.objects.filter(pk__in=links.values("agreement_id"))


def authorised_subprocessors(agreement: Agreement, *, at: datetime | None = None) -> QuerySet[Subprocessor]:
    """Sub-processors authorised for ``agreement`` at ``at`` (default: now)."""
    at = at or timezone.now()
    links = AgreementSubprocessor.objects.at(at).filter(agreement=agreement, status=LinkStatus.AUTHORISED)
    return Subprocessor.objects.filter(pk__in=links.values("subprocessor_id"))


def links_at(agreement: Agreement, *, at: datetime | None = None) -> LinkQuerySet:
    """Every sub-processor's status for ``agreement`` at ``at``, with its basis and change."""
    at = at or timezone.now()
    return (
        AgreementSubprocessor.objects.at(at)
        .filter(agreement=agreement)
        .select_related("subprocessor", "change")
        .order_by("subprocessor__name")
    )


def history(agreement: Agreement) -> QuerySet[AgreementSubprocessor]:
    """All periods of all sub-processors of ``agreement``, oldest first."""
    return (
        AgreementSubprocessor.objects.filter(agreement=agreement)
        .select_related("subprocessor", "change")
        .order_by("since", "pk")
    )


def is_authorised(subprocessor: Subprocessor, agreement: Agreement, *, at: datetime | None = None) -> bool:
    at = at or timezone.now()
    return (
        AgreementSubprocessor.objects.at(at)
        .filter(subprocessor=subprocessor, agreement=agreement, status=LinkStatus.AUTHORISED)
        .exists()
    )


def subprocessor_names(agreement: Agreement, at: datetime | None = None) -> list[str]:
    """The sub-processors that held ``agreement``'s data at ``at``: the register's authorised ones,
    else the named list of the terms the controller has (``controller_binding``; the newest draft
    only for an agreement never sent), for an agreement the register has no links for yet."""
    register = list(authorised_subprocessors(agreement, at=at).order_by("name"))
    binding = (controller_binding(agreement) or agreement.binding) if not register else None
    return [row["name"] for row in subprocessor_rows(register, binding=binding)]


def subprocessor_rows(register: list[Any], *, binding: Any) -> list[dict[str, Any]]:
    """The sub-processors of an agreement with their transfer safeguard, from rows already read:
    the register's authorised sub-processors (by name), else the named list of the ``binding``
    version's terms."""
    if register:
        return [
            {
                "name": s.name,
                "country": s.country,
                "service": s.service_text,
                "outside_eea": [c for c in s.all_countries if not facts.in_eea(c)],
                "safeguard": " — ".join(
                    x for x in (s.get_transfer_mechanism_display(), s.safeguard_note) if x
                ),
                # The register's mechanism as the schema's value, like ``codes`` below.
                "codes": [s.transfer_mechanism] if s.transfer_mechanism not in ("", "none") else [],
                "note": s.safeguard_note,
            }
            for s in register
        ]
    # The stored terms as JSON (validated when saved): no DpaTerms per agreement in an export.
    terms = binding.terms or {}
    transfers, subs = terms.get("transfers") or {}, terms.get("subprocessors") or {}
    mechanisms = [str(m) for m in transfers.get("mechanisms") or []]
    rows = []
    for s in subs.get("named") or []:
        country = s.get("country") or ""
        outside = [country] if country and not facts.in_eea(country) else []
        # The safeguards as the schema's values ("adequacy, scc", for JSON-LD and the API), and
        # as a list (``mechanisms``) that the exports put in words.
        codes = (["adequacy"] if facts.has_adequacy(country) else mechanisms) if outside else []
        safeguard = ", ".join(codes)
        rows.append(
            {
                "name": s.get("name") or "",
                "country": country,
                "service": in_language(
                    {"nl": s.get("service_nl"), "en": s.get("service_en")}, s.get("service"),
                    get_language() or "nl",
                )[0] or "",
                "outside_eea": outside,
                "safeguard": safeguard,
                "mechanisms": codes,
                "codes": codes,
            }
        )
    return rows
