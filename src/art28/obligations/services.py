"""The user's own settings of the obligations list: rotating the feed token, the digest opt-out."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from art28.core.ledger_scope import ledger_scope
from art28.ledger.services import record_event
from art28.obligations.models import Preference, new_token
from art28.parties.access import membership_of


def _scope(user: Any) -> dict[str, Any]:
    m = membership_of(user)
    return ledger_scope(m.processor_id, m.controller_id) if m else ledger_scope()


def rotate_feed_token(*, user: Any, acting_user: Any) -> Preference:
    """Give the user a new secret calendar address; the old one stops working at once."""
    with transaction.atomic():
        pref, _created = Preference.objects.select_for_update().get_or_create(user=user)
        pref.feed_token = new_token()
        pref.save(update_fields=["feed_token"])
        record_event(action="obligations.feed_rotated", obj=("user", user.pk), acting_user=acting_user,
                     **_scope(user))
    return pref


def set_digest(*, user: Any, enabled: bool, acting_user: Any) -> Preference:
    """Switch the user's daily digest e-mail on or off."""
    with transaction.atomic():
        pref, _created = Preference.objects.select_for_update().get_or_create(user=user)
        pref.digest = enabled
        pref.save(update_fields=["digest"])
        record_event(action="obligations.digest_set", obj=("user", user.pk), acting_user=acting_user,
                     data={"enabled": enabled}, **_scope(user))
    return pref
