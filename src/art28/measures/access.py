"""The one access helper of this app: the catalogue is the processor's own, never a controller's."""

from __future__ import annotations

from typing import Any

from django.db import models

from art28.measures.models import MeasureCatalogue
from art28.parties.access import membership_of


def visible_catalogues(user: Any) -> models.QuerySet[MeasureCatalogue]:
    """The versions of the own processor's security-measure catalogue (processor side only)."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return MeasureCatalogue.objects.none()
    return MeasureCatalogue.objects.filter(processor_id=m.processor_id)
