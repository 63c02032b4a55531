"""The access base: an outsider gets 404, a read-only writer 403, and 404 comes first."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from art28.core.access import get_or_404, object_for
from art28.parties.models import Controller


def test_it_finds_the_row(controller_a):
    assert get_or_404(Controller.objects.all(), code=controller_a.code) == controller_a


@pytest.mark.parametrize("code", [uuid.uuid4(), "not-a-uuid", None])
def test_it_gives_404_for_a_missing_or_malformed_code(controller_a, code):
    with pytest.raises(Http404):
        get_or_404(Controller.objects.all(), code=code)


def test_it_gives_404_outside_what_the_user_may_see(controller_a, controller_b):
    with pytest.raises(Http404):
        object_for(Controller.objects.exclude(pk=controller_b.pk), controller_b.code, write=True,
                   may_write=lambda c: False)


def test_it_gives_403_to_a_writer_who_may_not(controller_a):
    asked = []
    assert object_for(Controller.objects.all(), controller_a.code,
                      may_write=lambda c: asked.append(c) or False) == controller_a
    assert asked == []  # a reader is not asked about writing
    with pytest.raises(PermissionDenied):
        object_for(Controller.objects.all(), controller_a.code, write=True, may_write=lambda c: False)
    assert object_for(Controller.objects.all(), controller_a.code, write=True,
                      may_write=lambda c: c == controller_a) == controller_a
