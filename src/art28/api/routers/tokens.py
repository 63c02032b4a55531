"""API tokens: the processor admin issues and revokes them for its own organisation's users."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Router

from art28.api import services
from art28.api.access import member_for, token_for, visible_tokens
from art28.api.schemas.tokens import NewTokenOut, TokenIn, TokenOut
from art28.parties.types import AuthedRequest

router = Router(tags=["tokens"])


@router.get("/tokens", response=list[TokenOut])
def token_list(request: AuthedRequest) -> Any:
    return visible_tokens(request.auth).order_by("-created_at")


@router.post("/tokens", response={201: NewTokenOut})
def token_create(request: AuthedRequest, payload: TokenIn) -> tuple[int, Any]:
    user = member_for(request.auth, payload.username)
    token, raw = services.create_token(user=user, name=payload.name, acting_user=request.auth)
    token.token = raw  # type: ignore[attr-defined]  # read by the response schema
    return 201, token


@router.delete("/tokens/{code}", response={204: None})
def token_revoke(request: AuthedRequest, code: UUID) -> tuple[int, None]:
    token = token_for(request.auth, code, write=True)
    if token.revoked_at is None:
        services.revoke_token(token=token, acting_user=request.auth)
    return 204, None
