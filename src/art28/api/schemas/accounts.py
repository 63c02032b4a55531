"""Bodies for invitations, team members, roles and assignments."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from art28.api.pagination import PageParams

RoleName = Literal["admin", "staff", "read_only_staff", "client", "client_read_only", "client_admin"]


class InvitationIn(Schema):
    email: str = Field(max_length=254, description="The person's e-mail address (their login).")
    role: RoleName = Field(description="admin, staff or read_only_staff for your own team; "
                                       "client, client_read_only or client_admin for a "
                                       "controller's user.")
    controller: UUID | None = Field(None, description="The controller, for client roles.")


class InvitationFilter(PageParams):
    controller: UUID | None = Field(None, description="Only the invitations to this controller's portal.")


class InvitationOut(Schema):
    code: UUID
    email: str
    role: str
    status: str
    controller: UUID | None = Field(None, alias="controller.code")
    created_at: datetime
    expires_at: datetime


class MemberOut(Schema):
    code: UUID
    username: str = Field(alias="user.username")
    role: str = Field(alias="team_role")
    active: bool = Field(alias="user.is_active")
    last_login: datetime | None = Field(alias="user.last_login")
    assigned_controllers: list[UUID] = Field(alias="assigned_codes")


class RoleIn(Schema):
    role: RoleName
