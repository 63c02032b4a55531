"""What art28's gates put on a request, as types, so views and routers read it without checks.

Django's ``HttpRequest`` knows neither django-ninja's ``auth`` nor the ``membership`` that
``staff_required`` / ``portal_required`` attach, and types ``user`` as possibly anonymous. A view
behind one of those gates annotates its request with the matching class below; nothing here
exists at run time beyond the annotation. (It lives in ``parties`` rather than ``core`` because
a membership is a parties model, and ``core`` imports no app above it.)
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from art28.parties.models import Controller, Membership

#: ``request.user`` before any gate: a person who logged in, or nobody.
AnyUser = User | AnonymousUser


class AuthedRequest(HttpRequest):
    """An API request past ``art28.api.auth.TokenAuth``: ``auth`` is the token's active user,
    which the check also made ``user``."""

    auth: User
    user: User


class MemberRequest(HttpRequest):
    """A request past ``staff_required`` (a processor-side member, second factor passed) or
    ``portal_required`` (a controller's user): a logged-in user and their membership."""

    user: User
    membership: Membership


#: Behind ``staff_required``.
StaffRequest = MemberRequest
#: Behind ``portal_required``.
PortalRequest = MemberRequest


def portal_controller(request: PortalRequest) -> Controller:
    """The organisation of a portal user (``portal_required`` lets only controller users in,
    and a controller user's membership always names its controller)."""
    controller = request.membership.controller
    assert controller is not None
    return controller
