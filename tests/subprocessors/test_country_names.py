"""Countries by name, in the reader's language, wherever a person reads them: the register's
pages, the portal, the change notice in each controller's language and the list export. The
API keeps the ISO code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from art28.notices.models import NoticeKind
from art28.subprocessors import services
from art28.subprocessors.export import list_csv
from art28.subprocessors.models import ChangeAgreement, ChangeKind
from tests.subprocessors.conftest import GENERAL

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(processor, admin_user, make_agreement, make_controller, general_agreement, make_subprocessor):
    """A German sub-processor that also processes in Switzerland, proposed to a Dutch and an
    English controller."""
    english = make_agreement(make_controller("Harbour Analytics Ltd", language="en"), state="signed",
                             terms=GENERAL)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor("Rechenzentrum Elbe GmbH", country="DE", locations=["DE", "CH"])
        change = services.propose_change(processor=processor, kind=ChangeKind.ADD, subprocessor=sp,
                                         effective_at=T0 + timedelta(days=20), acting_user=admin_user)
    return sp, change, general_agreement, english


def _notice(change, agreement):
    return ChangeAgreement.objects.get(change=change, agreement=agreement).notice


def test_it_names_the_countries_in_each_controllers_notice(proposed):
    _sp, change, dutch, english = proposed
    nl, en = _notice(change, dutch), _notice(change, english)
    assert nl.kind == en.kind == NoticeKind.SUBPROCESSOR_CHANGE_NOTICE
    assert "Science Park 1 (Duitsland)" in nl.body_text and "(Duitsland)</li>" in nl.body_html
    assert "Verwerkingslocaties: Duitsland, Zwitserland" in nl.body_text
    assert "binnen de EER (Duitsland, Zwitserland)" not in nl.body_text  # CH is outside the EEA
    assert "Zwitserland:" in nl.body_text  # the transfer's reason names the country
    assert "Science Park 1 (Germany)" in en.body_text
    assert "Processing locations: Germany, Switzerland" in en.body_text and "Switzerland:" in en.body_text
    for notice in (nl, en):
        assert "(DE)" not in notice.body_text and "DE, CH" not in notice.body_text
        assert "CH:" not in notice.body_text


def _page(client, url, language):
    client.cookies["django_language"] = language
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_it_names_the_country_on_the_register_pages(client, login, admin_user, proposed):
    sp, _change, _dutch, _english = proposed
    login(client, admin_user)
    detail = reverse("subprocessors:detail", args=[sp.code])
    nl, en = _page(client, detail, "nl"), _page(client, detail, "en")
    assert "<td>Duitsland</td>" in nl and "<td>Duitsland, Zwitserland</td>" in nl
    assert "<td>Germany</td>" in en and "<td>Germany, Switzerland</td>" in en
    listing = _page(client, reverse("subprocessors:list"), "nl")
    assert "<td>Duitsland</td>" in listing and "<td>DE</td>" not in listing


def test_it_names_the_controllers_country(client, login, admin_user, controller_a):
    login(client, admin_user)
    detail = reverse("parties:controller_detail", args=[controller_a.code])
    assert "3581 KP Utrecht (Nederland)" in _page(client, detail, "nl")
    assert "3581 KP Utrecht (Netherlands)" in _page(client, detail, "en")
    assert "<td>Nederland</td>" in _page(client, reverse("parties:controller_list"), "nl")


def test_it_names_the_country_in_the_list_export(proposed):
    _sp, _change, dutch, _english = proposed
    with translation.override("nl"):
        text = list_csv(dutch).decode("utf-8-sig")
    assert "Duitsland" in text and "Duitsland, Zwitserland" in text and ",DE," not in text


def test_the_api_keeps_the_code(client, admin_user, proposed):
    from tests.api.conftest import Api

    sp, *_rest = proposed
    assert Api(client).get(f"/subprocessors/{sp.code}", as_=admin_user).json()["country"] == "DE"
