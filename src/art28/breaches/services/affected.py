"""Which agreements an incident touches, and the clock each of them starts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.breaches.models import AffectedAgreement, HoursSource, Incident
from art28.breaches.services.common import scope
from art28.ledger.services import record_event
from art28.terms.clocks import add_hours
from art28.terms.schema import BreachContent, DpaTerms

ALL_CONTENT = [c.value for c in BreachContent]


def binding_version(agreement: Agreement) -> AgreementVersion:
    """``Agreement.binding`` computed from prefetched versions (one query for thousands)."""
    versions = list(agreement.versions.all())
    signed = [v for v in versions if v.status == VersionStatus.SIGNED]
    return max(signed or versions, key=lambda v: v.number)


def promise(version: AgreementVersion) -> tuple[int, str, list[str]]:
    """Notice hours, where they come from, and the facts the agreement asks for."""
    breach = DpaTerms.model_validate(version.terms).breach
    content = [c.value for c in breach.content] or ALL_CONTENT  # Art. 33(3) lists them all
    if breach.notice_hours:
        return breach.notice_hours, HoursSource.AGREEMENT, content
    return settings.ART28_UNDUE_DELAY_HOURS, HoursSource.UNDUE_DELAY, content


def _words(values: Iterable[str]) -> set[str]:
    return {v.strip().lower() for v in values if v and v.strip()}


def _service_text(terms: dict) -> str:
    processing = terms.get("processing") or {}
    parts = [processing.get("subject_matter") or "", processing.get("nature") or "",
             *(processing.get("purposes") or [])]
    return " ".join(parts).lower()


def candidates(incident: Incident) -> dict[int, tuple[Agreement, list[str], bool]]:
    """Agreement id → (agreement, reasons, proposed as included).

    An agreement is a candidate when it uses a sub-processor involved, or its processing
    names a service involved; with no sub-processor or service given, the data categories
    alone select. A candidate whose stated data categories share none with the incident's
    is proposed but left out, for staff to decide.
    """
    from art28.subprocessors.services import agreements_using

    base = (Agreement.objects.active().filter(controller__processor_id=incident.processor_id)
            .select_related("controller").prefetch_related("versions", "controller__contacts"))
    found: dict[int, tuple[Agreement, list[str], bool]] = {}

    def add(agreement: Agreement, reason: str) -> None:
        found.setdefault(agreement.pk, (agreement, [], True))[1].append(reason)

    for sub in incident.subprocessors.all():
        for agreement in base.filter(pk__in=agreements_using(sub, at=incident.aware_at).values("pk")):
            add(agreement, _("uses sub-processor %(s)s") % {"s": sub.name})
    services, categories = _words(incident.services), _words(incident.data_categories)
    if services or (categories and not found):
        for agreement in base:
            terms = binding_version(agreement).terms
            text = _service_text(terms)
            for service in sorted(s for s in services if s in text):
                add(agreement, _("processing includes service %(s)s") % {"s": service})
            stated = _words((terms.get("processing") or {}).get("data_categories", []))
            if not services and categories & stated:
                add(agreement, _("processes the data categories involved"))
    return {pk: _check_categories(a, r, categories) for pk, (a, r, _inc) in found.items()}


def _check_categories(agreement: Agreement, reasons: list[str], categories: set[str]):
    stated = _words((binding_version(agreement).terms.get("processing") or {}).get("data_categories", []))
    if categories and stated and not categories & stated:
        reasons.append(_("but its agreement names none of the data categories involved"))
        return agreement, reasons, False
    return agreement, reasons, True


def _clock(incident: Incident, agreement: Agreement) -> dict[str, Any]:
    version = binding_version(agreement)
    hours, source, content = promise(version)
    return {"notice_hours": hours, "hours_source": source, "required_content": content,
            "language": version.language, "deadline": add_hours(incident.aware_at, hours)}


def sync_affected(incident: Incident) -> list[AffectedAgreement]:
    """Bring the affected list in line with the facts; staff choices and notified rows stay."""
    found = candidates(incident)
    existing = {a.agreement_id: a for a in incident.affected.all()}
    stale = [a.pk for aid, a in existing.items()
             if aid not in found and not a.added_by_staff and a.notified_at is None]
    AffectedAgreement.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for aid, (agreement, reasons, included) in found.items():
        if aid in existing:
            row = existing[aid]
            row.reasons = reasons
            changed.append(row)
        else:
            new.append(AffectedAgreement(incident=incident, agreement=agreement, reasons=reasons,
                                         included=included, **_clock(incident, agreement)))
    AffectedAgreement.objects.bulk_create(new, batch_size=1000)
    AffectedAgreement.objects.bulk_update(changed, ["reasons"], batch_size=1000)
    return list(incident.affected.all())


def recompute_deadlines(incident: Incident) -> None:
    """Awareness was corrected: every clock moves with it."""
    rows = list(incident.affected.all())
    for row in rows:
        row.deadline = add_hours(incident.aware_at, row.notice_hours)
    AffectedAgreement.objects.bulk_update(rows, ["deadline"], batch_size=1000)


def adjust_affected(*, incident: Incident, include: Iterable[str] = (), exclude: Iterable[str] = (),
                    add: Iterable[Agreement] = (), acting_user: Any) -> list[AffectedAgreement]:
    """Staff review: keep in, leave out (by affected code) or add agreements by hand."""
    include, exclude, add = set(map(str, include)), set(map(str, exclude)), list(add)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is closed."))
        rows = {str(a.code): a for a in incident.affected.select_related("agreement")}
        unknown = (include | exclude) - set(rows)
        if unknown or include & exclude:
            raise ValidationError(_("Choose agreements from this incident's list, each once."))
        if any(rows[c].notified_at for c in exclude):
            raise ValidationError(_("A controller that was already notified cannot be left out."))
        for code in include | exclude:
            rows[code].included = code in include
            rows[code].save(update_fields=["included"])
        _add(incident, add, {a.agreement_id for a in rows.values()})
        record_event(action="breach.affected_adjusted", obj=incident, acting_user=acting_user,
                     data={"include": sorted(include), "exclude": sorted(exclude),
                           "add": [a.reference for a in add]}, **scope(incident))
    return list(incident.affected.select_related("agreement__controller"))


def _add(incident: Incident, agreements: list[Agreement], present: set[int]) -> None:
    for agreement in agreements:
        if agreement.controller.processor_id != incident.processor_id or agreement.ended_at:
            raise ValidationError(_("%(r)s is not an agreement in force of ours.")
                                  % {"r": agreement.reference})
        if agreement.pk in present:
            continue
        agreement = Agreement.objects.prefetch_related("versions").get(pk=agreement.pk)
        AffectedAgreement.objects.create(incident=incident, agreement=agreement, added_by_staff=True,
                                         reasons=[_("added by staff")], **_clock(incident, agreement))

