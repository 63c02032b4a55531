"""Agreements, their versions, and the evidence of who accepted which exact document."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from art28.parties.models import Controller
from art28.terms.schema import DpaTerms


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Awaiting the controller's signature")
    ACCEPTED = "accepted", _("Accepted, awaiting countersignature")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Superseded")


FROZEN = (VersionStatus.SENT, VersionStatus.ACCEPTED, VersionStatus.SIGNED, VersionStatus.SUPERSEDED)


class AgreementQuerySet(models.QuerySet):
    def with_current(self) -> AgreementQuerySet:
        return self.select_related("controller", "controller__processor")

    def active(self) -> AgreementQuerySet:
        """Agreements not ended: their promises still apply."""
        return self.filter(ended_at__isnull=True)

    def signed(self) -> AgreementQuerySet:
        return self.filter(versions__status=VersionStatus.SIGNED).distinct()


class Agreement(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="agreements")
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the termination workflow; surviving obligations (confidentiality) still apply.
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.reference} ({self.controller})"

    @property
    def latest(self) -> AgreementVersion:
        return self.versions.order_by("-number").first()  # type: ignore[return-value]

    @property
    def in_force(self) -> AgreementVersion | None:
        """The signed version whose promises apply now."""
        return self.versions.filter(status=VersionStatus.SIGNED).order_by("-number").first()

    @property
    def binding(self) -> AgreementVersion:
        """The terms the obligation engine applies: the signed version, else the latest.

        Processing often starts before the paperwork is done; the promises in the latest
        draft are then the best statement of what the parties intend.
        """
        return self.in_force or self.latest


def _document_path(instance: AgreementVersion, filename: str) -> str:
    return f"agreements/{instance.agreement.code}/{instance.number}/{filename}"


class AgreementVersion(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    language = models.CharField(_("language"), max_length=2)
    standard_version = models.CharField(_("standard terms version"), max_length=20)
    terms = models.JSONField(_("terms"))
    changes = models.JSONField(_("changes from the previous version"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # The exact PDF shown for acceptance, frozen when sent, and its fingerprint.
    document = models.FileField(upload_to=_document_path, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The same document with the evidence page, made at countersignature.
    signed_document = models.FileField(upload_to=_document_path, blank=True)
    signed_document_sha256 = models.CharField(max_length=64, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "-number"]
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="one_number_per_agreement"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} v{self.number}"

    @property
    def dpa_terms(self) -> DpaTerms:
        return DpaTerms.model_validate(self.terms)

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN


class AcceptanceRole(models.TextChoices):
    CONTROLLER = "controller", _("Controller")
    PROCESSOR = "processor", _("Processor")


class Acceptance(models.Model):
    """Who accepted which exact document, when and from where."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="acceptances")
    role = models.CharField(_("role"), max_length=12, choices=AcceptanceRole.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="+")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    document_sha256 = models.CharField(_("document SHA-256"), max_length=64)

    class Meta:
        ordering = ["accepted_at"]
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        constraints = [
            models.UniqueConstraint(fields=["version", "role"], name="one_acceptance_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role}) {self.accepted_at:%Y-%m-%d %H:%M}"
