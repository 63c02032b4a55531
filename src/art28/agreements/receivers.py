"""What agreements do when a lower app reports a change; connected in AgreementsConfig.ready()."""

from __future__ import annotations

from typing import Any

from art28.agreements.services import refresh_drafts_from_profile
from art28.parties.models import Processor


def refresh_drafts(sender: Any, *, processor: Processor, **kwargs: Any) -> int:
    """The processor's profile changed: unsent drafts take the new details."""
    return refresh_drafts_from_profile(processor=processor)
