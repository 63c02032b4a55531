"""Lookups of the obligations list: filters narrowed to what the user may see, and the feed token.

Views and the API ask here (tests/test_architecture.py keeps queries out of them).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from art28.obligations.models import Preference
from art28.parties.access import find_controllers, membership_of, visible_controllers
from art28.parties.models import Controller, Role


def filtered_controllers(user: Any, *, q: str = "", code: Any = None,
                         assignee: str = "") -> QuerySet[Controller] | None:
    """The controllers the list is narrowed to, or None for all the user may see.

    ``q`` searches names (and KvK numbers), ``code`` picks one controller, ``assignee`` the
    controllers assigned to that staff member of the user's own processor.
    """
    if not (q or code or assignee):
        return None
    qs = find_controllers(user, q)
    if code:
        qs = qs.filter(code=code)
    if assignee:
        qs = qs.filter(staff__user__username=assignee)
    return qs


def assignees(user: Any) -> list[tuple[str, str]]:
    """Staff members of the user's processor (username, name), for the assignee filter."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return []
    qs = (get_user_model().objects.filter(membership__processor_id=m.processor_id,
                                          membership__role=Role.PROCESSOR_STAFF)
          .order_by("username"))
    return [(u.username, u.get_full_name() or u.username) for u in qs]


def has_controllers(user: Any) -> bool:
    return visible_controllers(user).exists()


def preference_of(user: Any) -> Preference:
    """The user's own preferences, made on first use."""
    pref, _created = Preference.objects.get_or_create(user=user)
    return pref


def feed_owner(token: str) -> Any:
    """The active user whose calendar feed this token opens; 404 for any other token."""
    pref = (Preference.objects.select_related("user").filter(feed_token=token, user__is_active=True)
            .first() if token else None)
    if pref is None:
        raise Http404
    return pref.user


def digest_recipients() -> QuerySet[Any]:
    """Processor-side users who have not opted out of the digest (preferences made on demand)."""
    return (get_user_model().objects.filter(is_active=True, membership__isnull=False,
                                            membership__role__in=[Role.PROCESSOR_ADMIN, Role.PROCESSOR_STAFF])
            .exclude(email="").exclude(obligation_preference__digest=False).order_by("pk"))
