"""Requests from authorities: recorded by staff, objected to by the controller, closed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from art28.agreements.access import agreement_for
from art28.api.access import require_controller_user, require_staff
from art28.api.routing import REQUESTS_IDS, Router
from art28.api.schemas.requests import AuthorityIn, AuthorityOut, TextIn
from art28.parties.types import AuthedRequest
from art28.requests import access
from art28.requests.services import authority

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.post("/agreements/{code}/authority-requests", response={201: AuthorityOut})
def authority_create(request: AuthedRequest, code: UUID, payload: AuthorityIn) -> tuple[int, Any]:
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, authority.record_authority_request(
        agreement=agreement, acting_user=request.auth, **payload.dict()
    )


@router.get("/authority-requests/{code}", response=AuthorityOut)
def authority_get(request: AuthedRequest, code: UUID) -> Any:
    return access.authority_for(request.auth, code)


@router.post("/authority-requests/{code}/objection", response=AuthorityOut)
def authority_object(request: AuthedRequest, code: UUID, payload: TextIn) -> Any:
    req = access.authority_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return authority.record_objection(request=req, objection=payload.text, acting_user=request.auth)


@router.post("/authority-requests/{code}/close", response=AuthorityOut)
def authority_close(request: AuthedRequest, code: UUID, payload: TextIn) -> Any:
    req = access.authority_for(request.auth, code, write=True)
    require_staff(request.auth)
    return authority.close_authority_request(request=req, disclosed=payload.text, acting_user=request.auth)
