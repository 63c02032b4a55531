"""The one access helper of this app: every lookup goes through the agreement's controller.

Outsiders get 404; read-only members asking to write get 403. A request that a legal ban
keeps from the controller is invisible to the controller's users.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from art28.agreements.access import find_agreements, is_controller_user, visible_terminations
from art28.agreements.models import Agreement
from art28.core.access import object_for as core_object_for
from art28.parties.access import can_write, visible_at
from art28.parties.search import client_search
from art28.requests.models import (
    AuditRequest,
    AuthorityRequest,
    DataSubjectRequest,
    Instruction,
    RequestTask,
)

M = TypeVar("M", bound=models.Model)
_PATH: dict[type[models.Model], str] = {RequestTask: "request__agreement"}


def visible(model: type[M], user: Any) -> models.QuerySet[M]:
    path = _PATH.get(model, "agreement")
    qs = model.objects.filter(visible_at(user, f"{path}__controller"))  # type: ignore[attr-defined]
    if model is AuthorityRequest and is_controller_user(user):
        qs = qs.filter(gagged=False)
    return qs.select_related(f"{path}__controller__processor")


def visible_of(model: type[M], user: Any, agreement: Any) -> models.QuerySet[M]:
    """What the user may see of ``model`` logged against one (visible) agreement."""
    return visible(model, user).filter(agreement=agreement)


def overview(user: Any, q: str = "") -> dict[str, Any]:
    """The staff overview narrowed by ``q`` (an agreement's reference, a controller's name or
    KvK number): the agreements, and each kind of request against them, newest first (the
    view pages each list on its own)."""
    def matching(qs: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return qs.filter(client_search(q, controller="agreement__controller", agreement="agreement"))

    agreements: models.QuerySet[Agreement] = find_agreements(user, q=q).active()
    return {
        "agreements": agreements.select_related("controller").order_by("reference", "pk"),
        "dsrs": matching(visible(DataSubjectRequest, user)).order_by("-created_at", "-pk"),
        "instructions": matching(visible(Instruction, user)).order_by("-created_at", "-pk"),
        "authority": matching(visible(AuthorityRequest, user)).order_by("-created_at", "-pk"),
        "audits": matching(visible(AuditRequest, user)).order_by("-created_at", "-pk"),
        "terminations": matching(visible_terminations(user)).order_by("-ended_at", "-pk"),
    }


def object_for(model: type[M], user: Any, code: Any, *, write: bool = False) -> M:
    return core_object_for(visible(model, user), code, write=write, may_write=lambda _: can_write(user))


def dsr_for(user: Any, code: Any, *, write: bool = False) -> DataSubjectRequest:
    return object_for(DataSubjectRequest, user, code, write=write)


def task_for(user: Any, code: Any, *, write: bool = False) -> RequestTask:
    return object_for(RequestTask, user, code, write=write)


def instruction_for(user: Any, code: Any, *, write: bool = False) -> Instruction:
    return object_for(Instruction, user, code, write=write)


def authority_for(user: Any, code: Any, *, write: bool = False) -> AuthorityRequest:
    return object_for(AuthorityRequest, user, code, write=write)


def audit_for(user: Any, code: Any, *, write: bool = False) -> AuditRequest:
    return object_for(AuditRequest, user, code, write=write)
