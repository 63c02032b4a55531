"""Pure tests: no database, no Django settings needed."""

from __future__ import annotations

import pytest

from art28.terms.demo import CLIENTS, demo_terms
from art28.terms.schema import DpaTerms
from tests.documents.helpers import client_id


@pytest.fixture(autouse=True)
def _media_root():
    """Shadow the project-wide autouse fixture of the same name, which needs Django."""
    yield


@pytest.fixture(params=CLIENTS, ids=client_id)
def demo(request: pytest.FixtureRequest) -> DpaTerms:
    """The terms of each demo client in turn (two in Dutch, two in English)."""
    return demo_terms(request.param)
