"""API-side access checks on top of the apps' helpers (parties.access, agreements.access)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from art28.agreements.access import is_controller_user
from art28.api.models import ApiToken
from art28.core.access import get_or_404
from art28.parties.access import require_processor_side
from art28.parties.models import Membership


def require_staff(user: Any, *, write: bool = True, admin: bool = False) -> Membership:
    """Processor side only. A controller user who can already see the object gets 403:
    a 404 would hide nothing from them."""
    if is_controller_user(user):
        raise PermissionDenied
    return require_processor_side(user, write=write, admin=admin)


def require_controller_user(user: Any) -> None:
    """Only the controller's own users accept on its behalf."""
    if not is_controller_user(user):
        raise PermissionDenied


def visible_tokens(user: Any, *, write: bool = False) -> Any:
    """Tokens of the users of the acting admin's processor."""
    m = require_staff(user, write=write, admin=True)
    return ApiToken.objects.select_related("user").filter(
        user__membership__processor_id=m.processor_id)


def token_for(user: Any, code: Any, *, write: bool = False) -> ApiToken:
    return get_or_404(visible_tokens(user, write=write), code=code)


def member_for(user: Any, username: str) -> Any:
    """A user of the acting admin's own processor (staff or a controller's user), by name."""
    m = require_staff(user, admin=True)
    member = (get_user_model().objects
              .filter(username=username, membership__processor_id=m.processor_id).first())
    if member is None:
        raise ValidationError({"username": _("No user %(u)s at your organisation.")
                               % {"u": username}})
    return member
