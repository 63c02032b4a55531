"""The processor's versioned catalogue of technical and organisational measures (Annex III)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from art28.parties.models import Processor

USER = settings.AUTH_USER_MODEL


class MeasureCatalogue(models.Model):
    """One version of the processor's technical and organisational measures (Annex III)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("version"))
    measures = models.JSONField(_("measures"))
    summary = models.TextField(_("what changed"))
    substantial = models.BooleanField(_("substantial change"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agreements_updated = models.PositiveIntegerField(default=0)
    controllers_notified = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "dprequests_measurecatalogue"  # the table it had in the requests app
        ordering = ["-number"]
        verbose_name = _("security measures version")
        verbose_name_plural = _("security measures versions")
        constraints = [
            models.UniqueConstraint(fields=["processor", "number"], name="one_measures_number_per_processor")
        ]

    def __str__(self) -> str:
        return f"TOM v{self.number}"
