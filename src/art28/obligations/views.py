"""What is due: the staff dashboard, the portal home, the user's calendar feed and its settings
page (secret address, rotation, digest opt-out)."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_counts_by_status, portal_agreements
from art28.agreements.models import VersionStatus
from art28.core.actions import run_action
from art28.core.decorators import portal_required, staff_required
from art28.core.pagination import page_of
from art28.notices.access import DELIVERY_COUNT_CAP, delivery_counts
from art28.obligations import services
from art28.obligations.access import feed_owner, preference_of
from art28.obligations.collect import open_obligations
from art28.obligations.ical import calendar
from art28.obligations.listing import obligations_context
from art28.parties.access import membership_of, visible_controllers

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
    return run_action(
        request, call=lambda data: services.rotate_feed_token(user=request.user, acting_user=request.user),
        done=_("Your calendar has a new address; the old one no longer works."),
        back=reverse("obligations:settings"))


@require_POST
@staff_required()
def digest_set(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("digest") == "on"
    return run_action(
        request,
        call=lambda data: services.set_digest(user=request.user, enabled=enabled, acting_user=request.user),
        done=_("The daily digest is on.") if enabled else _("The daily digest is off."),
        back=reverse("obligations:settings"))


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret calendar address: no login, the token is the key (404 for any other)."""
    user = feed_owner(token)
    body = calendar(open_obligations(user), name=_("art28: what is due"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    controllers = visible_controllers(request.user)
    counts = agreement_counts_by_status(request.user)
    by_status = [(status, status.label, counts.get(status, 0)) for status in VersionStatus]
    deliveries = delivery_counts(request.user, cap=DELIVERY_COUNT_CAP)
    return render(request, "obligations/dashboard.html", {
        "controller_count": controllers.count(),
        "by_status": by_status,
        "pending_deliveries": deliveries["pending"],
        "failed_deliveries": deliveries["failed"],
        "deliveries_cap": DELIVERY_COUNT_CAP,
        **obligations_context(request),
    })


@portal_required
def portal_home(request: HttpRequest) -> HttpResponse:
    items = portal_agreements(request.user).order_by("-created_at")
    return render(request, "obligations/portal_home.html",
                  {"page": page_of(request, items), **obligations_context(request, filters=False)})
