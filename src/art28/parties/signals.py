"""Signals through which parties tell higher apps about a change without importing them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside update_processor's transaction with ``processor``; a receiver returns how many
# objects it brought up to date (agreements refresh their unsent drafts).
processor_profile_changed = Signal()
