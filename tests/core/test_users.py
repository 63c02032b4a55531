"""The acting user: only a signed-in user reaches a foreign key."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from art28.core.users import user_or_none


def test_it_keeps_a_signed_in_user(admin_user):
    assert user_or_none(admin_user) is admin_user


def test_it_gives_none_for_the_system_a_name_and_an_anonymous_visitor():
    assert user_or_none(None) is None
    assert user_or_none("cli") is None
    assert user_or_none("") is None
    assert user_or_none(AnonymousUser()) is None
