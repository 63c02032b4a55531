"""What the agreements promise beyond breaches and sub-processors, each as a tracked process.

Data subject requests and the tasks a controller asks for, documented instructions,
requests from authorities and audits. The security-measure catalogue lives in
``art28.measures``, the end of an agreement in ``art28.agreements``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from art28.agreements.models import Agreement
from art28.core.status import Tone, status_tones
from art28.terms import clocks

USER = settings.AUTH_USER_MODEL
# Art. 12(3): one month, extendable by two further months.
ANSWER_MONTHS, EXTENSION_MONTHS = 1, 2


def _upload(instance: models.Model, filename: str) -> str:
    return f"requests/{type(instance).__name__.lower()}/{instance.code}/{filename}"  # type: ignore[attr-defined]  # each model stored here has a code


class Tracked(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-created_at"]


# -- data subject requests ----------------------------------------------------------------


class RightKind(models.TextChoices):
    ACCESS = "access", _("Access (Art. 15)")
    RECTIFICATION = "rectification", _("Rectification (Art. 16)")
    ERASURE = "erasure", _("Erasure (Art. 17)")
    RESTRICTION = "restriction", _("Restriction (Art. 18)")
    PORTABILITY = "portability", _("Portability (Art. 20)")
    OBJECTION = "objection", _("Objection (Art. 21)")


@status_tones(FORWARDED=Tone.WAITING, CLOSED=Tone.DONE)
class DsrStatus(models.TextChoices):
    FORWARDED = "forwarded", _("Forwarded to the controller")
    CLOSED = "closed", _("Closed")


def answer_months(*, extended: bool) -> int:
    """Months from receipt to the controller's Art. 12(3) deadline: one, three once extended."""
    return ANSWER_MONTHS + (EXTENSION_MONTHS if extended else 0)


class DataSubjectRequest(Tracked):
    """A request of a data subject that reached the processor; the controller answers it."""

    kind = models.CharField(_("right exercised"), max_length=20, choices=RightKind.choices)
    received_at = models.DateTimeField(_("received at"))
    channel = models.CharField(_("received through"), max_length=100)
    requester = models.CharField(_("data subject (as identified)"), max_length=200)
    details = models.TextField(_("what the data subject asks"))
    forward_by = models.DateTimeField(_("forward by"))
    forwarded_at = models.DateTimeField(_("forwarded at"))
    extended_at = models.DateTimeField(_("answer period extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DsrStatus.choices, default=DsrStatus.FORWARDED,
        db_index=True,  # "what is due" starts from the open ones (else from every visible agreement)
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta(Tracked.Meta):
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.requester}"

    @property
    def forwarded_late(self) -> bool:
        return self.forwarded_at > self.forward_by

    @property
    def answer_due(self) -> datetime:
        """The controller's Art. 12(3) deadline, from receipt; three months once extended."""
        return clocks.add_months(self.received_at, answer_months(extended=self.extended_at is not None))

    @property
    def is_forwarded(self) -> bool:
        return self.status == DsrStatus.FORWARDED


class TaskAction(models.TextChoices):
    SEARCH = "search", _("Search the data")
    CORRECT = "correct", _("Correct the data")
    DELETE = "delete", _("Delete the data")
    RESTRICT = "restrict", _("Restrict the processing")
    EXPORT = "export", _("Export the data")


@status_tones(OPEN=Tone.WAITING, DONE=Tone.DONE)
class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class RequestTask(models.Model):
    """What the controller asks the processor to do for a request, tracked to done."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(DataSubjectRequest, on_delete=models.PROTECT, related_name="tasks")
    action = models.CharField(_("action"), max_length=12, choices=TaskAction.choices)
    instructions = models.TextField(_("instructions"))
    status = models.CharField(_("status"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    asked_at = models.DateTimeField(default=timezone.now)
    asked_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(upload_to=_upload, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["asked_at"]
        verbose_name = _("request task")
        verbose_name_plural = _("request tasks")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status == TaskStatus.DONE


# -- documented instructions ----------------------------------------------------------------


class InstructionSource(models.TextChoices):
    PORTAL = "portal", _("Given in the portal")
    EMAIL = "email", _("Received by e-mail")
    API = "api", _("Given through the API")


@status_tones(IN_EFFECT=Tone.DONE, HELD=Tone.PROBLEM, CONFIRMED=Tone.DONE, WITHDRAWN=Tone.ENDED)
class InstructionStatus(models.TextChoices):
    IN_EFFECT = "in_effect", _("In effect")
    HELD = "held", _("Held: possibly unlawful")
    CONFIRMED = "confirmed", _("Confirmed by the controller")
    WITHDRAWN = "withdrawn", _("Withdrawn by the controller")


class Instruction(Tracked):
    """A documented instruction of the controller (Art. 28(3)(a)), with its author and time."""

    text = models.TextField(_("instruction"))
    author_name = models.CharField(_("given by"), max_length=200)
    given_at = models.DateTimeField(_("given at"))
    source = models.CharField(_("source"), max_length=8, choices=InstructionSource.choices)
    mail = models.FileField(_("the e-mail"), upload_to=_upload, blank=True)
    mail_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InstructionStatus.choices, default=InstructionStatus.IN_EFFECT
    )
    flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True)
    flagged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    flag_reason = models.TextField(_("why it may infringe the GDPR"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution_note = models.TextField(_("controller's note"), blank=True)

    class Meta(Tracked.Meta):
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_followed(self) -> bool:
        return self.status in (InstructionStatus.IN_EFFECT, InstructionStatus.CONFIRMED)

    @property
    def is_in_effect(self) -> bool:
        return self.status == InstructionStatus.IN_EFFECT

    @property
    def is_held(self) -> bool:
        return self.status == InstructionStatus.HELD


# -- authority requests ----------------------------------------------------------------------


class AuthorityKind(models.TextChoices):
    POLICE = "police", _("Police or public prosecutor")
    TAX = "tax", _("Tax authority")
    SUPERVISORY = "supervisory", _("Supervisory authority")
    FOREIGN = "foreign", _("Foreign authority")
    OTHER = "other", _("Other authority")


@status_tones(OPEN=Tone.WAITING, CLOSED=Tone.DONE)
class AuthorityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class AuthorityRequest(Tracked):
    """A demand of an authority for the controller's data."""

    authority_kind = models.CharField(_("kind of authority"), max_length=12, choices=AuthorityKind.choices)
    authority = models.CharField(_("authority"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    received_at = models.DateTimeField(_("received at"))
    respond_by = models.DateTimeField(_("the authority wants an answer by"))
    description = models.TextField(_("what is demanded"))
    gagged = models.BooleanField(_("a legal ban forbids telling the controller"), default=False)
    gag_basis = models.CharField(_("the ban's legal basis"), max_length=300, blank=True)
    controller_told_at = models.DateTimeField(_("controller told at"), null=True, blank=True)
    objection = models.TextField(_("controller's objection"), blank=True)
    objected_at = models.DateTimeField(_("objected at"), null=True, blank=True)
    disclosed = models.TextField(_("what was disclosed"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=AuthorityStatus.choices, default=AuthorityStatus.OPEN,
        db_index=True,  # as DataSubjectRequest.status
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta(Tracked.Meta):
        verbose_name = _("authority request")
        verbose_name_plural = _("authority requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gagged=False) | models.Q(controller_told_at__isnull=True),
                name="gagged_requests_are_not_told",
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority}: {self.legal_basis}"

    @property
    def is_open(self) -> bool:
        return self.status == AuthorityStatus.OPEN


# -- audits ------------------------------------------------------------------------------------


@status_tones(
    REQUESTED=Tone.WAITING,
    ALTERNATIVE_OFFERED=Tone.ACTIVE,
    SCHEDULED=Tone.ACTIVE,
    COMPLETED=Tone.DONE,
)
class AuditStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ALTERNATIVE_OFFERED = "alternative_offered", _("Certifications or reports offered instead")
    SCHEDULED = "scheduled", _("Scheduled")
    COMPLETED = "completed", _("Completed")


class AuditStage(models.TextChoices):
    """The step of an audit the controller is told about."""

    SCHEDULED = "scheduled", _("Scheduled")
    ALTERNATIVE = "alternative", _("Reports offered")
    COMPLETED = "completed", _("Completed")

    # For the notice templates, which get the stage in their context.
    @property
    def is_scheduled(self) -> bool:
        return self is AuditStage.SCHEDULED

    @property
    def is_alternative(self) -> bool:
        return self is AuditStage.ALTERNATIVE


class CostBearer(models.TextChoices):
    CONTROLLER = "controller", _("Controller")
    PROCESSOR = "processor", _("Processor")
    SHARED = "shared", _("Shared")


# The agreement's audit cost rule (``terms.audit.cost``) in words, never as its value; the
# same words as on the review page.
COST_RULES = {
    "controller": _("the controller"),
    "processor": _("the processor"),
    "controller_unless_noncompliant": _("the controller, unless the processor does not comply"),
    "shared": _("shared"),
}


class AuditRequest(Tracked):
    """An audit or inspection the controller asked for, under the agreement's audit terms."""

    scope = models.TextField(_("scope"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    auditor = models.CharField(_("auditor"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.REQUESTED,
        db_index=True,  # as DataSubjectRequest.status
    )
    cost_rule = models.CharField(_("cost rule of the agreement"), max_length=40, blank=True)
    notice_days = models.PositiveIntegerField(_("notice period (days)"), default=0)
    cost_estimate = models.DecimalField(
        _("cost estimate (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    alternative = models.TextField(_("certifications or reports offered"), blank=True)
    alternative_accepted = models.BooleanField(null=True, blank=True)
    report = models.FileField(_("report"), upload_to=_upload, blank=True)
    report_sha256 = models.CharField(max_length=64, blank=True)
    noncompliance_found = models.BooleanField(_("non-compliance found"), null=True, blank=True)
    cost_bearer = models.CharField(_("who pays"), max_length=12, choices=CostBearer.choices, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta(Tracked.Meta):
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="audit_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.auditor} {self.starts_on}"

    @property
    def cost_rule_label(self) -> str:
        """The agreement's cost rule in words ("" when the agreement states none)."""
        return str(COST_RULES.get(self.cost_rule, self.cost_rule))

    @property
    def is_requested(self) -> bool:
        return self.status == AuditStatus.REQUESTED

    @property
    def is_alternative_offered(self) -> bool:
        return self.status == AuditStatus.ALTERNATIVE_OFFERED

    @property
    def is_scheduled(self) -> bool:
        return self.status == AuditStatus.SCHEDULED

    @property
    def is_completed(self) -> bool:
        return self.status == AuditStatus.COMPLETED
