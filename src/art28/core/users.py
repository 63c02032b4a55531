"""Who acts: the person behind a state change, as services store it.

Services take ``acting_user``: a signed-in user, an anonymous visitor (a public page, an
invitation link), ``None`` for the system, or a name such as ``"cli"`` or ``"demo"``. Only a
signed-in user can be stored in a foreign key (``created_by``, ``handler``, the ledger's
``actor``); the name still reaches the ledger's label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def user_or_none(acting_user: Any) -> User | None:
    """``acting_user`` when it is a signed-in user, else ``None`` (system, a name, anonymous)."""
    return acting_user if getattr(acting_user, "is_authenticated", False) is True else None
