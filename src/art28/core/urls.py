"""Absolute addresses for links that leave the site (e-mails, feeds, exports)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(name: str, *args: Any, **kwargs: Any) -> str:
    """The public address of URL ``name``: ``BASE_URL`` followed by ``reverse(name, ...)``.

    Positional ``args`` and keyword ``kwargs`` are the URL's parameters, as ``reverse`` takes them:
    ``absolute_url("breaches:incident_detail", incident.code)``.
    """
    return settings.BASE_URL + reverse(name, args=args or None, kwargs=kwargs or None)
