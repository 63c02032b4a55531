"""One source per kind of open obligation; each asks its app's access helper.

``due_list(user, ...)`` is the one list: the staff home, the portal home, the API, the
calendar feed and the digest all read it (``open_obligations`` is the whole of it). A
source is a queryset of one kind's open items (narrowed to the controllers the user may
see) annotated with ``due_key``, an SQL sort key that rises with the deadline; the list
asks each source for the first rows it needs, ordered by that key, merges them and builds
display rows only for the rows shown. Counts are ``COUNT`` per source, so nothing grows
with the number of clients but the page asked for.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any, overload
from uuid import UUID

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.agreements.access import listed_agreements, portal_agreements, visible_terminations
from art28.agreements.models import (
    Agreement,
    AgreementVersion,
    EndWay,
    Termination,
    TerminationStatus,
    VersionStatus,
)
from art28.breaches.access import visible_affected, visible_notices
from art28.breaches.models import AffectedAgreement, Decision, Stage
from art28.notices.access import staff_deliveries
from art28.notices.models import Delivery, DeliveryStatus
from art28.obligations.models import ObligationKind as K
from art28.parties.access import membership_of, visible_at
from art28.parties.models import Controller
from art28.parties.search import client_search
from art28.requests.access import visible
from art28.requests.models import (
    AuditRequest,
    AuditStatus,
    AuthorityRequest,
    AuthorityStatus,
    DataSubjectRequest,
    DsrStatus,
    RightKind,
    answer_months,
)
from art28.subprocessors.access import visible_clocks
from art28.subprocessors.models import ANSWERABLE, ChangeAgreement, ClockStatus
from art28.terms.clocks import add_months

# The controller must tell the supervisory authority within 72 hours once told (Art. 33).
AUTHORITY_HOURS = 72

# The list's narrowing as a condition on a row's controller at a path (``agreement__controller``);
# None: all the user may see.
Controllers = Callable[[str], Q] | None


@dataclass(frozen=True)
class Obligation:
    kind: str
    what: str
    controller: str
    controller_code: UUID | None
    due: datetime | None
    # The page's URL name and argument: reversed when read (the timeline builds ~150 rows a
    # request for their titles and never reads their links).
    link: tuple[str, Any]
    uid: str  # stable across calls: the calendar event's UID

    @property
    def url(self) -> str:
        name, arg = self.link
        return reverse(name, args=[arg])

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


# --- sources: one queryset per kind, with a sort key in SQL ----------------------------

def _same(moment: datetime) -> tuple[Any, Any]:
    return moment, moment


def _identity(key: Any) -> datetime | None:
    return key


def _around(centre: datetime | None, slack: timedelta) -> tuple[Any, Any]:
    assert centre is not None
    return centre - slack, centre + slack


@dataclass(frozen=True)
class Source:
    """One kind's open items. ``key`` is an SQL expression that rises with the deadline;
    ``due_of`` turns a key into the deadline; ``bounds(moment)`` gives ``(lo, hi)`` keys: a
    key below ``lo`` is due before the moment, one at or above ``hi`` is not (equal when the
    key is the deadline itself; between them ``due_of`` decides). ``fields`` are the columns
    a row shows, its own code first; ``make`` builds the row from them."""

    kind: str
    items: Callable[[Any, Controllers], QuerySet[Any]]
    key: Any
    fields: tuple[str, ...]
    make: Callable[[str, tuple[Any, ...], datetime | None], Obligation]
    due_of: Callable[[Any], datetime | None] = _identity
    bounds: Callable[[datetime], tuple[Any, Any]] = _same
    # Whether any such item is open at all, on the item's own table (no join, no visibility):
    # when none is, the list asks nothing more (a count through the joins costs as much empty).
    anything: Callable[[], bool] | None = None


def _exists(model: Any, **open_: Any) -> Callable[[], bool]:
    return lambda: bool(model.objects.filter(**open_).exists())


def _obligation(kind: str, code: Any, what: str, controller: str, controller_code: UUID | None,
                due: datetime | None, link: tuple[str, Any]) -> Obligation:
    return Obligation(kind=kind, what=what, controller=controller, controller_code=controller_code,
                      due=due, link=link, uid=f"{kind}-{code}")


# --- the processor's side -----------------------------------------------------------

def _within(controllers: Controllers, path: str) -> Q:
    """Rows of the narrowed controllers only (their controller at ``path``). None: no condition,
    as the source's own access helper already keeps the rows to what the user may see (the same
    condition twice made SQLite build the list of every visible controller twice a query)."""
    return Q() if controllers is None else controllers(path)


def _narrowing(user: Any, controllers: QuerySet[Controller] | None, q: str) -> Controllers:
    """``controllers`` (within what the user may see) and the search ``q`` (a name containing
    it, a KvK number starting with it) as a condition on a row's controller. ``q`` is matched on
    the controller the row joins already: as a list of the matching controllers SQLite searched
    all of them again for each of the list's queries (2 ms each at 10,000 clients)."""
    if controllers is None and not q:
        return None

    def at(path: str) -> Q:
        condition = visible_at(user, path)  # a narrowing never widens what the user may see
        if q:
            condition &= client_search(q, controller=path)
        if controllers is not None:
            condition &= Q(**{f"{path}__in": controllers.values("pk")})
        return condition
    return at


def _breach_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    return (visible_affected(user).open_clocks().filter(_within(controllers, "agreement__controller"))
            .exclude(incident__decision=Decision.NOT_NOTIFIED))  # decided: nobody is told


def _breach_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, reference, incident, incident_code, controller, controller_code = v
    return _obligation(kind, code, _("Notify %(agreement)s of incident %(incident)s")
                       % {"agreement": reference, "incident": incident}, controller, controller_code, due,
                       ("breaches:incident_detail", incident_code))


BREACH = Source(K.BREACH_NOTICE, _breach_items, F("deadline"),
                ("code", "agreement__reference", "incident__reference", "incident__code",
                 "agreement__controller__name", "agreement__controller__code"), _breach_row,
                anything=_exists(AffectedAgreement, included=True, notified_at__isnull=True))


CLOCK_TEXTS: dict[str, Any] = {
    K.OBJECTION_WINDOW: gettext_lazy("Objection window for %(sub)s under %(agreement)s"),
    K.CONSENT_AWAITED: gettext_lazy("Consent for %(sub)s under %(agreement)s"),
    K.OBJECTION: gettext_lazy("Objection to %(sub)s under %(agreement)s"),
}
CLOCK_FIELDS = ("code", "change__subprocessor__name", "agreement__reference", "change__code",
                "agreement__controller__name", "agreement__controller__code")


def _agreements_within(controllers: Controllers) -> Q:
    """The clocks of the narrowed controllers' agreements: the open clocks' index holds the
    agreement, so SQLite checks the list of matching agreements on the index alone and joins
    only the rows that match (the condition on each row's controller joined all 10,000)."""
    if controllers is None:
        return Q()
    return Q(agreement__in=Agreement.objects.filter(controllers("controller")))


def _clock_items(status: str) -> Callable[[Any, Controllers], QuerySet[Any]]:
    def items(user: Any, controllers: Controllers) -> QuerySet[Any]:
        return visible_clocks(user).filter(_agreements_within(controllers), status=status,
                                           resolved_at__isnull=True)
    return items


def _clock_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, sub, reference, change_code, controller, controller_code = v
    return _obligation(kind, code, str(CLOCK_TEXTS[kind]) % {"sub": sub, "agreement": reference},
                       controller, controller_code, due,
                       ("subprocessors:change_detail", change_code))


TAKES_EFFECT = Coalesce("takes_effect_at", "change__effective_at")
CLOCKS = {
    K.OBJECTION_WINDOW: Source(K.OBJECTION_WINDOW, _clock_items(ClockStatus.WINDOW_OPEN),
                               F("objection_deadline"), CLOCK_FIELDS, _clock_row,
                               anything=_exists(ChangeAgreement, status=ClockStatus.WINDOW_OPEN)),
    K.CONSENT_AWAITED: Source(K.CONSENT_AWAITED, _clock_items(ClockStatus.AWAITING_CONSENT), TAKES_EFFECT,
                              CLOCK_FIELDS, _clock_row,
                              anything=_exists(ChangeAgreement, status=ClockStatus.AWAITING_CONSENT)),
    K.OBJECTION: Source(K.OBJECTION, _clock_items(ClockStatus.OBJECTED), TAKES_EFFECT, CLOCK_FIELDS,
                        _clock_row, anything=_exists(ChangeAgreement, status=ClockStatus.OBJECTED)),
}

SIGNATURE_FIELDS = ("code", "reference", "controller__name", "controller__code")
DAY = timedelta(days=1)


def _having_version(status: str) -> Q:
    """Agreements with some version in ``status``: a cheap first cut before the newest
    version's status is looked up agreement by agreement (a subquery, not a list of ids)."""
    return Q(pk__in=AgreementVersion.objects.filter(status=status).values("agreement_id"))


def _signature_items(status: str) -> Callable[[Any, Controllers], QuerySet[Any]]:
    def items(user: Any, controllers: Controllers) -> QuerySet[Any]:
        return (listed_agreements(user, status)
                .filter(_having_version(status), _within(controllers, "controller")).with_signing_times())
    return items


def _signature_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, reference, controller, controller_code = v
    what = (_("%(agreement)s: the controller signs") if kind == K.SIGNATURE
            else _("%(agreement)s: we countersign"))
    return _obligation(kind, code, what % {"agreement": reference}, controller, controller_code, due,
                       ("agreements:agreement_detail", code))


SIGNATURE = Source(K.SIGNATURE, _signature_items(VersionStatus.SENT), F("latest_sent_at"), SIGNATURE_FIELDS,
                   _signature_row, signature_due,
                   lambda m: _around(_days_later(m, -settings.ART28_SIGNATURE_DAYS), DAY),
                   _exists(AgreementVersion, status=VersionStatus.SENT))
COUNTERSIGNATURE = Source(K.COUNTERSIGNATURE, _signature_items(VersionStatus.ACCEPTED),
                          F("controller_signed_at"), SIGNATURE_FIELDS, _signature_row, countersignature_due,
                          lambda m: _around(_days_later(m, -settings.ART28_COUNTERSIGNATURE_DAYS), DAY),
                          _exists(AgreementVersion, status=VersionStatus.ACCEPTED))

# Labels by value, once: lazy texts, so each row still reads in the reader's language.
RIGHT_LABELS, END_LABELS = dict(RightKind.choices), dict(EndWay.choices)
REQUEST_FIELDS = ("agreement__reference", "agreement__controller__name", "agreement__controller__code")


def _dsr_source(extended: bool, page: str = "requests:dsr_detail") -> Source:
    """Forwarded requests, the extended ones apart: each part's deadline rises with receipt.
    ``page``: the URL name each row links to (the staff page, or the portal's own)."""
    months = answer_months(extended=extended)

    def items(user: Any, controllers: Controllers) -> QuerySet[Any]:
        return visible(DataSubjectRequest, user).filter(_within(controllers, "agreement__controller"),
                                                        status=DsrStatus.FORWARDED,
                                                        extended_at__isnull=not extended)

    def row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
        code, right, reference, controller, controller_code = v
        return _obligation(kind, code, _("%(kind)s request under %(agreement)s")
                           % {"kind": RIGHT_LABELS.get(right, right), "agreement": reference},
                           controller, controller_code, due, (page, code))

    return Source(K.DATA_SUBJECT_REQUEST, items, F("received_at"), ("code", "kind", *REQUEST_FIELDS), row,
                  lambda key: None if key is None else add_months(key, months),
                  lambda m: _around(add_months(m, -months), 4 * DAY),
                  _exists(DataSubjectRequest, status=DsrStatus.FORWARDED))


DSR = (_dsr_source(extended=False), _dsr_source(extended=True))
# The controller's rows open its portal page: the staff page is a 404 to a controller.
PORTAL_DSR = (_dsr_source(extended=False, page="requests:portal_dsr"),
              _dsr_source(extended=True, page="requests:portal_dsr"))


def _authority_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    return visible(AuthorityRequest, user).filter(_within(controllers, "agreement__controller"),
                                                  status=AuthorityStatus.OPEN)


def _authority_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, authority, reference, controller, controller_code = v
    return _obligation(kind, code, _("%(authority)s about %(agreement)s")
                       % {"authority": authority, "agreement": reference}, controller, controller_code, due,
                       ("requests:authority_detail", code))


AUTHORITY = Source(K.AUTHORITY_REQUEST, _authority_items, F("respond_by"),
                   ("code", "authority", *REQUEST_FIELDS), _authority_row,
                   anything=_exists(AuthorityRequest, status=AuthorityStatus.OPEN))


def _audit_items(status: str) -> Callable[[Any, Controllers], QuerySet[Any]]:
    def items(user: Any, controllers: Controllers) -> QuerySet[Any]:
        return visible(AuditRequest, user).filter(_within(controllers, "agreement__controller"),
                                                  status=status)
    return items


def _audit_due(key: Any) -> datetime | None:
    return None if key is None else _day_start(key)


def _first_day_before(moment: datetime) -> tuple[Any, Any]:
    """The start of day ``d`` is before ``moment`` exactly when ``d`` is before this day."""
    day: date = timezone.localtime(moment, timezone.get_default_timezone()).date()
    cut = day if moment == _day_start(day) else day + DAY
    return cut, cut


def _audit_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, auditor, reference, controller, controller_code = v
    if kind == K.AUDIT:
        return _obligation(kind, code, _("Audit of %(agreement)s by %(auditor)s")
                           % {"agreement": reference, "auditor": auditor}, controller, controller_code, due,
                           ("requests:audit_detail", code))
    return _obligation(kind, code,
                       _("Audit of %(agreement)s: reports offered instead") % {"agreement": reference},
                       controller, controller_code, due, ("requests:portal_audit", code))


AUDIT = Source(K.AUDIT, _audit_items(AuditStatus.REQUESTED), F("starts_on"),
               ("code", "auditor", *REQUEST_FIELDS), _audit_row, _audit_due, _first_day_before,
               _exists(AuditRequest, status=AuditStatus.REQUESTED))


def _termination_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    return visible_terminations(user).filter(_within(controllers, "agreement__controller"),
                                             status=TerminationStatus.OPEN)


def _termination_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, way, reference, controller, controller_code = v
    return _obligation(kind, code, _("%(way)s for %(agreement)s, then the certificate")
                       % {"way": END_LABELS.get(way, way), "agreement": reference},
                       controller, controller_code, due,
                       ("agreements:termination_detail", code))


TERMINATION = Source(K.TERMINATION, _termination_items, F("complete_by"), ("code", "choice", *REQUEST_FIELDS),
                     _termination_row, anything=_exists(Termination, status=TerminationStatus.OPEN))


def _delivery_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    # Not narrowed, still only the notices to or about a visible controller (line below).
    at = (lambda path: visible_at(user, path)) if controllers is None else controllers
    return (staff_deliveries(user).filter(status=DeliveryStatus.FAILED)
            .filter(at("notice__controller") | at("notice__concerns")))


def _delivery_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, subject, recipient, to_name, to_code, about_name, about_code = v
    # The query keeps notices to or about the given controllers: one of the two is set.
    name, controller_code = (to_name, to_code) if to_code is not None else (about_name, about_code)
    what = _("%(subject)s to %(recipient)s") % {"subject": subject, "recipient": recipient}
    return _obligation(kind, code, what, name, controller_code, due,
                       ("parties:controller_detail", controller_code))


DELIVERY = Source(K.DELIVERY_FAILED, _delivery_items, Coalesce("notice__deadline", "next_attempt_at"),
                  ("code", "notice__subject", "recipient", "notice__controller__name",
                   "notice__controller__code", "notice__concerns__name", "notice__concerns__code"),
                  _delivery_row, anything=_exists(Delivery, status=DeliveryStatus.FAILED))


# --- the controller's side (portal) ---------------------------------------------------

def _to_sign_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    return (portal_agreements(user).filter(_having_version(VersionStatus.SENT),
                                           _within(controllers, "controller"), status=VersionStatus.SENT)
            .with_signing_times())


def _to_sign_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, reference, controller, controller_code = v
    return _obligation(kind, code, _("Sign %(agreement)s") % {"agreement": reference}, controller,
                       controller_code, due, ("agreements:portal_agreement", code))


TO_SIGN = Source(K.TO_SIGN, _to_sign_items, F("latest_sent_at"), SIGNATURE_FIELDS, _to_sign_row,
                 signature_due, SIGNATURE.bounds, SIGNATURE.anything)


def _to_acknowledge_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    return visible_notices(user).filter(_within(controllers, "affected__agreement__controller"),
                                        notice__acknowledged_at__isnull=True)


def _to_acknowledge_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, incident, controller, controller_code = v
    return _obligation(kind, code, _("Breach notice about %(incident)s") % {"incident": incident},
                       controller, controller_code, due, ("breaches:portal_notice", code))


TOLD = timedelta(hours=AUTHORITY_HOURS)
# Once told, the controller has 72 hours to tell the authority: that is its clock.
TO_ACKNOWLEDGE = Source(
    K.TO_ACKNOWLEDGE, _to_acknowledge_items,
    Case(When(stage=Stage.INITIAL, then=F("created_at")), default=None),
    ("code", "affected__incident__reference", "affected__agreement__controller__name",
     "affected__agreement__controller__code"), _to_acknowledge_row,
    lambda key: None if key is None else key + TOLD, lambda m: _same(m - TOLD))


def _to_answer_items(user: Any, controllers: Controllers) -> QuerySet[Any]:
    return visible_clocks(user).filter(_within(controllers, "agreement__controller"), status__in=ANSWERABLE)


def _to_answer_row(kind: str, v: tuple[Any, ...], due: datetime | None) -> Obligation:
    code, sub, reference, _change, controller, controller_code = v
    return _obligation(kind, code, _("%(sub)s under %(agreement)s") % {"sub": sub, "agreement": reference},
                       controller, controller_code, due, ("subprocessors:portal_change", code))


TO_ANSWER = Source(K.TO_ANSWER, _to_answer_items,
                   Coalesce("objection_deadline", "takes_effect_at", "change__effective_at"), CLOCK_FIELDS,
                   _to_answer_row)
TO_CONFIRM = Source(K.TO_CONFIRM, _audit_items(AuditStatus.ALTERNATIVE_OFFERED), F("starts_on"),
                    ("code", "auditor", *REQUEST_FIELDS), _audit_row, _audit_due, _first_day_before,
                    _exists(AuditRequest, status=AuditStatus.ALTERNATIVE_OFFERED))


STAFF: dict[str, tuple[Source, ...]] = {
    K.BREACH_NOTICE: (BREACH,), K.OBJECTION_WINDOW: (CLOCKS[K.OBJECTION_WINDOW],),
    K.CONSENT_AWAITED: (CLOCKS[K.CONSENT_AWAITED],), K.OBJECTION: (CLOCKS[K.OBJECTION],),
    K.SIGNATURE: (SIGNATURE,), K.COUNTERSIGNATURE: (COUNTERSIGNATURE,), K.DATA_SUBJECT_REQUEST: DSR,
    K.AUTHORITY_REQUEST: (AUTHORITY,), K.AUDIT: (AUDIT,), K.TERMINATION: (TERMINATION,),
    K.DELIVERY_FAILED: (DELIVERY,),
}
PORTAL: dict[str, tuple[Source, ...]] = {
    K.TO_SIGN: (TO_SIGN,), K.TO_ACKNOWLEDGE: (TO_ACKNOWLEDGE,), K.TO_ANSWER: (TO_ANSWER,),
    K.TO_CONFIRM: (TO_CONFIRM,), K.DATA_SUBJECT_REQUEST: PORTAL_DSR,
}


def kinds_for(user: Any) -> list[tuple[str, str]]:
    """The kinds (value, label) the user's side of the list can hold."""
    m = membership_of(user)
    if m is None:
        return []
    table = STAFF if m.is_processor_side else PORTAL
    return [(k, str(K(k).label)) for k in table]


# --- the list: merged in deadline order, built a page at a time -------------------------

FAR = datetime.max.replace(tzinfo=UTC)
SMALL = 500  # a source with at most this many rows is read whole for the timeline
FEW_DAYS = 4  # a large source's timeline: this many days read one by one, more by a window
SortKey = tuple[bool, datetime, str]
Values = tuple[Any, ...] | None  # a row's ``Source.fields``, when read with its key
Picked = tuple[int, Any, datetime | None, Values]  # (source index, pk, due, values)
Keyed = tuple[SortKey, int, Any, datetime | None, Values]  # (sort key, *picked)
WITH_FIELDS = 250  # a slice ending here or sooner reads its rows' columns with their keys


def _sort_key(due: datetime | None, uid: str) -> SortKey:
    return (due is None, due or FAR, uid)


class DueList(Sequence[Obligation]):
    """The open obligations of one user, nearest deadline first (undated ones last), as a
    sequence the paginators slice: a slice asks each source for its first ``stop`` keys in
    SQL, merges them and builds rows for the slice only; ``len()`` is a COUNT per source."""

    def __init__(self, parts: list[tuple[Source, QuerySet[Any]]], due_before: datetime | None) -> None:
        self.parts = parts
        self.due_before = due_before
        self._counts: list[int] | None = None
        # By source counted whole: its soonest and latest keys, and whether every row has one.
        self._spans: dict[int, tuple[Any, Any, bool]] = {}

    def _counted(self, i: int, source: Source, qs: QuerySet[Any]) -> int:
        if source.anything is not None and not source.anything():
            return 0
        if self.due_before is None:
            return self._whole(i, qs)
        lo, hi = source.bounds(self.due_before)
        if lo == hi:
            return self._whole(i, qs)
        near = qs.filter(due_key__gte=lo).values_list("due_key", flat=True)
        return qs.filter(due_key__lt=lo).count() + sum(1 for key in near if self._kept(source.due_of(key)))

    def _whole(self, i: int, qs: QuerySet[Any]) -> int:
        """The COUNT of a source, its first and last keys read in the same pass (the timeline
        needs no count of its own when they fall in one day)."""
        found = qs.order_by().aggregate(first=Min("due_key"), last=Max("due_key"), dated=Count("due_key"),
                                        n=Count("pk"))
        self._spans[i] = (found["first"], found["last"], found["dated"] == found["n"])
        return int(found["n"])

    def _kept(self, due: datetime | None) -> bool:
        return self.due_before is None or (due is not None and due < self.due_before)

    def counts(self) -> list[int]:
        """How many rows each source holds (a COUNT each, once)."""
        if self._counts is None:
            self._counts = [self._counted(i, source, qs) for i, (source, qs) in enumerate(self.parts)]
        return self._counts

    def total(self) -> int:
        return sum(self.counts())

    def _filled(self) -> Iterator[tuple[int, Source, QuerySet[Any], int]]:
        """The sources that hold rows: the empty ones are asked nothing more."""
        for i, ((source, qs), n) in enumerate(zip(self.parts, self.counts(), strict=True)):
            if n:
                yield i, source, qs, n

    def __len__(self) -> int:
        return self.total()

    def __iter__(self) -> Iterator[Obligation]:
        return iter(self[0:None])

    def _keys(self, stop: int | None) -> Iterator[Keyed]:
        """Each source's first ``stop`` keys in SQL, merged, with the columns a row shows when
        the slice is short (``WITH_FIELDS``) or read to the end (``stop`` None)."""
        streams = []
        # A page asks only the sources that hold rows (the paginator counted them already);
        # the whole list asks each source once.
        parts = (self._filled() if stop is not None
                 else ((i, s, qs, 0) for i, (s, qs) in enumerate(self.parts)))
        for i, source, qs, _n in parts:
            # The columns read with the keys, rather than asked again by key in ``_build``: the
            # source's conditions then made SQLite read its whole status index for 25 keys.
            fields = source.fields if stop is None or stop <= WITH_FIELDS else ()
            ordered = (qs.order_by(F("due_key").asc(nulls_last=True), "code")
                       .values_list("pk", "due_key", "code", *fields))
            stream = []
            for pk, key, code, *values in (ordered if stop is None else ordered[:stop]):
                due = source.due_of(key)
                if self._kept(due):
                    stream.append((_sort_key(due, f"{source.kind}-{code}"), i, pk, due,
                                   tuple(values) if fields else None))
            stream.sort(key=lambda item: item[:3])
            streams.append(stream)
        return heapq.merge(*streams, key=lambda item: item[:3])

    def _build(self, picked: Sequence[Picked]) -> list[Obligation]:
        """Display rows of the picked keys, in their order: from the columns already read, else
        one query per source shown."""
        wanted: dict[int, dict[Any, datetime | None]] = {}
        built: dict[tuple[int, Any], Obligation] = {}
        for i, pk, due, values in picked:
            if values is None:
                wanted.setdefault(i, {})[pk] = due
            else:
                source = self.parts[i][0]
                built[(i, pk)] = source.make(source.kind, values, due)
        for i, dues in wanted.items():
            source, qs = self.parts[i]
            for values in qs.filter(pk__in=list(dues)).order_by().values_list("pk", *source.fields):
                built[(i, values[0])] = source.make(source.kind, values[1:], dues[values[0]])
        return [built[(i, pk)] for i, pk, _due, _values in picked]

    def _slice(self, start: int, stop: int | None) -> list[Obligation]:
        if stop is not None and stop <= start:
            return []
        return self._build([(i, pk, due, values) for _key, i, pk, due, values
                            in islice(self._keys(stop), start, stop)])

    @overload
    def __getitem__(self, index: int) -> Obligation: ...

    @overload
    def __getitem__(self, index: slice) -> list[Obligation]: ...

    def __getitem__(self, index: int | slice) -> Obligation | list[Obligation]:
        if isinstance(index, slice):
            if index.step not in (None, 1) or (index.start or 0) < 0 or (index.stop or 0) < 0:
                raise ValueError("DueList slices run forward from a non-negative start")
            return self._slice(index.start or 0, index.stop)
        found = self._slice(index, index + 1)
        if not found:
            raise IndexError(index)
        return found[0]

    def by_day(self, edges: list[datetime], per_day: int) -> tuple[list[Obligation], int]:
        """For the timeline: the first ``per_day`` rows due before each of ``edges`` (the ends
        of the days; the first day also holds the overdue ones) and how many more there are."""
        found: list[tuple[int, SortKey, int, Any, datetime | None, Values]] = []
        total = 0
        for i, source, qs, n in self._filled():
            cuts = [_cut(source, edge) for edge in edges]
            soon = qs.filter(due_key__lt=cuts[-1])
            known = None if n <= SMALL else self._one_day(i, n, soon, cuts)
            for pk, key, code, _day, count, values in self._days(soon, cuts, per_day, n <= SMALL, known,
                                                                 source.fields):
                due = source.due_of(key)
                total += count
                if due is not None:  # its day from the deadline itself (a key's day may be near)
                    uid = f"{source.kind}-{code}"
                    found.append((bisect_right(edges, due), _sort_key(due, uid), i, pk, due, values))
        found.sort(key=lambda item: item[:4])
        shown: dict[int, int] = {}
        picked: list[Picked] = []
        for day, _key, i, pk, due, values in found:
            if shown.get(day, 0) < per_day:
                shown[day] = shown.get(day, 0) + 1
                picked.append((i, pk, due, values))
        return self._build(picked), total - len(picked)

    def _one_day(self, i: int, n: int, soon: QuerySet[Any], cuts: list[Any]) -> dict[int, int] | None:
        """``{day: count}`` when every row of source ``i`` due within the timeline falls in one
        day (a change proposed to every agreement gives all its clocks one deadline), instead
        of numbering every row by its day and grouping; None when they spread over days. The
        keys and count come from the list's own count when every row is dated and within the
        timeline, else from one pass over ``soon``."""
        first, last, dated = self._spans.get(i, (None, None, False))
        if not (dated and last is not None and last < cuts[-1]):
            found = soon.order_by().aggregate(first=Min("due_key"), last=Max("due_key"), n=Count("pk"))
            first, last, n = found["first"], found["last"], found["n"]
        if not n:
            return {}
        day = bisect_right(cuts, first)
        return {day: n} if bisect_right(cuts, last) == day else None

    @staticmethod
    def _days(qs: QuerySet[Any], cuts: list[Any], per_day: int, small: bool,
              counts: dict[int, int] | None = None,
              fields: tuple[str, ...] = ()) -> Iterator[tuple[Any, Any, Any, int, int, Values]]:
        """(pk, key, code, day, count, values) of each day's first ``per_day`` rows of one source;
        the count (that day's rows) on each day's first row, 0 on the others. A small source is
        read whole; a large one is counted per day (``GROUP BY``), then each of a few days is
        read up to ``per_day`` rows with the columns a row shows (``fields``: ``values``, else
        None), or, spread over many days, numbered by a window. ``counts``: the per-day counts
        when already known (``_one_day``)."""
        if small:
            days: dict[int, list[tuple[Any, Any, Any]]] = {}
            for key, code, pk in sorted(qs.order_by().values_list("due_key", "code", "pk")):
                days.setdefault(bisect_right(cuts, key), []).append((pk, key, code))
            for day, of_day in days.items():
                for rank, (pk, key, code) in enumerate(of_day[:per_day]):
                    yield pk, key, code, day, len(of_day) if rank == 0 else 0, None
            return
        day_of = Case(*[When(due_key__lt=cut, then=Value(n)) for n, cut in enumerate(cuts)],
                      output_field=IntegerField())
        if counts is None:
            counts = dict(qs.annotate(tl_day=day_of).values("tl_day").annotate(n=Count("pk"))
                          .order_by().values_list("tl_day", "n"))
        if len(counts) <= FEW_DAYS:
            for day, count in counts.items():
                span = qs.filter(due_key__gte=cuts[day - 1]) if day else qs
                firsts = (span.filter(due_key__lt=cuts[day]).order_by("due_key", "code")
                          .values_list("pk", "due_key", "code", *fields)[:per_day])
                for rank, (pk, key, code, *values) in enumerate(firsts):
                    yield pk, key, code, day, count if rank == 0 else 0, tuple(values) if fields else None
            return
        ranked = (qs.annotate(tl_day=day_of)
                  .annotate(tl_rank=Window(RowNumber(), partition_by=[F("tl_day")],
                                           order_by=[F("due_key").asc(), F("code").asc()]))
                  .filter(tl_rank__lte=per_day).values_list("pk", "due_key", "code", "tl_day", "tl_rank"))
        for pk, key, code, day, rank in ranked:
            yield pk, key, code, day, counts[day] if rank == 1 else 0, None


def _cut(source: Source, moment: datetime) -> Any:
    """The key at ``moment``: exact, or midway where ``due_of`` decides near it."""
    lo, hi = source.bounds(moment)
    return lo if lo == hi else lo + (hi - lo) / 2


def due_list(user: Any, *, controllers: QuerySet[Controller] | None = None, q: str = "", kind: str = "",
             due_before: datetime | None = None) -> DueList:
    """Every open obligation the user may see, nearest deadline first (undated ones last),
    built a slice at a time.

    ``controllers`` narrows to those controllers (always within what the user may see), ``q``
    to controllers whose name contains it or whose KvK number starts with it, ``kind`` to one
    kind, ``due_before`` to rows with a deadline before that moment.
    """
    m = membership_of(user)
    if m is None:
        return DueList([], None)
    allowed = _narrowing(user, controllers, q)
    table = STAFF if m.is_processor_side else PORTAL
    parts: list[tuple[Source, QuerySet[Any]]] = []
    for wanted in [kind] if kind else list(table):
        for source in table.get(wanted, ()):
            qs = source.items(user, allowed).annotate(due_key=source.key)
            if due_before is not None:
                qs = qs.filter(due_key__lt=source.bounds(due_before)[1])
            parts.append((source, qs))
    return DueList(parts, due_before)


def open_obligations(user: Any, *, controllers: QuerySet[Controller] | None = None, q: str = "",
                     kind: str = "", due_before: datetime | None = None) -> list[Obligation]:
    """The whole list (the calendar feed, the digest): ``due_list`` read to its end."""
    return due_list(user, controllers=controllers, q=q, kind=kind, due_before=due_before)[0:None]
