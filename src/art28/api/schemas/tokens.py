"""Bodies for API token management."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema


class TokenIn(Schema):
    username: str = Field(description="A user of your own organisation or of one of its clients.")
    name: str = Field("", description="What the token is for, e.g. the integration's name.")


class TokenOut(Schema):
    code: UUID
    name: str
    username: str = Field(alias="user.username")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="The secret; shown only now, store it safely.")
