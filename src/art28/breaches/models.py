"""Incidents (the breach register), the agreements they touch, the notices sent about them,
and the controller's own assessment."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from art28.agreements.models import Agreement
from art28.breaches.reasons import reason_texts
from art28.core.status import Tone, status_tones
from art28.notices.models import DeliveryStatus, Notice
from art28.parties.models import Processor
from art28.parties.search import client_search


@status_tones(OPEN=Tone.WAITING, CLOSED=Tone.DONE)
class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Decision(models.TextChoices):
    """Whether the affected controllers are told: recorded with its reasoning in the register."""

    UNDECIDED = "undecided", _("Not decided yet")
    NOTIFY = "notify", _("Controllers are notified")
    NOT_NOTIFIED = "not_notified", _("Not notified (no personal data breach or no agreement touched)")


class IncidentQuerySet(models.QuerySet):
    def open(self) -> IncidentQuerySet:
        return self.filter(status=IncidentStatus.OPEN)


class Incident(models.Model):
    """A security incident, from the first report to its closing: one row of the register."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.PROTECT, related_name="incidents")
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices,
                              default=IncidentStatus.OPEN)
    # Timeline. ``aware_at`` starts every controller's notice clock.
    aware_at = models.DateTimeField(_("we became aware at"))
    occurred_at = models.DateTimeField(_("the breach started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("the breach ended at"), null=True, blank=True)
    subprocessor_aware_at = models.DateTimeField(_("the sub-processor became aware at"), null=True,
                                                 blank=True)
    subprocessor_reported_at = models.DateTimeField(_("the sub-processor told us at"), null=True,
                                                    blank=True)
    discovery = models.TextField(_("how it was discovered"), blank=True)
    # Nature: which of the three security properties was lost.
    confidentiality = models.BooleanField(_("loss of confidentiality"), default=False)
    integrity = models.BooleanField(_("loss of integrity"), default=False)
    availability = models.BooleanField(_("loss of availability"), default=False)
    description = models.TextField(_("description"), blank=True)
    subprocessors = models.ManyToManyField("subprocessors.Subprocessor", blank=True, related_name="incidents",
                                           verbose_name=_("sub-processors involved"))
    systems = models.JSONField(_("systems involved"), default=list, blank=True)
    services = models.JSONField(_("services involved"), default=list, blank=True)
    data_categories = models.JSONField(_("categories of personal data"), default=list, blank=True)
    subject_categories = models.JSONField(_("categories of data subjects"), default=list, blank=True)
    subjects_approx = models.PositiveIntegerField(_("approximate number of data subjects"), null=True,
                                                  blank=True)
    records_approx = models.PositiveIntegerField(_("approximate number of records"), null=True,
                                                 blank=True)
    encrypted = models.BooleanField(_("the data was encrypted or otherwise unintelligible"),
                                    default=False)
    malicious = models.BooleanField(_("malicious intent"), default=False)
    cross_border = models.BooleanField(_("data subjects in other EU member states"), default=False)
    consequences = models.TextField(_("likely consequences"), blank=True)
    measures_taken = models.TextField(_("measures taken"), blank=True)
    measures_proposed = models.TextField(_("measures proposed"), blank=True)
    contact_name = models.CharField(_("contact point: name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact point: e-mail"), blank=True)
    contact_phone = models.CharField(_("contact point: phone"), max_length=40, blank=True)
    decision = models.CharField(_("decision"), max_length=14, choices=Decision.choices,
                                default=Decision.UNDECIDED)
    decision_reasoning = models.TextField(_("reasoning"), blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("responsible staff member"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-aware_at", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(status=IncidentStatus.CLOSED),
                name="incident_closed_at_only_when_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN

    def notices_went_out(self) -> bool:
        """Whether any controller was sent a notice about this incident (its decision is then
        to notify, for good): counted over every affected row, seen by the reader or not."""
        went = models.Q(notified_at__isnull=False) | models.Q(notices__isnull=False)
        return self.decision == Decision.NOTIFY or self.affected.filter(went).exists()

    @property
    def nature(self) -> list[str]:
        """The lost properties as their stable keys."""
        return [k for k in ("confidentiality", "integrity", "availability") if getattr(self, k)]

    @property
    def nature_labels(self) -> list[str]:
        """The lost properties in the reader's language."""
        return [str(cast(models.Field, self._meta.get_field(k)).verbose_name) for k in self.nature]


class HoursSource(models.TextChoices):
    AGREEMENT = "agreement", _("the agreement's notice hours")
    UNDUE_DELAY = "undue_delay", _("the default for 'without undue delay'")


class DeliveryState(models.TextChoices):
    """Where a controller's notices about an incident stand, one state per affected agreement:
    a failed delivery outweighs one still waiting, which outweighs those sent."""

    FAILED = "failed", _("Delivery failed")
    WAITING = "waiting", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    NONE = "none", _("No notice yet")


# Each row's worst delivery as a number: a failed delivery outweighs one waiting, which
# outweighs those sent; a notice without deliveries (the portal only) counts as sent.
_RANKS: dict[str, int] = {DeliveryState.NONE: 0, DeliveryState.SENT: 1, DeliveryState.WAITING: 2,
                         DeliveryState.FAILED: 3}


def _rank_of(status: str) -> models.Case:
    """The ``_RANKS`` number of one delivery, its status at the lookup path ``status``."""
    return models.Case(
        models.When(**{status: DeliveryStatus.FAILED}, then=models.Value(3)),
        models.When(**{f"{status}__in": [DeliveryStatus.PENDING, DeliveryStatus.SENDING]},
                    then=models.Value(2)),
        default=models.Value(1))


def _grouped_rank() -> models.Max:
    """A row's rank over a join to its notices' deliveries, for a query grouped by row: one
    pass over all the rows (to count them by state)."""
    return models.Max(models.Case(models.When(notices__isnull=True, then=models.Value(0)),
                                  default=_rank_of("notices__notice__deliveries__status")))


def _row_rank() -> Coalesce:
    """A row's rank, worked out for that row alone (seeks on its notices and their deliveries):
    a list read in order stops at its page instead of ranking every row first."""
    worst = (IncidentNotice.objects.filter(affected=models.OuterRef("pk"))
             .annotate(rank=_rank_of("notice__deliveries__status")).order_by("-rank").values("rank")[:1])
    return Coalesce(models.Subquery(worst), models.Value(0))


class AffectedQuerySet(models.QuerySet):
    def included(self) -> AffectedQuerySet:
        return self.filter(included=True)

    def open_clocks(self) -> AffectedQuerySet:
        """Controllers still waiting for the initial notice of an open incident."""
        return self.included().filter(incident__status=IncidentStatus.OPEN, notified_at__isnull=True)

    def matching(self, *, q: str = "", show: str = "") -> AffectedQuerySet:
        """The rows a breach page's filters keep: ``q`` searches the agreement's reference and
        the controller's name or KvK number (``client_search``: a join, whatever the number of
        rows); ``show`` is one of ``AFFECTED_FILTERS``."""
        rows = self.filter(client_search(q, controller="agreement__controller", agreement="agreement"))
        if show == "included":
            rows = rows.filter(included=True)
        elif show == "left_out":
            rows = rows.filter(included=False)
        elif show == "not_notified":
            rows = rows.filter(included=True, notified_at__isnull=True)
        return rows

    def in_delivery_state(self, state: str) -> AffectedQuerySet:
        """The rows in one ``DeliveryState`` (blank: all; an unknown state: none)."""
        if not state:
            return self
        if state not in _RANKS:
            return self.none()
        return self.alias(delivery_rank=_row_rank()).filter(delivery_rank=_RANKS[state])

    def delivery_counts(self) -> dict[str, int]:
        """How many rows are in each ``DeliveryState``, in one query (they add up to all rows)."""
        counts = self.order_by().annotate(rank=_grouped_rank()).aggregate(**{
            state: models.Count("pk", filter=models.Q(rank=rank)) for state, rank in _RANKS.items()})
        return {state: counts[state] or 0 for state in DeliveryState.values}

    def summary(self) -> dict[str, int]:
        """The counts above a breach's lists, in one query: all, included, left out, notified."""
        counts = self.aggregate(
            n_total=models.Count("pk"), n_included=models.Count("pk", filter=models.Q(included=True)),
            n_left_out=models.Count("pk", filter=models.Q(included=False)),
            n_notified=models.Count("pk", filter=models.Q(notified_at__isnull=False)))
        return {name.removeprefix("n_"): value or 0 for name, value in counts.items()}


class AffectedAgreement(models.Model):
    """One agreement an incident touches: its clock, and whether staff kept it in."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="affected")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="+")
    included = models.BooleanField(_("included"), default=True)
    reasons = models.JSONField(_("why"), default=list, blank=True)
    added_by_staff = models.BooleanField(_("added by staff"), default=False)
    # Leaving a controller out of a breach is a decision someone answers for: never without why.
    exclusion_reason = models.TextField(_("why it is left out"), blank=True)
    # The promise at the time of the incident, so a later amendment does not move the clock.
    notice_hours = models.PositiveSmallIntegerField(_("notice hours"))
    hours_source = models.CharField(max_length=12, choices=HoursSource.choices)
    required_content = models.JSONField(_("facts the agreement requires"), default=list)
    language = models.CharField(max_length=2)
    deadline = models.DateTimeField(_("deadline"))
    notified_at = models.DateTimeField(_("initial notice queued at"), null=True, blank=True)
    reminded_50_at = models.DateTimeField(null=True, blank=True)
    reminded_80_at = models.DateTimeField(null=True, blank=True)

    objects = AffectedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("affected agreement")
        verbose_name_plural = _("affected agreements")
        constraints = [
            models.UniqueConstraint(fields=["incident", "agreement"],
                                    name="one_clock_per_incident_agreement"),
        ]
        indexes = [models.Index(fields=["included", "notified_at", "deadline"]),
                   # A breach's list by deadline, read in order: a page filtered by delivery
                   # state stops at its 50th row instead of ranking all 10,000 first.
                   models.Index(fields=["incident", "deadline"], name="affected_incident_deadline")]

    def __str__(self) -> str:
        return f"{self.incident.reference} → {self.agreement.reference}"

    def time_left(self, now: datetime | None = None) -> float:
        """Seconds until the deadline (negative when overdue)."""
        return (self.deadline - (now or timezone.now())).total_seconds()

    def elapsed_fraction(self, now: datetime | None = None) -> float:
        window = (self.deadline - self.incident.aware_at).total_seconds()
        spent = ((now or timezone.now()) - self.incident.aware_at).total_seconds()
        return spent / window if window > 0 else 1.0

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.notified_at is None and self.time_left(now) < 0

    @property
    def notified_late(self) -> bool:
        return self.notified_at is not None and self.notified_at > self.deadline

    @property
    def reason_texts(self) -> list[str]:
        """Why this agreement is on the list, in the reader's language."""
        return reason_texts(self.reasons)

    @property
    def hours_from_undue_delay(self) -> bool:
        """The notice hours are the default for 'without undue delay', not the agreement's."""
        return self.hours_source == HoursSource.UNDUE_DELAY


class Stage(models.TextChoices):
    INITIAL = "initial", _("initial")
    FOLLOW_UP = "follow_up", _("follow-up")
    FINAL = "final", _("final")

    # For the notice templates, which get the stage in their context.
    @property
    def is_initial(self) -> bool:
        return self is Stage.INITIAL

    @property
    def is_final(self) -> bool:
        return self is Stage.FINAL


class IncidentNotice(models.Model):
    """One notice about an incident to one controller; follow-ups are new rows, so every
    earlier version stays as it was sent."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    affected = models.ForeignKey(AffectedAgreement, on_delete=models.CASCADE, related_name="notices")
    notice = models.OneToOneField(Notice, on_delete=models.PROTECT, related_name="incident_notice")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    facts = models.JSONField(_("facts as sent"))
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["affected", "number"]
        verbose_name = _("breach notice")
        verbose_name_plural = _("breach notices")
        constraints = [
            models.UniqueConstraint(fields=["affected", "number"], name="one_number_per_affected"),
            models.UniqueConstraint(fields=["affected"], condition=models.Q(stage=Stage.INITIAL),
                                    name="one_initial_notice_per_affected"),
        ]

    def __str__(self) -> str:
        return f"{self.affected} #{self.number} ({self.stage})"

    @property
    def queued_late(self) -> bool:
        return self.created_at > self.affected.deadline

    def first_sent_at(self) -> datetime | None:
        times = [d.sent_at for d in self.notice.deliveries.all() if d.sent_at]
        return min(times) if times else None

    def is_late(self) -> bool:
        """Late when queued after the agreement's deadline, or when no delivery reached anyone
        before it (the portal shows it at once, but the promise is to tell them)."""
        if self.stage != Stage.INITIAL:
            return False
        if self.queued_late:
            return True
        sent = self.first_sent_at()
        deadline = self.affected.deadline
        return sent > deadline if sent else timezone.now() > deadline


ENISA_EI = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal("1"))


class SeverityAssessment(models.Model):
    """The controller's ENISA assessment of one notice's incident: factors with reasons."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    affected = models.OneToOneField(AffectedAgreement, on_delete=models.CASCADE, related_name="assessment")
    dpc = models.DecimalField(_("data processing context (DPC)"), max_digits=4, decimal_places=2)
    dpc_reason = models.TextField(_("reason"))
    ei = models.DecimalField(_("ease of identification (EI)"), max_digits=4, decimal_places=2)
    ei_reason = models.TextField(_("reason"))
    cb = models.DecimalField(_("circumstances of the breach (CB)"), max_digits=4, decimal_places=2)
    cb_reason = models.TextField(_("reason"))
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("severity assessment")
        verbose_name_plural = _("severity assessments")
        constraints = [
            models.CheckConstraint(condition=models.Q(dpc__gte=1, dpc__lte=4), name="enisa_dpc_range"),
            models.CheckConstraint(condition=models.Q(ei__in=list(ENISA_EI)), name="enisa_ei_values"),
            models.CheckConstraint(condition=models.Q(cb__gte=0, cb__lte=2), name="enisa_cb_range"),
        ]

    def __str__(self) -> str:
        return f"SE {self.dpc * self.ei + self.cb}"
