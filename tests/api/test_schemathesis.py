"""schemathesis against the OpenAPI document, in-process through the WSGI app (no server).

Every operation gets a few generated requests from a processor admin with a token: none may
answer 5xx, and every status that comes back must be declared in the document. The token
operations are left out, so no generated DELETE can revoke the token the test runs with.

The operations are driven from one test (schemathesis' pytest integration for lazily loaded
schemas does not run on pytest 9.2), each with its own bounded hypothesis run.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

# A few examples per operation keeps the whole run well under a minute on a busy machine.
BOUNDED = settings(max_examples=4, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))


@pytest.fixture
def bearer(admin_user) -> dict[str, str]:
    from art28.api.services import create_token

    token = create_token(user=admin_user, name="schemathesis", acting_user=admin_user)[1]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def known(admin_user, controller_a, make_agreement) -> dict[str, str]:
    """Codes of real objects, so that half the generated requests reach past the lookup."""
    from art28.subprocessors.services import register_subprocessor

    agreement = make_agreement(controller_a, state="signed")
    sp = register_subprocessor(processor=admin_user.membership.processor, acting_user=admin_user,
                               data={"name": "Rekenhal B.V.", "country": "NL", "service": "hosting"})
    return {"agreements": str(agreement.code), "controllers": str(controller_a.code),
            "subprocessors": str(sp.code),
            "contacts": str(controller_a.contacts.first().code)}


def _aimed(case, known: dict[str, str]):  # type: ignore[no-untyped-def]
    """Point the path's codes at real objects (the body stays generated)."""
    collection = case.operation.path.split("/")[3]
    params = dict(case.path_parameters or {})
    if "code" in params and collection in known:
        params["code"] = known[collection]
    if "contact_code" in params:
        params["contact_code"] = known["contacts"]
    if "number" in params:
        params["number"] = 1
    case.path_parameters = params
    return case


@pytest.fixture
def same_connection():
    """Keep the test's database connection across requests, as Django's test client does: the
    WSGI handler would close it after each one (on PostgreSQL, mid-transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operations():  # type: ignore[no-untyped-def]
    from art28.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.exclude(path_regex=r"/tokens").get_all_operations()]


def _failure(operation, bearer, known, statuses: list[int]) -> str | None:  # type: ignore[no-untyped-def]
    found: list[str] = []

    @BOUNDED
    @given(case=operation.as_strategy(), aim=st.booleans())
    def run(case, aim: bool) -> None:  # type: ignore[no-untyped-def]
        if aim:
            case = _aimed(case, known)
        try:
            response = case.call_and_validate(headers=bearer,
                                              checks=[not_a_server_error, status_code_conformance])
            statuses.append(response.status_code)
        except Exception as exc:  # a schemathesis FailureGroup, or what the call raised
            found.append(f"{operation.label}: " + " | ".join(str(exc).splitlines()[:8]))
            raise

    try:
        run()
    except (Exception, BaseExceptionGroup):
        return found[-1] if found else operation.label
    return None


def test_it_answers_every_operation_without_5xx_and_with_declared_statuses(db, bearer, known,
                                                                          same_connection):
    operations = _operations()
    statuses: list[int] = []
    failures = [f for f in (_failure(op, bearer, known, statuses) for op in operations) if f]
    assert failures == []
    # Every operation was called, and not every answer was a refusal.
    assert len(operations) > 90 and len(statuses) >= len(operations)
    assert any(200 <= s < 300 for s in statuses)
