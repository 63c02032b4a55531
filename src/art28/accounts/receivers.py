"""Keep the index of login sessions per person (accounts.models.UserSession)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.utils import timezone

from art28.accounts.models import UserSession


def remember_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """At login: index this session under the person, and drop their rows of sessions gone."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if not key or user is None:
        return
    UserSession.objects.update_or_create(session_key=key, defaults={"user": user})
    mine = UserSession.objects.filter(user=user)
    alive = Session.objects.filter(session_key__in=mine.values("session_key"),
                                   expire_date__gt=timezone.now()).values("session_key")
    mine.exclude(session_key__in=alive).exclude(session_key=key).delete()


def forget_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()
