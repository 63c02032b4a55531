"""The user's calendar feed and its settings page (secret address, rotation, digest opt-out)."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.obligations import services
from art28.obligations.access import feed_owner, preference_of
from art28.obligations.collect import open_obligations
from art28.obligations.ical import calendar
from art28.parties.access import membership_of
from art28.web.decorators import portal_required, staff_required

View = Any


def member_required(view: View) -> View:
    """Processor staff (past the second factor) or a controller's user; the user's own settings."""
    staff, portal = staff_required()(view), portal_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        m = membership_of(request.user)
        return (staff if m is None or m.is_processor_side else portal)(request, *args, **kwargs)

    return wrapper


@member_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    pref = preference_of(request.user)
    feed = request.build_absolute_uri(reverse("obligations:feed", args=[pref.feed_token]))
    return render(request, "obligations/settings.html", {
        # member_required let only members in.
        "feed": feed, "pref": pref, "staff": membership_of(request.user).is_processor_side})  # type: ignore[union-attr]


@require_POST
@member_required
def feed_rotate(request: HttpRequest) -> HttpResponse:
    services.rotate_feed_token(user=request.user, acting_user=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("obligations:settings")


@require_POST
@staff_required()
def digest_set(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("digest") == "on"
    services.set_digest(user=request.user, enabled=enabled, acting_user=request.user)
    messages.success(request, _("The daily digest is on.") if enabled else _("The daily digest is off."))
    return redirect("obligations:settings")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret calendar address: no login, the token is the key (404 for any other)."""
    user = feed_owner(token)
    body = calendar(open_obligations(user), name=_("art28: what is due"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
