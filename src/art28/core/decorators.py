"""Who may open a view: processor staff with a verified second factor, or portal users."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from art28.parties.access import membership_of, require_processor_side
from art28.parties.models import Role
from art28.parties.types import MemberRequest

# A decorated view keeps its own type (its request may be a StaffRequest or PortalRequest: the
# wrapper is what attaches the membership those promise).
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def needs_second_factor(request: HttpRequest) -> bool:
    """Whether this (processor-side) user still has to pass the TOTP step."""
    if not settings.ART28_REQUIRE_OTP:
        return False
    # Right after auth.login() the user object has not been through OTPMiddleware yet.
    is_verified = getattr(request.user, "is_verified", None)
    return not (is_verified and is_verified())


def staff_required(write: bool = False, admin: bool = False) -> Callable[[View], View]:
    """Processor admin or staff, past the TOTP step; 404 for anyone else.

    ``write`` refuses read-only members (403); ``admin`` refuses non-admins (403).
    Views on one object check write access through the app's access helper instead.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_of(request.user)
            if membership is not None and membership.is_processor_side and \
                    needs_second_factor(request):
                return redirect("accounts:otp_verify")
            # The gate attaches the membership; parties.types.StaffRequest types it for views.
            request.membership = require_processor_side(  # type: ignore[attr-defined]
                request.user, write=write, admin=admin)
            return view(request, *args, **kwargs)

        return cast(View, wrapper)

    return decorate


def portal_required(view: View) -> View:
    """A user of a controller organisation; 404 for anyone else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_of(request.user)
        if membership is None or membership.role != Role.CONTROLLER_USER:
            raise Http404
        cast(MemberRequest, request).membership = membership
        return view(request, *args, **kwargs)

    return cast(View, wrapper)


def require_write(request: HttpRequest) -> None:
    """403 for a read-only member (for views that change nothing tied to one object)."""
    membership = membership_of(request.user)
    if membership is None or membership.read_only:
        raise PermissionDenied
