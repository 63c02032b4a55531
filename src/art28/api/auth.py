"""Bearer-token authentication for the API: ``Authorization: Bearer art28_...``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from art28.api.models import PREFIX
from art28.api.services import user_for_token


class TokenAuth(HttpBearer):
    """Resolves a raw token to its active user; anything else is a 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(PREFIX):
            return None
        user = user_for_token(token)
        if user is not None:
            # The session user (if any) must never be the one that acts through the API.
            request.user = user
        return user
