"""Flow-down: does each sub-processor promise us at least what we promise our controllers?

Compared per sub-processor against the strictest promise in the agreements it serves:
its breach notice must leave us ``margin_hours`` inside our shortest notice; its audit
rights, deletion and transfer restrictions must be at least as strict as ours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, F, OuterRef, Subquery, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from art28.agreements.labels import AUDIT_SCOPES, TRANSFER_POLICIES, label
from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.subprocessors.models import AgreementSubprocessor, LinkStatus, Subprocessor
from art28.terms.schema import AuditScope, DpaTerms, OutsideEea

AUDIT_RANK = {None: 0, AuditScope.REPORTS_ONLY: 1, AuditScope.SECURITY: 2, AuditScope.FULL: 3}
# Lower is stricter; unknown counts as the loosest.
TRANSFER_RANK = {
    OutsideEea.PROHIBITED: 0,
    OutsideEea.WITH_CONSENT: 1,
    OutsideEea.WITH_SAFEGUARDS: 2,
    OutsideEea.ALLOWED: 3,
    None: 4,
}


def margin_default() -> int:
    return int(settings.ART28_FLOWDOWN_MARGIN_HOURS)


AREA_LABELS = {
    "breach": gettext_lazy("Breach notice"),
    "audit": gettext_lazy("Audits"),
    "deletion": gettext_lazy("Deletion"),
    "transfers": gettext_lazy("Transfers"),
    "terms": gettext_lazy("Their terms"),
}


def _hours(n: int) -> str:
    return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}


def _days(n: int | None) -> str:
    return _("not stated") if n is None else ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


@dataclass(frozen=True)
class Gap:
    area: str  # breach, audit, deletion, transfers, terms
    ours: str
    theirs: str
    message: str

    @property
    def area_label(self) -> str:
        return str(AREA_LABELS.get(self.area, self.area))


@dataclass(frozen=True)
class Promises:
    """The strictest of our promises across a set of agreements."""

    agreements: int
    notice_hours: int | None
    audit_scope: AuditScope | None
    audit_allowed: bool
    deletion_days: int | None
    certificate: bool
    transfers: OutsideEea | None


def served_agreements(sp: Subprocessor) -> list[int]:
    """Agreements the sub-processor serves or is about to serve (authorised or pending)."""
    ids = set(
        AgreementSubprocessor.objects.open()
        .filter(subprocessor=sp, status__in=(LinkStatus.AUTHORISED, LinkStatus.PENDING))
        .values_list("agreement_id", flat=True)
    )
    if not ids and sp.scope_all:
        ids = set(
            Agreement.objects.active()
            .filter(controller__processor_id=sp.processor_id)
            .values_list("pk", flat=True)
        )
    return sorted(ids)


PARTS = ("breach", "audit", "end", "transfers")  # all that Promises reads of the terms
# The same parts as the database keeps them beside each version's terms.
PROMISE_COLUMNS = tuple(f"promise_{p}" for p in PARTS)


def _binding_version() -> Any:
    """The pk of the binding version of the outer row's ``agreement``: the newest signed one,
    else the newest."""
    return (AgreementVersion.objects.filter(agreement=OuterRef("agreement"))
            .order_by(Case(When(status=VersionStatus.SIGNED, then=0), default=1), "-number")
            .values("pk")[:1])


def _validated(rows: Any, cache: dict[str, DpaTerms]) -> list[DpaTerms]:
    """DpaTerms of each distinct row of promise parts (a handful for thousands of agreements
    on standard terms), validated once per distinct row."""
    out: dict[str, DpaTerms] = {}
    for row in rows:
        key = json.dumps(row, sort_keys=True, default=str)
        if key not in cache:
            parts = {p: v for p, v in zip(PARTS, row, strict=True) if v is not None}
            cache[key] = DpaTerms.model_validate(parts)
        out[key] = cache[key]
    return list(out.values())


def served_promises(sp: Subprocessor) -> Promises:
    """``our_promises(served_agreements(sp))`` in the database: the binding version of each
    served agreement by a subquery, and only its promise parts (kept in their own columns)
    read back, distinct: no agreement's whole terms are read."""
    links = (AgreementSubprocessor.objects.open()
             .filter(subprocessor=sp, status__in=(LinkStatus.AUTHORISED, LinkStatus.PENDING)))
    served: Any = links.values("agreement_id")
    if sp.scope_all and not links.exists():
        served = Agreement.objects.active().filter(controller__processor_id=sp.processor_id).values("pk")
    rows = (AgreementVersion.objects.filter(agreement_id__in=served, pk=Subquery(_binding_version()))
            .values_list(*PROMISE_COLUMNS).order_by().distinct())
    return _promises(_validated(rows, {}))


def our_promises(agreement_ids: list[int]) -> Promises:
    return _promises(_binding_terms(agreement_ids))


def _promises(terms: list[DpaTerms]) -> Promises:
    hours = [
        t.breach.notice_hours or (settings.ART28_UNDUE_DELAY_HOURS if t.breach.undue_delay else None)
        for t in terms
    ]
    hours_known = [h for h in hours if h]
    audits = [t.audit for t in terms if t.audit.allowed]
    deletion = [t.end.deadline_days for t in terms if t.end.deadline_days is not None]
    transfers = [t.transfers.outside_eea for t in terms]
    return Promises(
        agreements=len(terms),
        notice_hours=min(hours_known) if hours_known else None,
        audit_scope=max((a.scope for a in audits), key=lambda s: AUDIT_RANK[s], default=None),
        audit_allowed=bool(audits),
        deletion_days=min(deletion) if deletion else None,
        certificate=any(t.end.certificate for t in terms),
        transfers=min(transfers, key=lambda p: TRANSFER_RANK[p]) if transfers else None,
    )


def _binding_terms(agreement_ids: list[int]) -> list[DpaTerms]:
    best: dict[int, tuple[tuple[bool, int], dict]] = {}
    for chunk in range(0, len(agreement_ids), 5000):
        ids = agreement_ids[chunk : chunk + 5000]
        _keep_binding(best, AgreementVersion.objects.filter(agreement_id__in=ids))
    unique = {repr(sorted(v[1].items())): v[1] for v in best.values()}
    return [DpaTerms.model_validate(t) for t in unique.values()]


def _keep_binding(best: dict[int, tuple[tuple[bool, int], dict]], versions: Any) -> None:
    """Keep each agreement's binding terms (the newest signed version, else the newest)."""
    rows = versions.values_list("agreement_id", "number", "status", "terms")
    for agreement_id, number, status, terms in rows:
        key = (status == VersionStatus.SIGNED, number)
        if agreement_id not in best or key > best[agreement_id][0]:
            best[agreement_id] = (key, terms)


def compare(
    sp: Subprocessor, *, margin_hours: int | None = None, promises: Promises | None = None
) -> list[Gap]:
    """The gaps between what ``sp`` promises us and what we promise our controllers."""
    margin = margin_default() if margin_hours is None else margin_hours
    ours = promises or served_promises(sp)
    theirs = sp.dpa_terms
    if theirs is None:
        return [
            Gap(
                "terms",
                "",
                "",
                _(
                    "No terms of this sub-processor are recorded; upload its agreement "
                    "and record what it promises."
                ),
            )
        ]
    return [
        g
        for g in (
            _breach(ours, theirs, margin),
            _audit(ours, theirs),
            _deletion(ours, theirs),
            _transfers(ours, theirs),
        )
        if g is not None
    ]


def _breach(ours: Promises, theirs: DpaTerms, margin: int) -> Gap | None:
    if ours.notice_hours is None:
        return None
    hours = theirs.breach.notice_hours
    if hours is None:
        return Gap(
            "breach",
            _hours(ours.notice_hours),
            _("not stated"),
            _("It sets no breach notice period; we promise %(h)d hours.") % {"h": ours.notice_hours},
        )
    if hours + margin > ours.notice_hours:
        return Gap(
            "breach",
            _hours(ours.notice_hours),
            _hours(hours),
            _("Its %(t)d hours plus our margin of %(m)d hours exceed our shortest promise of %(o)d hours.")
            % {"t": hours, "m": margin, "o": ours.notice_hours},
        )
    return None


def _audit(ours: Promises, theirs: DpaTerms) -> Gap | None:
    if not ours.audit_allowed:
        return None
    if not theirs.audit.allowed:
        return Gap(
            "audit",
            label(AUDIT_SCOPES, ours.audit_scope),
            _("no audits"),
            _("We allow our controllers audits; it allows us none."),
        )
    if AUDIT_RANK[theirs.audit.scope] < AUDIT_RANK[ours.audit_scope]:
        return Gap(
            "audit",
            label(AUDIT_SCOPES, ours.audit_scope),
            label(AUDIT_SCOPES, theirs.audit.scope),
            _("Its audit scope is narrower than the scope we promise."),
        )
    return None


def _deletion(ours: Promises, theirs: DpaTerms) -> Gap | None:
    if ours.deletion_days is not None and (
        theirs.end.deadline_days is None or theirs.end.deadline_days > ours.deletion_days
    ):
        return Gap(
            "deletion",
            _days(ours.deletion_days),
            _days(theirs.end.deadline_days),
            _("It returns or deletes data later than we promise (%(d)d days).") % {"d": ours.deletion_days},
        )
    if ours.certificate and not theirs.end.certificate:
        return Gap(
            "deletion",
            _("certificate"),
            _("no certificate"),
            _("We promise a certificate of deletion; it does not."),
        )
    return None


def _transfers(ours: Promises, theirs: DpaTerms) -> Gap | None:
    mine, its = ours.transfers, theirs.transfers.outside_eea
    if TRANSFER_RANK[its] > TRANSFER_RANK[mine]:
        return Gap(
            "transfers",
            label(TRANSFER_POLICIES, mine),
            label(TRANSFER_POLICIES, its),
            _("Its rules on transfers outside the EEA are looser than ours."),
        )
    return None


@dataclass(frozen=True)
class DashboardRow:
    subprocessor: Subprocessor
    agreements: int
    gaps: list[Gap]


def dashboard(processor_id: int, *, margin_hours: int | None = None) -> list[DashboardRow]:
    """Every current sub-processor of the processor with its flow-down gaps.

    Three grouped queries for all sub-processors, whatever the number of agreements: the
    served agreements counted per sub-processor, and the distinct promise parts of their
    binding versions per sub-processor (plus the processor's active agreements once, for a
    sub-processor that serves all of them without links)."""
    sps = list(Subprocessor.objects.filter(processor_id=processor_id).current())
    links = (AgreementSubprocessor.objects.open()
             .filter(subprocessor__processor_id=processor_id,
                     status__in=(LinkStatus.AUTHORISED, LinkStatus.PENDING)))
    counts = dict(links.order_by().values("subprocessor_id")
                  .annotate(n=Count("agreement_id", distinct=True)).values_list("subprocessor_id", "n"))
    parts: dict[int, list[tuple]] = {}
    binding = AgreementVersion.objects.filter(pk=Subquery(_binding_version()))
    rows = (links.annotate(binding=Subquery(_binding_version()))
            .filter(agreement__versions__pk=F("binding"))
            .values_list("subprocessor_id", *(f"agreement__versions__{c}" for c in PROMISE_COLUMNS))
            .order_by().distinct())
    for sp_id, *row in rows:
        parts.setdefault(sp_id, []).append(tuple(row))
    everyone: list[tuple] | None = None
    all_count = 0
    cache: dict[str, DpaTerms] = {}
    out = []
    for sp in sps:
        served, n = parts.get(sp.pk, []), counts.get(sp.pk, 0)
        if sp.scope_all and not n:
            if everyone is None:
                active = Agreement.objects.active().filter(controller__processor_id=processor_id)
                everyone = list(binding.filter(agreement__in=active).values_list(*PROMISE_COLUMNS)
                                .order_by().distinct())
                all_count = active.count()
            served, n = everyone, all_count
        promises = _promises(_validated(served, cache))
        out.append(DashboardRow(sp, n, compare(sp, margin_hours=margin_hours, promises=promises)))
    return out

