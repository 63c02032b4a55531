"""The breach register CSV (staff, portal, API) neutralises formulas typed into an incident."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from art28.breaches.services import send_notices, update_incident

HOSTILE = {"title": '=HYPERLINK("http://evil.example","x")', "description": "@SUM(1+1)",
           "consequences": "\t=1+1", "measures_taken": "\r=1+1"}


@pytest.fixture
def hostile(incident, admin_user):
    update_incident(incident=incident, acting_user=admin_user, facts=HOSTILE)
    return incident


def _cells(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) >= 2
    return [cell for row in rows[1:] for cell in row]


def _assert_neutralised(content: bytes, fields: tuple[str, ...]) -> None:
    cells = _cells(content)
    for field in fields:
        assert "'" + HOSTILE[field] in cells, field
        assert HOSTILE[field] not in cells, field
    # No cell of the export starts a formula.
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.django_db
def test_it_neutralises_formulas_in_the_staff_register(client, login, admin_user, hostile):
    login(client, admin_user)
    _assert_neutralised(client.get(reverse("breaches:register_csv")).getvalue(), ("title", "description"))


@pytest.mark.django_db
def test_it_neutralises_formulas_in_the_controllers_extract(client, login, admin_user, user_a, hostile):
    send_notices(incident=hostile, stage="initial", acting_user=admin_user)
    login(client, user_a)
    _assert_neutralised(client.get(reverse("breaches:portal_register_csv")).getvalue(), ("title",))


@pytest.mark.django_db
def test_it_neutralises_formulas_in_the_api_registers(client, admin_user, user_a, hostile):
    from tests.api.conftest import Api

    api = Api(client)
    exported = api.get("/breaches/register.csv", as_=admin_user).getvalue()
    _assert_neutralised(exported, ("title", "description"))
    send_notices(incident=hostile, stage="initial", acting_user=admin_user)
    _assert_neutralised(api.get("/breach-notices/register.csv", as_=user_a).getvalue(), ("title",))
