"""An API client that speaks with a bearer token of a cast member."""

from __future__ import annotations

import json as jsonlib
from typing import Any

import pytest

from tests.conftest import row_counts


class Api:
    """``api.get(path, as_=user)`` etc.; ``as_=None`` sends no token at all."""

    def __init__(self, client):
        self.client = client
        self.tokens: dict[int, str] = {}

    def token(self, user) -> str:
        from art28.api.services import create_token

        if user.pk not in self.tokens:
            self.tokens[user.pk] = create_token(user=user, name="tests", acting_user=user)[1]
        return self.tokens[user.pk]

    def call(self, method: str, path: str, *, as_=None, json: Any = None, raw: str | None = None,
             headers: dict | None = None, **extra):
        headers = dict(headers or {})
        if as_ is not None:
            headers["Authorization"] = f"Bearer {self.token(as_)}"
        body = raw if raw is not None else (jsonlib.dumps(json) if json is not None else None)
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(self.client, method)("/api/v1" + path, headers=headers, **kwargs, **extra)

    def unchanged(self, method: str, path: str, *, as_=None, **kw):
        """Make a call that must fail and leave every table as it was."""
        if as_ is not None:
            self.token(as_)
        before = counts()
        response = self.call(method, path, as_=as_, **kw)
        assert response.status_code >= 400, response.content
        assert counts() == before
        return response

    def get(self, path, **kw):
        return self.call("get", path, **kw)

    def post(self, path, **kw):
        return self.call("post", path, **kw)

    def patch(self, path, **kw):
        return self.call("patch", path, **kw)

    def delete(self, path, **kw):
        return self.call("delete", path, **kw)


@pytest.fixture
def api(client, db):
    return Api(client)


def counts() -> dict[str, int]:
    """Row counts of everything a write may touch: equal before and after = nothing half-saved."""
    from art28.agreements.models import Acceptance, Agreement, AgreementVersion
    from art28.ledger.models import Event
    from art28.notices.models import Delivery, Notice
    from art28.parties.models import Contact, Controller

    return row_counts(Controller, Contact, Agreement, AgreementVersion, Acceptance, Event, Notice, Delivery)


def last_event():
    from art28.ledger.models import Event

    return Event.objects.order_by("-seq").first()
