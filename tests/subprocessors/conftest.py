"""Fixtures for the sub-processor tests: agreements under specific and general authorisation."""

from __future__ import annotations

import pytest

GENERAL = {
    "subprocessors": {
        "authorisation": "general",
        "notice_days": 14,
        "objection_days": 14,
        "business_days": False,
    },
    "transfers": {"outside_eea": "with_safeguards"},
}
GENERAL_BUSINESS = {
    "subprocessors": {
        "authorisation": "general",
        "notice_days": 10,
        "objection_days": 10,
        "business_days": True,
    },
    "transfers": {"outside_eea": "with_safeguards"},
}
SPECIFIC_EEA = {
    "subprocessors": {"authorisation": "specific", "notice_days": 0, "objection_days": 0},
    "transfers": {"outside_eea": "with_consent"},
}


@pytest.fixture
def general_agreement(make_agreement, controller_a):
    return make_agreement(controller_a, state="signed", terms=GENERAL)


@pytest.fixture
def specific_agreement(make_agreement, controller_b):
    return make_agreement(controller_b, state="signed", terms=SPECIFIC_EEA)


@pytest.fixture
def make_subprocessor(processor, admin_user):
    from art28.subprocessors import services

    def make(name="Rekenhal Amsterdam B.V.", *, country="NL", named=False, agreements=None, **data):
        fields = {
            "name": name,
            "country": country,
            "service": "Hosting",
            "address": "Science Park 1",
            "data_categories": ["contact details"],
            "locations": [country],
            **data,
        }
        return services.register_subprocessor(
            processor=processor,
            data=fields,
            acting_user=admin_user,
            named_in_agreements=named,
            agreements=agreements,
        )

    return make


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English; notices still use each controller's language."""
    from django.utils import translation

    with translation.override("en"):
        yield
