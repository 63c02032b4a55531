"""The controller portal's notices inbox: the list and one notice."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from art28.core.decorators import portal_required
from art28.core.pagination import page_of
from art28.notices.access import portal_notice_for, portal_notices


@portal_required
def portal_notice_list(request: HttpRequest) -> HttpResponse:
    notices = portal_notices(request.user).order_by("-created_at", "-pk")
    return render(request, "notices/portal_notices.html", {"page": page_of(request, notices)})


@portal_required
def portal_notice(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "notices/portal_notice.html", {"n": portal_notice_for(request.user, code)})
