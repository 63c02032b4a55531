"""The register of sealed PDFs art28 issued, so that one can be recognised by its hash."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SealedKind(models.TextChoices):
    AGREEMENT = "agreement", _("signed agreement")
    CERTIFICATE = "certificate", _("certificate of return or destruction")
    BREACH_REGISTER = "breach_register", _("breach register export")


class SealedDocument(models.Model):
    """One sealed PDF: its hashes, the certificate that sealed it, and where its ledger event is."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=SealedKind.choices)
    object_code = models.CharField(max_length=64, help_text="code of the version, termination or export")
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    # Of the bytes the seal covers: recognises the document after an incremental save.
    covered_sha256 = models.CharField(max_length=64, db_index=True)
    level = models.CharField(_("PAdES level"), max_length=8)
    certificate = models.BinaryField(help_text="DER of the sealing certificate")
    ledger_action = models.CharField(max_length=80)
    ledger_object = models.CharField(max_length=64)
    processor_id_ref = models.BigIntegerField(null=True)
    controller_id_ref = models.BigIntegerField(null=True)
    sealed_at = models.DateTimeField(_("sealed at"))

    class Meta:
        verbose_name = _("sealed document")
        verbose_name_plural = _("sealed documents")

    def __str__(self) -> str:
        return f"{self.kind} {self.sha256[:12]}"
