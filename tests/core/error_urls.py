"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from art28.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

SECRET = "internal detail 7f3a: table art28_secret"


def boom(request):
    raise RuntimeError(SECRET)


def forbidden(request):
    raise PermissionDenied(SECRET)


urlpatterns = [path("boom/", boom), path("forbidden/", forbidden), *urlpatterns]
