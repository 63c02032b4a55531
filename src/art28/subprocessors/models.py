"""The sub-processor register, its dated links to agreements, and changes with per-agreement clocks.

History lives in ``AgreementSubprocessor``: one row per period in which a sub-processor had
one status for one agreement (``since`` .. ``until``, open-ended while current). "Which
sub-processors were authorised for agreement A on date D, and on what basis" is a single
filter on that table; nothing is ever overwritten.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from art28.agreements.models import Agreement
from art28.core.status import Tone, status_tones
from art28.notices.models import Notice
from art28.parties.models import Processor
from art28.terms import facts
from art28.terms.schema import DpaTerms, in_language


class TransferMechanism(models.TextChoices):
    NONE = "none", _("None needed (inside the EEA)")
    ADEQUACY = "adequacy", _("Adequacy decision")
    SCC = "scc", _("Standard contractual clauses")
    BCR = "bcr", _("Binding corporate rules")
    DPF = "dpf", _("EU-US Data Privacy Framework")
    DEROGATION = "derogation", _("Derogation (Art. 49)")


@status_tones(PROPOSED=Tone.WAITING, ACTIVE=Tone.DONE, RETIRED=Tone.ENDED)
class SubprocessorStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("In use")
    RETIRED = "retired", _("No longer used")


def _agreement_file_path(instance: Subprocessor, filename: str) -> str:
    return f"subprocessors/{instance.code}/{filename}"


class SubprocessorQuerySet(models.QuerySet):
    def of(self, processor: Processor) -> SubprocessorQuerySet:
        return self.filter(processor=processor)

    def current(self) -> SubprocessorQuerySet:
        return self.exclude(status=SubprocessorStatus.RETIRED)


class Subprocessor(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.PROTECT, related_name="subprocessors")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2, e.g. NL"))
    # The register is Dutch-first: ``service`` is the Dutch text, ``service_en`` its English one.
    service = models.CharField(_("service or role (Dutch)"), max_length=300)
    service_en = models.CharField(_("service or role (English)"), max_length=300, blank=True)
    data_categories = models.JSONField(_("data categories"), default=list, blank=True)
    # Countries (ISO codes) where the data is processed or stored.
    locations = models.JSONField(_("processing locations"), default=list, blank=True)
    transfer_mechanism = models.CharField(
        _("transfer mechanism"),
        max_length=12,
        choices=TransferMechanism.choices,
        default=TransferMechanism.NONE,
    )
    dpf_certified = models.BooleanField(_("certified under the Data Privacy Framework"), default=False)
    safeguard_note = models.TextField(
        _("documented safeguard"),
        blank=True,
        help_text=_("Where the safeguard is documented (e.g. SCC module 3, signed date)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SubprocessorStatus.choices, default=SubprocessorStatus.PROPOSED
    )
    # "All agreements of the processor" versus an explicit set of agreements (scoped by service).
    scope_all = models.BooleanField(_("used for all agreements"), default=True)
    agreement_file = models.FileField(_("its agreement with us"), upload_to=_agreement_file_path, blank=True)
    agreement_sha256 = models.CharField(max_length=64, blank=True)
    # The sub-processor's own terms as DpaTerms JSON (what it promises us): the flow-down input.
    terms = models.JSONField(_("its terms"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubprocessorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sub-processor")
        verbose_name_plural = _("sub-processors")
        constraints = [
            models.UniqueConstraint(
                fields=["processor", "name"], name="subprocessor_name_unique_per_processor"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dpa_terms(self) -> DpaTerms | None:
        return DpaTerms.model_validate(self.terms) if self.terms else None

    def service_in(self, language: str) -> tuple[str, str | None]:
        """The service in ``language`` and, when that text is missing, the language it is in."""
        text, fallback = in_language({"nl": self.service, "en": self.service_en}, None, language)
        return text or "", fallback

    @property
    def service_text(self) -> str:
        """The service in the language of the page being shown, else the other language's."""
        return self.service_in(get_language() or "nl")[0]

    @property
    def all_countries(self) -> list[str]:
        """The seat and every processing location, each once, seat first."""
        seen: list[str] = []
        for code in [self.country, *self.locations]:
            if code and code not in seen:
                seen.append(code)
        return seen

    @property
    def outside_eea(self) -> bool:
        return any(not facts.in_eea(c) for c in self.all_countries)


@status_tones(
    PENDING=Tone.WAITING,
    AUTHORISED=Tone.DONE,
    OBJECTED=Tone.PROBLEM,
    REFUSED=Tone.PROBLEM,
    WITHDRAWN=Tone.ENDED,
    REMOVED=Tone.ENDED,
)
class LinkStatus(models.TextChoices):
    PENDING = "pending", _("Pending (waiting for consent or the objection window)")
    AUTHORISED = "authorised", _("Authorised")
    OBJECTED = "objected", _("Objected")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn for this agreement")
    REMOVED = "removed", _("No longer used")


class Basis(models.TextChoices):
    NAMED = "named", _("Named in the agreement (Annex IV)")
    CONSENT = "consent", _("Specific written consent")
    NO_OBJECTION = "no_objection", _("General authorisation; no objection within the window")
    CHANGE = "change", _("Proposed change")
    OBJECTION = "objection", _("Objection by the controller")
    REFUSAL = "refusal", _("Refusal by the controller")
    PROCESSOR = "processor", _("Decision of the processor")
    AGREEMENT_ENDED = "agreement_ended", _("Agreement ended")


class LinkQuerySet(models.QuerySet):
    def at(self, moment: datetime) -> LinkQuerySet:
        """Rows whose period contains ``moment``."""
        return self.filter(since__lte=moment).filter(
            models.Q(until__isnull=True) | models.Q(until__gt=moment)
        )

    def listed(self) -> LinkQuerySet:
        """The links a sub-processor list shows: authorised, pending and objected."""
        return self.filter(status__in=(LinkStatus.AUTHORISED, LinkStatus.PENDING, LinkStatus.OBJECTED))

    def open(self) -> LinkQuerySet:
        return self.filter(until__isnull=True)


class AgreementSubprocessor(models.Model):
    """One period of one status of a sub-processor for one agreement."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subprocessor = models.ForeignKey(Subprocessor, on_delete=models.PROTECT, related_name="links")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="subprocessor_links")
    status = models.CharField(_("status"), max_length=12, choices=LinkStatus.choices)
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    change = models.ForeignKey(
        "SubprocessorChange", null=True, blank=True, on_delete=models.PROTECT, related_name="links"
    )
    since = models.DateTimeField(_("since"))
    until = models.DateTimeField(_("until"), null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("sub-processor of an agreement")
        verbose_name_plural = _("sub-processors of agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["subprocessor", "agreement"],
                condition=models.Q(until__isnull=True),
                name="one_open_link_per_subprocessor_agreement",
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="link_period_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["agreement", "since"]),
            models.Index(fields=["subprocessor", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.subprocessor} / {self.agreement.reference}: {self.status}"


class ChangeKind(models.TextChoices):
    ADD = "add", _("Add a sub-processor")
    REPLACE = "replace", _("Replace a sub-processor")
    REMOVE = "remove", _("Remove a sub-processor")

    # For the notice templates, which get the kind in their context.
    @property
    def is_replacement(self) -> bool:
        return self is ChangeKind.REPLACE

    @property
    def is_removal(self) -> bool:
        return self is ChangeKind.REMOVE


class ObjectionOutcome(models.TextChoices):
    """How staff settle a controller's objection to a change."""

    WITHDRAW = "withdraw", _("Withdraw the change for this controller")
    ALTERNATIVE = "alternative", _("Offer an alternative sub-processor")
    AGREEMENT_ENDED = "agreement_ended", _("End the agreement")

    # For the notice templates, which get the outcome in their context.
    @property
    def is_withdraw(self) -> bool:
        return self is ObjectionOutcome.WITHDRAW

    @property
    def is_alternative(self) -> bool:
        return self is ObjectionOutcome.ALTERNATIVE


class TrustEvent(models.TextChoices):
    """What a trust-page announcement to followers is about."""

    MEASURES = "measures", _("Security measures")
    PROPOSED = "proposed", _("Intended change")
    ACTIVATED = "activated", _("Change in effect")
    WITHDRAWN = "withdrawn", _("Change withdrawn")

    # For the announcement templates, which get the event in their context.
    @property
    def is_measures(self) -> bool:
        return self is TrustEvent.MEASURES

    @property
    def is_proposed(self) -> bool:
        return self is TrustEvent.PROPOSED

    @property
    def is_activated(self) -> bool:
        return self is TrustEvent.ACTIVATED


@status_tones(OPEN=Tone.WAITING, COMPLETED=Tone.DONE, WITHDRAWN=Tone.ENDED)
class ChangeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SubprocessorChange(models.Model):
    """A proposal of the processor: add, replace or remove a sub-processor from a date."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.PROTECT, related_name="subprocessor_changes")
    kind = models.CharField(_("kind"), max_length=8, choices=ChangeKind.choices)
    # The sub-processor that is added (add, replace) or removed (remove).
    subprocessor = models.ForeignKey(Subprocessor, on_delete=models.PROTECT, related_name="changes")
    replaces = models.ForeignKey(
        Subprocessor, null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by_changes"
    )
    effective_at = models.DateTimeField(_("intended effective date"))
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.OPEN
    )
    created_at = models.DateTimeField(_("proposed at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sub-processor change")
        verbose_name_plural = _("sub-processor changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subprocessor}"

    @property
    def adds(self) -> bool:
        return self.kind in (ChangeKind.ADD, ChangeKind.REPLACE)

    @property
    def is_open(self) -> bool:
        return self.status == ChangeStatus.OPEN


class Mode(models.TextChoices):
    CONSENT = "consent", _("Prior specific consent")
    OBJECTION = "objection", _("Notice with an objection window")
    INFORM = "inform", _("Information only (removal)")


@status_tones(
    AWAITING_CONSENT=Tone.WAITING,
    CONSENTED=Tone.DONE,
    REFUSED=Tone.PROBLEM,
    WINDOW_OPEN=Tone.WAITING,
    OBJECTED=Tone.PROBLEM,
    CLEARED=Tone.DONE,
    ACTIVE=Tone.DONE,
    WITHDRAWN=Tone.ENDED,
    ALTERNATIVE=Tone.ACTIVE,
    AGREEMENT_ENDED=Tone.ENDED,
)
class ClockStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting consent")
    CONSENTED = "consented", _("Consented")
    REFUSED = "refused", _("Refused")
    WINDOW_OPEN = "window_open", _("Objection window open")
    OBJECTED = "objected", _("Objected")
    CLEARED = "cleared", _("Window passed without objection")
    ACTIVE = "active", _("In effect")
    WITHDRAWN = "withdrawn", _("Withdrawn for this agreement")
    ALTERNATIVE = "alternative", _("Alternative offered")
    AGREEMENT_ENDED = "agreement_ended", _("Agreement ended")


# Statuses in which the controller can still answer.
ANSWERABLE = (ClockStatus.AWAITING_CONSENT, ClockStatus.WINDOW_OPEN)
# Statuses in which the change may take effect once its date has come.
READY = (ClockStatus.CONSENTED, ClockStatus.CLEARED)
FINAL = (
    ClockStatus.ACTIVE,
    ClockStatus.REFUSED,
    ClockStatus.WITHDRAWN,
    ClockStatus.ALTERNATIVE,
    ClockStatus.AGREEMENT_ENDED,
)


class ChangeAgreementQuerySet(models.QuerySet):
    def pending(self) -> ChangeAgreementQuerySet:
        return self.exclude(status__in=FINAL)


class ChangeAgreement(models.Model):
    """The clock of one change for one agreement, under that agreement's terms."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    change = models.ForeignKey(SubprocessorChange, on_delete=models.CASCADE, related_name="clocks")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="subprocessor_clocks")
    mode = models.CharField(_("procedure"), max_length=10, choices=Mode.choices)
    status = models.CharField(_("status"), max_length=16, choices=ClockStatus.choices)
    business_days = models.BooleanField(default=False)
    # True when the transfer policy of the agreement demands written consent regardless.
    transfer_consent = models.BooleanField(_("written consent for a transfer"), default=False)
    notified_at = models.DateTimeField(_("notified at"))
    objection_deadline = models.DateTimeField(_("objection deadline"), null=True, blank=True)
    takes_effect_at = models.DateTimeField(_("takes effect at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    alternative = models.ForeignKey(
        Subprocessor, null=True, blank=True, on_delete=models.PROTECT, related_name="offered_as_alternative"
    )
    notice = models.OneToOneField(Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ChangeAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["agreement__reference"]
        verbose_name = _("change clock")
        verbose_name_plural = _("change clocks")
        constraints = [
            # One clock, hence one notice, per change and agreement.
            models.UniqueConstraint(fields=["change", "agreement"], name="one_clock_per_change_agreement"),
        ]
        indexes = [
            models.Index(fields=["status", "takes_effect_at"]),
            # The what-is-due list's first rows of the open clocks in one status: read in the
            # order of its sort key (deadline, then code) and stopped at the LIMIT, not sorted;
            # with the agreement (need-to-know) the counts read this index alone, not the table.
            models.Index(fields=["status", "resolved_at", "objection_deadline", "code", "agreement"],
                         name="clock_open_deadline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.change} / {self.agreement.reference}: {self.status}"

    @property
    def answerable(self) -> bool:
        return self.status in ANSWERABLE

    @property
    def is_objected(self) -> bool:
        return self.status == ClockStatus.OBJECTED

    @property
    def asks_consent(self) -> bool:
        return self.mode == Mode.CONSENT


class TrustStatement(models.Model):
    """What the processor chooses to publish on its trust page about its security: a short
    summary of measures and the certifications it holds. Changed only through
    ``publish_trust_statement`` (a ledger event; a substantial change is announced)."""

    processor = models.OneToOneField(Processor, on_delete=models.CASCADE, related_name="trust_statement")
    measures = models.TextField(_("published summary of security measures"), max_length=4000, blank=True)
    certifications = models.TextField(
        _("published certifications"), max_length=2000, blank=True,
        help_text=_("One per line, e.g. ISO/IEC 27001:2022 (valid until 2027)."))
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("trust statement")
        verbose_name_plural = _("trust statements")

    def __str__(self) -> str:
        return f"trust statement of {self.processor_id}"

    @property
    def certification_lines(self) -> list[str]:
        return [line.strip() for line in self.certifications.splitlines() if line.strip()]
