"""Issuing and revoking API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from art28.api.models import ApiToken, hash_token
from art28.ledger.services import record_event
from art28.parties.access import membership_of


@transaction.atomic
def create_token(*, user: Any, name: str, acting_user: Any) -> tuple[ApiToken, str]:
    """A new token for ``user``; the raw value is returned once and never stored."""
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(user=user, name=name.strip() or "token",
                                    key_hash=hash_token(raw))
    m = membership_of(user)
    record_event(action="api_token.created", obj=token, acting_user=acting_user,
                 data={"user": user.username, "name": token.name},
                 processor_id=m.processor_id if m else None,
                 controller_id=m.controller_id if m else None)
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, acting_user: Any) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(action="api_token.revoked", obj=token, acting_user=acting_user,
                 data={"name": token.name})


def user_for_token(raw: str) -> Any:
    token = (ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw),
                                                            revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
