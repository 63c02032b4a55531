"""The site's own 403, 404, 500 and CSRF pages: branded, in the user's language, no internals.

Django calls these only with ``DEBUG = False``; ``urls.py`` names them as ``handler40x``.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    # An error page never echoes the address asked for: it may hold another client's code.
    return render(request, template, {"status": status, "error_page": True}, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the exception's text is never shown (it may name what the user may not see)."""
    return _page(request, "core/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: the same page whether the object does not exist or is not the user's."""
    return _page(request, "core/404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from an expired or foreign page: ask to reload and try again."""
    return _page(request, "core/403_csrf.html", 403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered with the navigation when it can, and without the request otherwise.

    The failure may be the database itself, and the navigation needs it (the user's role):
    then the page is rendered from the template alone, which touches neither.
    """
    try:
        return _page(request, "core/500.html", 500)
    except Exception:  # the page that reports a failure must not fail itself
        log.exception("the 500 page could not be rendered with the request; rendering it bare")
    return HttpResponse(render_to_string("core/500.html", {"status": 500, "bare": True}), status=500)
