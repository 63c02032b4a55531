"""Reviews of agreements read by the analyzer, and the processor's playbook."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from art28.parties.models import Controller, Processor


def _staged_path(instance: Review, filename: str) -> str:
    return f"reviews/{instance.code}/{filename}"


class ReviewQuerySet(models.QuerySet):
    def pending_imports(self) -> ReviewQuerySet:
        return self.filter(models.Q(controller__isnull=False, agreement__isnull=True)
                           | models.Q(subprocessor__isnull=False, imported_at__isnull=True))


class Review(models.Model):
    """One document read by the analyzer; ``result`` is the analysis as JSON.

    A plain review keeps no copy of the file. An import keeps it until staff confirm the
    terms: with ``controller`` set it becomes the signed document of a new agreement; with
    ``subprocessor`` set it becomes that sub-processor's own agreement with us (the flow-down
    input). Never both.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.CASCADE, related_name="reviews")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    language = models.CharField(_("language"), max_length=2)
    result = models.JSONField(_("analysis"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Set for an import of a signed agreement: for whom, the file, and the agreement it became.
    controller = models.ForeignKey(Controller, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("controller"))
    document = models.FileField(upload_to=_staged_path, blank=True)
    agreement = models.ForeignKey("agreements.Agreement", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("imported as"))
    # Set for an import of a sub-processor's own agreement with us.
    subprocessor = models.ForeignKey("subprocessors.Subprocessor", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("sub-processor"))
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("agreement review")
        verbose_name_plural = _("agreement reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(controller__isnull=True) | models.Q(subprocessor__isnull=True),
                name="review_imports_for_one_party"),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_import(self) -> bool:
        return self.controller_id is not None or self.subprocessor_id is not None

    @property
    def is_imported(self) -> bool:
        """The staged import has been confirmed (an agreement, or the sub-processor's terms)."""
        return self.agreement_id is not None or self.imported_at is not None

    @property
    def counts(self) -> dict[str, int]:
        """How many checklist items are present, partial and missing."""
        out = {"present": 0, "partial": 0, "missing": 0}
        for item in (self.result.get("art28") or {}).values():
            out[item.get("status", "missing")] = out.get(item.get("status", "missing"), 0) + 1
        return out

    @property
    def deviations(self) -> int:
        return sum(1 for c in self.result.get("playbook") or [] if not c.get("ok"))

    def evidence(self, path: str) -> list[dict[str, Any]]:
        return list((self.result.get("evidence") or {}).get(path) or [])


class Playbook(models.Model):
    """The processor's positions (``art28.analyzer.Playbook`` as JSON), used for every review."""

    processor = models.OneToOneField(Processor, on_delete=models.CASCADE, related_name="review_playbook")
    positions = models.JSONField(_("positions"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("review playbook")
        verbose_name_plural = _("review playbooks")

    def __str__(self) -> str:
        return str(self.processor)
