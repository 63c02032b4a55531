"""One search on clients (``parties.search.client_search``) behind every list that narrows by
controller name, agreement reference or KvK number: a breach's affected agreements, the
links of a sub-processor and the staff home's list of what is due give the same answer."""

from __future__ import annotations

import pytest
from django.utils import timezone

from art28.agreements.models import Agreement
from art28.parties.models import Controller
from art28.parties.search import client_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(admin_user):
    """Two clients made through the services, each with an agreement."""
    from art28.agreements import services as agreements
    from art28.parties import services as parties

    made = {}
    for name, kvk in (("Bakkerij Brood & Co", "12345678"), ("Harbour Analytics Ltd", "87001234")):
        controller = parties.create_controller(
            processor=admin_user.membership.processor,
            data={"name": name, "address": "Markt 1", "postcode": "3511 AB", "city": "Utrecht",
                  "country": "NL", "kvk": kvk, "language": "nl"}, acting_user=admin_user)
        made[name] = agreements.create_agreement(controller=controller, acting_user=admin_user)
    return made


def _names(q: str, **paths) -> set[str]:
    rows = Agreement.objects.filter(client_search(q, controller="controller", **paths))
    return set(rows.values_list("controller__name", flat=True))


def test_it_finds_a_client_by_name_in_any_case(clients):
    assert _names("bakkerij") == {"Bakkerij Brood & Co"}
    assert _names("HARBOUR") == {"Harbour Analytics Ltd"}


def test_it_finds_a_client_by_the_start_of_its_kvk_number_as_people_type_it(clients):
    assert _names("12345678") == {"Bakkerij Brood & Co"}
    assert _names("1234 5678") == {"Bakkerij Brood & Co"}
    assert _names("1234.56") == {"Bakkerij Brood & Co"}
    assert _names("87") == {"Harbour Analytics Ltd"}
    assert _names("5678") == set()  # the middle of a KvK number is no KvK number


def test_it_finds_an_agreement_by_its_reference_only_when_asked_to(clients):
    reference = clients["Harbour Analytics Ltd"].reference
    assert _names(reference.lower(), agreement="") == {"Harbour Analytics Ltd"}
    assert _names(reference) == set()  # a search on controllers alone


def test_a_blank_search_keeps_every_row(clients):
    assert _names("  ") == set(clients)
    assert client_search("", controller="controller") == client_search(" ", controller="")


def test_it_follows_a_path_to_the_controller(clients):
    found = Controller.objects.filter(client_search("brood", controller=""))
    assert list(found.values_list("name", flat=True)) == ["Bakkerij Brood & Co"]


def test_the_breach_tabs_find_a_client_by_the_start_of_its_kvk_number(admin_user, clients):
    """The breach tabs matched a whole KvK number only; they now search as the others do."""
    from art28.breaches.models import AffectedAgreement
    from art28.breaches.services import adjust_affected, open_incident

    incident = open_incident(processor=admin_user.membership.processor,
                             facts={"title": "Lost laptop", "aware_at": timezone.now()},
                             acting_user=admin_user)
    adjust_affected(incident=incident, add=list(clients.values()), acting_user=admin_user)
    rows = AffectedAgreement.objects.filter(incident=incident)
    assert rows.count() == 2
    for q in ("1234 5678", "123456", "bakkerij", clients["Bakkerij Brood & Co"].reference):
        assert [r.agreement.controller.name for r in rows.matching(q=q)] == ["Bakkerij Brood & Co"], q


def test_the_sub_processor_links_find_a_client_by_the_start_of_its_kvk_number(admin_user, clients):
    from art28.subprocessors.access import matching_links
    from art28.subprocessors.models import AgreementSubprocessor

    links = AgreementSubprocessor.objects.all()
    # No link exists yet: the condition alone is checked, on the path the links take.
    assert str(matching_links(links, q="1234 5678").query) == str(
        links.filter(client_search("1234 5678", controller="agreement__controller",
                                   agreement="agreement")).query)
