"""The ledger page's filters: kind of event (in words), a range of days in the reader's own
way of writing dates, and a search on clients (name, KvK number, agreement reference). A
filter that cannot be read is named on the page and left out; it never fails the page."""

from __future__ import annotations

import html
import re

import pytest
import time_machine
from django.urls import reverse

from art28.ledger.describe import FAMILIES
from art28.ledger.kinds import KINDS
from art28.ledger.models import ChainCheck, Event

pytestmark = pytest.mark.django_db

ORG = {"address": "Markt 1", "postcode": "3511 AB", "city": "Utrecht", "country": "NL", "language": "nl"}


@pytest.fixture
def world(admin_user):
    """Two clients, made on two days through the services: Bakkerij on 2 March 2026 (late in
    the evening, Amsterdam time), Harbour on 3 March; each gets an agreement the same day."""
    from art28.agreements import services as agreements
    from art28.parties import services as parties

    made = {}
    for when, name, kvk in (("2026-03-02 22:30Z", "Bakkerij Brood & Co", "12345678"),
                            ("2026-03-03 09:00Z", "Harbour Analytics Ltd", "87001234")):
        with time_machine.travel(when, tick=False):
            controller = parties.create_controller(processor=admin_user.membership.processor,
                                                   data={**ORG, "name": name, "kvk": kvk},
                                                   acting_user=admin_user)
            made[name] = agreements.create_agreement(controller=controller, acting_user=admin_user)
    return made


def _get(client, language: str = "en", **query):
    client.cookies["django_language"] = language
    response = client.get(reverse("ledger:ledger"), query)
    assert response.status_code == 200
    return response


def _text(response) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _shown(response) -> list[str]:
    return [line.text for line in response.context["lines"]]


def _own(admin_user):
    return Event.objects.filter(processor_id_ref=admin_user.membership.processor_id)


def test_it_filters_by_kind_of_event_named_in_words(client, login, admin_user, world):
    login(client, admin_user)
    response = _get(client, kind="agreements")
    shown = _shown(response)
    assert len(shown) == 2 and all(text.startswith("Agreement ") for text in shown)
    assert "2 events match these filters." in _text(response)
    clients = _shown(_get(client, kind="clients"))
    assert sorted(clients) == ["Controller Bakkerij Brood & Co added by admin",
                               "Controller Harbour Analytics Ltd added by admin"]
    # The select names each kind in the reader's language, never an action's code.
    page = _text(_get(client, "nl"))
    assert "Overeenkomsten en ondertekening" in page and "Klanten en contactpersonen" in page
    options = re.findall(r"<option[^>]*>([^<]*)</option>", response.content.decode())
    assert "Agreements and signatures" in options and not any("." in o or "_" in o for o in options)


def test_every_family_of_events_belongs_to_one_kind():
    families = [f for kind in KINDS for f in kind.families]
    assert sorted(families) == sorted(FAMILIES) and len(set(families)) == len(families)


def test_it_searches_clients_by_name_kvk_number_and_agreement_reference(client, login, admin_user, world):
    login(client, admin_user)
    bakkerij = world["Bakkerij Brood & Co"]
    for q in ("brood", "1234 5678", "123456", bakkerij.reference):
        response = _get(client, q=q)
        shown = _shown(response)
        assert shown and all("Bakkerij" in t or bakkerij.reference in t for t in shown), q
        assert not any("Harbour" in t for t in shown), q
        filed = _own(admin_user).filter(controller_id_ref=bakkerij.controller_id).count()
        assert response.context["matches"] == filed == len(shown), q
    response = _get(client, q="Nobody B.V.")
    assert _shown(response) == [] and "No event matches these filters." in _text(response)
    assert "0 events match these filters." in _text(response)


def test_it_keeps_the_days_given_in_the_readers_way_in_amsterdam_time(client, login, admin_user, world):
    login(client, admin_user)
    # 22:30 UTC on 2 March is 23:30 in Amsterdam: still 2 March.
    on_the_2nd = _shown(_get(client, "nl", since="02-03-2026", until="02-03-2026"))
    assert len(on_the_2nd) == 2 and all("Bakkerij" in t or "DPA" in t for t in on_the_2nd)
    on_the_3rd = _shown(_get(client, "en", since="2026-03-03"))
    assert len(on_the_3rd) == 2 and not any("Bakkerij" in t for t in on_the_3rd)
    assert _shown(_get(client, "en", until="2026-03-01")) == []
    third = [line.event.seq for line in _get(client, "en", since="2026-03-03").context["lines"]]
    for typed in ("3-3-2026", "03/03/2026", "2026-03-03"):  # ISO works in any language
        assert [line.event.seq for line in _get(client, "nl", since=typed).context["lines"]] == third


@pytest.mark.parametrize("query, field, message", [
    ({"since": "31-02-2026"}, "since", "Give a date such as 2026-12-31."),
    ({"until": "yesterday"}, "until", "Give a date such as 2026-12-31."),
    ({"kind": "agreement.signed"}, "kind", "Choose a kind of event from the list."),
    ({"since": "2026-03-04", "until": "2026-03-02"}, "until", "The last day comes before the first day."),
])
def test_a_filter_it_cannot_read_is_named_and_left_out(client, login, admin_user, world, query, field,
                                                       message):
    login(client, admin_user)
    before = (Event.objects.count(), ChainCheck.objects.count())
    response = _get(client, **query)
    page = _text(response)
    assert "Some filters could not be used; the list is shown without them:" in page
    assert message in page and response.context["filters"].errors[field] == [message]
    everything = _own(admin_user).count()
    assert response.context["matches"] == everything and len(_shown(response)) == everything
    assert (Event.objects.count(), ChainCheck.objects.count()) == before


def test_a_bad_date_is_explained_in_dutch_the_dutch_way(client, login, admin_user, world):
    login(client, admin_user)
    page = _text(_get(client, "nl", since="2026-31-12", kind="agreements"))
    assert "Geef een datum zoals 31-12-2026." in page
    assert "2 gebeurtenissen voldoen aan deze filters." in page  # the kind still counts


def test_the_filters_survive_paging(client, login, admin_user, world):
    from art28.parties import services as parties

    controller = world["Bakkerij Brood & Co"].controller
    for n in range(55):
        parties.update_controller(controller=controller, acting_user=admin_user,
                                  data={**ORG, "name": "Bakkerij Brood & Co", "kvk": "12345678",
                                        "city": f"Utrecht {n}"})
    login(client, admin_user)
    first = _get(client, q="brood", kind="clients")
    assert len(_shown(first)) == 50 and first.context["matches"] == 56
    older = first.context["page"].older_query
    assert older["q"] == "brood" and older["kind"] == "clients"
    assert f'href="?{html.escape(older.urlencode())}"' in first.content.decode()
    rest = client.get(reverse("ledger:ledger") + "?" + older.urlencode())
    assert len(_shown(rest)) == 6 and all("Bakkerij" in t for t in _shown(rest))
    newer = rest.context["page"].newer_query
    assert newer["q"] == "brood" and newer["kind"] == "clients"


def test_a_search_never_reaches_another_organisations_events(client, login, admin_user, world):
    from art28.parties import services as parties

    other = parties.create_processor(
        data={**ORG, "name": "Andere Verwerker B.V.", "kvk": "11223344"}, acting_user="pytest")
    parties.create_controller(processor=other, acting_user="pytest",
                              data={**ORG, "name": "Bakkerij Brood Elders", "kvk": "12349999"})
    login(client, admin_user)
    response = _get(client, q="1234")
    assert response.context["matches"] == _own(admin_user).filter(
        controller_id_ref=world["Bakkerij Brood & Co"].controller_id).count()
    assert "Elders" not in _text(response)


def test_a_filtered_page_costs_the_same_queries_however_many_events_match(client, login, admin_user, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from art28.parties import services as parties

    login(client, admin_user)
    query = {"q": "brood", "kind": "clients", "since": "2026-03-01"}

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _get(client, **query)
        return len(ctx.captured_queries)

    few = queries()
    controller = world["Bakkerij Brood & Co"].controller
    for n in range(60):
        parties.update_controller(controller=controller, acting_user=admin_user,
                                  data={**ORG, "name": "Bakkerij Brood & Co", "kvk": "12345678",
                                        "city": f"Utrecht {n}"})
    assert queries() == few
