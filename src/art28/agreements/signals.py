"""Signals through which agreements tell higher apps about an event without importing them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside create_agreement's transaction with ``agreement`` and ``acting_user``, once the
# agreement and its first draft exist (the sub-processor register fills Annex IV from it).
agreement_created = Signal()
