"""One small collector per kind of open obligation; each asks its app's access helper.

``open_obligations(user, ...)`` is the one list: the staff home, the portal home, the API,
the calendar feed and the digest all read it. A collector yields ``Obligation`` rows for
the controllers passed in (already narrowed to what the user may see).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.agreements.access import listed_agreements, portal_agreements, visible_terminations
from art28.agreements.models import TerminationStatus, VersionStatus
from art28.breaches.access import visible_affected, visible_notices
from art28.breaches.models import Decision, Stage
from art28.notices.access import staff_deliveries
from art28.notices.models import DeliveryStatus
from art28.obligations.models import ObligationKind as K
from art28.parties.access import membership_of, visible_controllers
from art28.parties.models import Controller
from art28.requests.access import visible
from art28.requests.models import (
    AuditRequest,
    AuditStatus,
    AuthorityRequest,
    AuthorityStatus,
    DataSubjectRequest,
    DsrStatus,
)
from art28.subprocessors.access import visible_clocks
from art28.subprocessors.models import ANSWERABLE, ClockStatus

# The controller must tell the supervisory authority within 72 hours once told (Art. 33).
AUTHORITY_HOURS = 72


@dataclass(frozen=True)
class Obligation:
    kind: str
    what: str
    controller: str
    controller_code: UUID | None
    due: datetime | None
    url: str
    uid: str  # stable across calls: the calendar event's UID

    @property
    def kind_label(self) -> str:
        return str(K(self.kind).label)

    def seconds_left(self, now: datetime | None = None) -> float | None:
        return None if self.due is None else (self.due - (now or timezone.now())).total_seconds()

    def urgency(self, now: datetime | None = None) -> str:
        """A CSS class as time runs out: overdue, within a day, within a week, later, none."""
        left = self.seconds_left(now)
        if left is None:
            return "due-none"
        if left < 0:
            return "due-overdue"
        if left < 24 * 3600:
            return "due-day"
        return "due-week" if left < 7 * 24 * 3600 else "due-later"


def _day_start(day: Any) -> datetime:
    """The start of a calendar day in the local zone (Europe/Amsterdam), as an aware time."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _row(kind: str, what: str, controller: Controller, due: datetime | None, url: str,
         code: Any) -> Obligation:
    return Obligation(kind=kind, what=what, controller=controller.name,
                      controller_code=controller.code, due=due, url=url, uid=f"{kind}-{code}")


# --- the processor's side -----------------------------------------------------------

def breach_notices(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = (visible_affected(user).open_clocks().filter(agreement__controller__in=controllers)
          .exclude(incident__decision=Decision.NOT_NOTIFIED)  # decided: nobody is told
          .select_related("incident", "agreement__controller"))
    for a in qs:
        yield _row(K.BREACH_NOTICE,
                   _("Notify %(agreement)s of incident %(incident)s")
                   % {"agreement": a.agreement.reference, "incident": a.incident.reference},
                   a.agreement.controller, a.deadline,
                   reverse("breaches:incident_detail", args=[a.incident.code]), a.code)


# A change to thousands of agreements gives thousands of clocks: read only the columns a row
# shows as tuples (no model instances, not each sub-processor's whole record), and reverse
# each change's URL once.
CLOCK_FIELDS = ("code", "status", "objection_deadline", "takes_effect_at", "change__code",
                "change__effective_at", "change__subprocessor__name", "agreement__reference",
                "agreement__controller__name", "agreement__controller__code")
CLOCK_TEXTS = {
    ClockStatus.WINDOW_OPEN: (K.OBJECTION_WINDOW,
                              gettext_lazy("Objection window for %(sub)s under %(agreement)s")),
    ClockStatus.AWAITING_CONSENT: (K.CONSENT_AWAITED,
                                   gettext_lazy("Consent for %(sub)s under %(agreement)s")),
}
OBJECTION_TEXT = (K.OBJECTION, gettext_lazy("Objection to %(sub)s under %(agreement)s"))


def change_clocks(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = (visible_clocks(user).filter(agreement__controller__in=controllers)
          .filter(status__in=[*ANSWERABLE, ClockStatus.OBJECTED], resolved_at__isnull=True)
          .values_list(*CLOCK_FIELDS))
    urls: dict[UUID, str] = {}
    texts = {status: (kind, str(text)) for status, (kind, text) in CLOCK_TEXTS.items()}
    objection = (OBJECTION_TEXT[0], str(OBJECTION_TEXT[1]))
    for (code, status, objection_deadline, takes_effect_at, change_code, effective_at, sub, reference,
         controller, controller_code) in qs.iterator(chunk_size=2000):
        if change_code not in urls:
            urls[change_code] = reverse("subprocessors:change_detail", args=[change_code])
        kind, what = texts.get(status, objection)
        due = objection_deadline if status == ClockStatus.WINDOW_OPEN else takes_effect_at or effective_at
        yield Obligation(kind=kind, what=what % {"sub": sub, "agreement": reference}, controller=controller,
                         controller_code=controller_code, due=due, url=urls[change_code],
                         uid=f"{kind}-{code}")


def _days_later(start: datetime | None, days: int) -> datetime | None:
    """``days`` calendar days after ``start`` at the same hour on the local clock, like the
    objection windows: across a change of summer time the day has 23 or 25 hours."""
    if start is None:
        return None
    return (timezone.localtime(start, timezone.get_default_timezone()) + timedelta(days=days)).astimezone(UTC)


def signature_due(sent_at: datetime | None) -> datetime | None:
    """The controller signs within ART28_SIGNATURE_DAYS of the sending."""
    return _days_later(sent_at, settings.ART28_SIGNATURE_DAYS)


def countersignature_due(signed_at: datetime | None) -> datetime | None:
    """We countersign within ART28_COUNTERSIGNATURE_DAYS of the controller's signature."""
    return _days_later(signed_at, settings.ART28_COUNTERSIGNATURE_DAYS)


def signatures(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    steps = ((VersionStatus.SENT, K.SIGNATURE, _("%(agreement)s: the controller signs")),
             (VersionStatus.ACCEPTED, K.COUNTERSIGNATURE, _("%(agreement)s: we countersign")))
    for status, kind, what in steps:
        qs = listed_agreements(user, status).filter(controller__in=controllers).with_signing_times()
        for a in qs.select_related("controller"):
            due = (signature_due(a.latest_sent_at) if kind == K.SIGNATURE
                   else countersignature_due(a.controller_signed_at))
            yield _row(kind, what % {"agreement": a.reference}, a.controller, due,
                       reverse("agreements:agreement_detail", args=[a.code]), a.code)


def data_subject_requests(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = visible(DataSubjectRequest, user).filter(status=DsrStatus.FORWARDED,
                                                  agreement__controller__in=controllers)
    for r in qs:
        yield _row(K.DATA_SUBJECT_REQUEST,
                   _("%(kind)s request under %(agreement)s") % {"kind": r.get_kind_display(),
                                                                "agreement": r.agreement.reference},
                   r.agreement.controller, r.answer_due,
                   reverse("requests:dsr_detail", args=[r.code]), r.code)


def authority_requests(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = visible(AuthorityRequest, user).filter(status=AuthorityStatus.OPEN,
                                                agreement__controller__in=controllers)
    for r in qs:
        yield _row(K.AUTHORITY_REQUEST,
                   _("%(authority)s about %(agreement)s") % {"authority": r.authority,
                                                             "agreement": r.agreement.reference},
                   r.agreement.controller, r.respond_by,
                   reverse("requests:authority_detail", args=[r.code]), r.code)


def audits(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = visible(AuditRequest, user).filter(status=AuditStatus.REQUESTED,
                                            agreement__controller__in=controllers)
    for r in qs:
        yield _row(K.AUDIT, _("Audit of %(agreement)s by %(auditor)s")
                   % {"agreement": r.agreement.reference, "auditor": r.auditor},
                   r.agreement.controller, _day_start(r.starts_on),
                   reverse("requests:audit_detail", args=[r.code]), r.code)


def terminations(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = visible_terminations(user).filter(status=TerminationStatus.OPEN,
                                           agreement__controller__in=controllers)
    for t in qs:
        yield _row(K.TERMINATION, _("%(way)s for %(agreement)s, then the certificate")
                   % {"way": t.get_choice_display(), "agreement": t.agreement.reference},
                   t.agreement.controller, t.complete_by,
                   reverse("agreements:termination_detail", args=[t.code]), t.code)


def failed_deliveries(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = (staff_deliveries(user).filter(status=DeliveryStatus.FAILED)
          .filter(Q(notice__controller__in=controllers) | Q(notice__concerns__in=controllers))
          .select_related("notice__controller", "notice__concerns"))
    for d in qs:
        controller = d.notice.for_controller
        assert controller is not None  # the query keeps notices to or about the given controllers
        yield _row(K.DELIVERY_FAILED,
                   _("%(subject)s to %(recipient)s")
                   % {"subject": d.notice.subject, "recipient": d.recipient},
                   controller, d.notice.deadline or d.next_attempt_at,
                   reverse("parties:controller_detail", args=[controller.code]), d.code)


# --- the controller's side (portal) ---------------------------------------------------

def to_sign(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = portal_agreements(user).filter(status=VersionStatus.SENT, controller__in=controllers)
    for a in qs.with_signing_times().select_related("controller"):
        yield _row(K.TO_SIGN, _("Sign %(agreement)s") % {"agreement": a.reference}, a.controller,
                   signature_due(a.latest_sent_at),
                   reverse("agreements:portal_agreement", args=[a.code]), a.code)


def to_acknowledge(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = visible_notices(user).filter(notice__acknowledged_at__isnull=True,
                                      affected__agreement__controller__in=controllers)
    for n in qs:
        # Once told, the controller has 72 hours to tell the authority: that is its clock.
        due = n.created_at + timedelta(hours=AUTHORITY_HOURS) if n.stage == Stage.INITIAL else None
        yield _row(K.TO_ACKNOWLEDGE, _("Breach notice about %(incident)s")
                   % {"incident": n.affected.incident.reference}, n.affected.agreement.controller,
                   due, reverse("breaches:portal_notice", args=[n.code]), n.code)


def to_answer(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = (visible_clocks(user).filter(status__in=ANSWERABLE, agreement__controller__in=controllers)
          .select_related("change__subprocessor", "agreement__controller"))
    for c in qs:
        yield _row(K.TO_ANSWER, _("%(sub)s under %(agreement)s")
                   % {"sub": c.change.subprocessor.name, "agreement": c.agreement.reference},
                   c.agreement.controller, c.objection_deadline or c.takes_effect_at or c.change.effective_at,
                   reverse("subprocessors:portal_change", args=[c.code]), c.code)


def to_confirm(user: Any, controllers: QuerySet[Controller]) -> Iterator[Obligation]:
    qs = visible(AuditRequest, user).filter(status=AuditStatus.ALTERNATIVE_OFFERED,
                                            agreement__controller__in=controllers)
    for r in qs:
        yield _row(K.TO_CONFIRM, _("Audit of %(agreement)s: reports offered instead")
                   % {"agreement": r.agreement.reference}, r.agreement.controller,
                   _day_start(r.starts_on), reverse("requests:portal_audit", args=[r.code]), r.code)


Collector = Callable[[Any, QuerySet[Controller]], Iterable[Obligation]]
STAFF: dict[str, Collector] = {
    K.BREACH_NOTICE: breach_notices, K.OBJECTION_WINDOW: change_clocks, K.CONSENT_AWAITED: change_clocks,
    K.OBJECTION: change_clocks, K.SIGNATURE: signatures, K.COUNTERSIGNATURE: signatures,
    K.DATA_SUBJECT_REQUEST: data_subject_requests, K.AUTHORITY_REQUEST: authority_requests,
    K.AUDIT: audits, K.TERMINATION: terminations, K.DELIVERY_FAILED: failed_deliveries,
}
PORTAL: dict[str, Collector] = {
    K.TO_SIGN: to_sign, K.TO_ACKNOWLEDGE: to_acknowledge, K.TO_ANSWER: to_answer,
    K.TO_CONFIRM: to_confirm, K.DATA_SUBJECT_REQUEST: data_subject_requests,
}


def kinds_for(user: Any) -> list[tuple[str, str]]:
    """The kinds (value, label) the user's side of the list can hold."""
    m = membership_of(user)
    if m is None:
        return []
    table = STAFF if m.is_processor_side else PORTAL
    return [(k, str(K(k).label)) for k in table]


def _sort_key(o: Obligation) -> tuple[int, datetime, str]:
    far = datetime.max.replace(tzinfo=timezone.get_default_timezone())
    return (o.due is None, o.due or far, o.uid)


def open_obligations(user: Any, *, controllers: QuerySet[Controller] | None = None, kind: str = "",
                     due_before: datetime | None = None) -> list[Obligation]:
    """Every open obligation the user may see, nearest deadline first (undated ones last).

    ``controllers`` narrows to those controllers (always within what the user may see),
    ``kind`` to one kind, ``due_before`` to rows with a deadline before that moment.
    """
    m = membership_of(user)
    if m is None:
        return []
    allowed = visible_controllers(user)
    if controllers is not None:
        allowed = allowed.filter(pk__in=controllers.values("pk"))
    table = STAFF if m.is_processor_side else PORTAL
    wanted = [kind] if kind else list(table)
    rows: list[Obligation] = []
    for collector in dict.fromkeys(table[k] for k in wanted if k in table):
        rows.extend(o for o in collector(user, allowed) if o.kind in wanted)
    if due_before is not None:
        rows = [o for o in rows if o.due is not None and o.due < due_before]
    return sorted(rows, key=_sort_key)
