from typing import Any

from django.http import HttpRequest

from art28.parties.access import membership_of
from art28.parties.models import Role


def roles(request: HttpRequest) -> dict[str, Any]:
    m = membership_of(getattr(request, "user", None))
    return {
        "membership": m,
        "is_processor_side": bool(m and m.is_processor_side),
        "is_processor_admin": bool(m and m.role == Role.PROCESSOR_ADMIN),
        "is_controller_user": bool(m and m.role == Role.CONTROLLER_USER),
    }
