"""Which agreements an incident touches, and the clock each of them starts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID, uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from art28.agreements.access import controller_terms as binding_terms
from art28.agreements.models import Agreement
from art28.breaches import reasons as why
from art28.breaches.models import AffectedAgreement, HoursSource, Incident
from art28.breaches.services.common import rows_for
from art28.core.bulk import insert_rows
from art28.core.ledger_scope import ledger_scope
from art28.ledger.services import record_event
from art28.parties.text import text_error
from art28.subprocessors.services import agreements_using
from art28.terms.clocks import add_hours
from art28.terms.schema import Breach, BreachContent

ALL_CONTENT = [c.value for c in BreachContent]


# The parts of the terms that decide a breach's clocks and candidates (``promise``,
# ``_service_text``, ``_stated``): a fan-out reads these, not 10,000 whole documents.
BREACH_PARTS = ("breach", "processing")


def promise(terms: dict) -> tuple[int, str, list[str]]:
    """Notice hours, where they come from, and the facts the agreement's terms ask for."""
    # Only the breach clause is read, so only it is validated (fast for a large fan-out).
    breach = Breach.model_validate((terms or {}).get("breach") or {})
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


Reasons = list[dict[str, Any]]  # see ``art28.breaches.reasons``: rendered when read
Candidates = dict[int, tuple[Reasons, bool]]
Bindings = dict[int, tuple[str, dict]]


def candidates(incident: Incident) -> Candidates:
    """Agreement id → (reasons, proposed as included); see ``_candidates``."""
    return _candidates(incident)[0]


def _candidates(incident: Incident) -> tuple[Candidates, Bindings]:
    """Agreement id → (reasons, proposed as included), and the binding terms read on the way.

    An agreement is a candidate when it uses a sub-processor involved, or its processing
    names a service involved; with no sub-processor or service given, the data categories
    alone select. Every candidate is proposed as included: a candidate whose stated data
    categories share none with the incident's gets a note for staff, and only staff leave
    it out, with a reason (``adjust_affected``).
    """
    ours = Agreement.objects.active().filter(controller__processor_id=incident.processor_id)
    reasons: dict[int, Reasons] = {}
    ours_ids = set(ours.values_list("pk", flat=True))
    for sub in incident.subprocessors.all():
        # Intersected here: a long IN (...) list joined in SQL is slow on SQLite.
        used = set(agreements_using(sub, at=incident.aware_at).values_list("pk", flat=True))
        for aid in sorted(used & ours_ids):
            reasons.setdefault(aid, []).append(why.reason(why.SUBPROCESSOR, name=sub.name))
    services, categories = _words(incident.services), _words(incident.data_categories)
    terms = binding_terms(ours_ids, BREACH_PARTS) if services or categories else {}
    if services or (categories and not reasons):
        for aid, (_lang, t) in terms.items():
            text = _service_text(t)
            for service in sorted(s for s in services if s in text):
                reasons.setdefault(aid, []).append(why.reason(why.SERVICE, service=service))
            if not services and categories & _stated(t):
                reasons.setdefault(aid, []).append(why.reason(why.CATEGORIES))
    # Ids, not Agreement objects: a fan-out of 10 000 needs no 10 000 model instances here.
    found = {aid: _check_categories(r, categories, terms.get(aid)) for aid, r in reasons.items()}
    return found, terms  # the terms read here serve the clocks too: read 10 000 of them once


def _stated(terms: dict) -> set[str]:
    return _words((terms.get("processing") or {}).get("data_categories", []))


def _check_categories(reasons: Reasons, categories: set[str],
                      binding: tuple[str, dict] | None) -> tuple[Reasons, bool]:
    # Free-text categories rarely match word for word ("NAW-gegevens" against "Naam- en
    # adresgegevens"): a mismatch is a note for staff to check, never a reason to leave out.
    stated = _stated(binding[1]) if binding else set()
    if categories and stated and not categories & stated:
        reasons.append(why.reason(why.CATEGORY_NOTE))
    return reasons, True


def _clock(incident: Incident, binding: tuple[str, dict]) -> dict[str, Any]:
    language, terms = binding
    hours, source, content = promise(terms)
    return {"notice_hours": hours, "hours_source": source, "required_content": content,
            "language": language, "deadline": add_hours(incident.aware_at, hours)}


_AFFECTED_FIELDS = ("code", "incident", "agreement", "included", "reasons", "added_by_staff",
                    "exclusion_reason", "notice_hours", "hours_source", "required_content", "language",
                    "deadline", "notified_at", "reminded_50_at", "reminded_80_at")


def sync_affected(incident: Incident) -> int:
    """Bring the affected list in line with the facts; staff choices and notified rows stay.

    Returns how many agreements the incident now touches."""
    found, terms = _candidates(incident)
    existing = {a.agreement_id: a for a in incident.affected.all()}
    stale = [a.pk for aid, a in existing.items()
             if aid not in found and not a.added_by_staff and a.notified_at is None]
    AffectedAgreement.objects.filter(pk__in=stale).delete()
    new: list[tuple] = []
    changed = []
    missing = [aid for aid in found if aid not in existing and aid not in terms]
    bindings = {**terms, **binding_terms(missing, BREACH_PARTS)}
    for aid, (reasons, included) in found.items():
        if aid in existing:
            row = existing[aid]
            row.reasons = reasons
            changed.append(row)
        else:
            clock = _clock(incident, bindings[aid])
            new.append((uuid4(), incident.pk, aid, included, reasons, False, "", clock["notice_hours"],
                        clock["hours_source"], clock["required_content"], clock["language"],
                        clock["deadline"], None, None, None))
    # Plain rows, not instances: a breach at a shared sub-processor touches thousands.
    insert_rows(AffectedAgreement, _AFFECTED_FIELDS, new)
    AffectedAgreement.objects.bulk_update(changed, ["reasons"], batch_size=1000)
    return incident.affected.count()


def recompute_deadlines(incident: Incident) -> None:
    """Awareness was corrected: every clock moves with it."""
    rows = list(incident.affected.all())
    for row in rows:
        row.deadline = add_hours(incident.aware_at, row.notice_hours)
    AffectedAgreement.objects.bulk_update(rows, ["deadline"], batch_size=1000)


REASON_MAX = 2000


def adjust_affected(*, incident: Incident, include: Iterable[str | UUID] = (),
                    exclude: Mapping[str, str] | Iterable[str] = (), add: Iterable[Agreement] = (),
                    acting_user: Any) -> list[AffectedAgreement]:
    """Staff review: keep in, leave out (by affected code) or add agreements by hand.

    ``exclude`` maps each code to leave out to the reason why; the reason is kept with the
    row and in the ledger. A row already left out keeps its stored reason when none is given;
    any other row without a reason is refused, and nothing changes. Taking a row back in
    clears its reason (the ledger keeps the history).

    Acts only on the rows ``acting_user`` may see, and returns only those: a code of
    another controller's row is refused as if it were not on the incident's list.
    """
    reasons = _exclusions(exclude)
    kept, add = set(map(str, include)), list(add)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is closed."))
        rows = {str(a.code): a for a in rows_for(incident, acting_user).select_related("agreement")}
        unknown = (kept | set(reasons)) - set(rows)
        if unknown or kept & set(reasons):
            raise ValidationError(_("Choose agreements from this incident's list, each once."))
        if any(rows[c].notified_at for c in reasons):
            raise ValidationError(_("A controller that was already notified cannot be left out."))
        reasons = _with_stored_reasons(reasons, rows)
        changed = _apply(rows, kept, reasons)
        # Every row counts as present, seen or not: an agreement is never on the list twice.
        _add(incident, add, set(incident.affected.values_list("agreement_id", flat=True)))
        record_event(action="breach.affected_adjusted", obj=incident, acting_user=acting_user,
                     data={"include": sorted(kept), "exclude": sorted(reasons),
                           "exclusion_reasons": {c: reasons[c] for c in sorted(reasons)},
                           "changed": changed, "add": [a.reference for a in add]},
                     **ledger_scope(incident.processor_id))
    return list(rows_for(incident, acting_user).select_related("agreement__controller", "incident"))


def _exclusions(exclude: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    """Code → reason, stripped; a bare list of codes gives no reasons."""
    if isinstance(exclude, Mapping):
        return {str(k): str(v or "").strip() for k, v in exclude.items()}
    return {str(c): "" for c in exclude}


def _with_stored_reasons(reasons: dict[str, str], rows: dict[str, AffectedAgreement]) -> dict[str, str]:
    out = {c: r or (rows[c].exclusion_reason if not rows[c].included else "") for c, r in reasons.items()}
    missing = sorted(rows[c].agreement.reference for c, r in out.items() if not r)
    if missing:
        raise ValidationError({"exclusion_reason": [
            _("Give the reason for leaving out %(refs)s: a controller is only left out of a breach "
              "for a stated reason.") % {"refs": ", ".join(missing)}]})
    for reason in out.values():
        error = text_error(reason, REASON_MAX)
        if error:
            raise ValidationError({"exclusion_reason": [error]})
    return out


def _apply(rows: dict[str, AffectedAgreement], include: set[str], reasons: dict[str, str]) -> list[str]:
    """Save the rows whose choice or reason changes; their codes."""
    changed = []
    for code in sorted(include | set(reasons)):
        row, keep = rows[code], code in include
        reason = "" if keep else reasons[code]
        if row.included != keep or row.exclusion_reason != reason:
            row.included, row.exclusion_reason = keep, reason
            row.save(update_fields=["included", "exclusion_reason"])
            changed.append(code)
    return changed


def _add(incident: Incident, agreements: list[Agreement], present: set[int]) -> None:
    for agreement in agreements:
        if agreement.controller.processor_id != incident.processor_id or agreement.ended_at:
            raise ValidationError(_("%(r)s is not an agreement in force of ours.")
                                  % {"r": agreement.reference})
        if agreement.pk in present:
            continue
        AffectedAgreement.objects.create(incident=incident, agreement=agreement, added_by_staff=True,
                                         reasons=[why.reason(why.STAFF)],
                                         **_clock(incident, binding_terms([agreement.pk])[agreement.pk]))

