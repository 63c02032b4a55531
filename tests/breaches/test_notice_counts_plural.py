"""Counts of notices and controllers read as words: one notice, two notices, in nl and en."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from art28.breaches.models import IncidentNotice
from art28.breaches.services import adjust_affected, send_notices

pytestmark = pytest.mark.django_db


def _leave_out_b(incident, agreements, admin_user):
    a, b = (incident.affected.get(agreement=x) for x in agreements)
    adjust_affected(incident=incident, include=[str(a.code)], exclude={str(b.code): "Other bucket"}, add=[],
                    acting_user=admin_user)


def _send(client, incident, language, codes=None):
    client.cookies["django_language"] = language
    data = {"stage": "initial", "confirm": "1"}
    if codes:
        data["affected"] = codes
    r = client.post(reverse("breaches:notices_send", args=[incident.code]), data, follow=True,
                    HTTP_ACCEPT_LANGUAGE=language)
    return r.content.decode()


def test_it_says_one_notice_in_the_singular(client, login, admin_user, incident, agreements):
    _leave_out_b(incident, agreements, admin_user)
    login(client, admin_user)
    page = _send(client, incident, "nl")
    assert IncidentNotice.objects.count() == 1
    assert "1 melding klaargezet voor verzending." in page and "1 meldingen" not in page


def test_it_says_two_notices_in_the_plural(client, login, admin_user, incident):
    login(client, admin_user)
    page = _send(client, incident, "en")
    assert IncidentNotice.objects.count() == 2
    assert "2 notices queued." in page


def test_the_changed_list_is_counted_in_words(admin_user, incident, agreements):
    _leave_out_b(incident, agreements, admin_user)
    for language, said in (("en", "1 controller would now be notified"),
                           ("nl", "nu zou 1 verwerkingsverantwoordelijke een melding krijgen")):
        with translation.override(language), pytest.raises(ValidationError) as exc:
            send_notices(incident=incident, stage="initial", acting_user=admin_user, expected=2)
        assert said in " ".join(exc.value.messages)
    assert not IncidentNotice.objects.exists()
