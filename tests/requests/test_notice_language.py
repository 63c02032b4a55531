"""What a notice says in words comes out in the client's language, whoever acts in which."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from art28.notices.models import Notice, NoticeKind
from art28.requests.services import audits, data_subject

pytestmark = pytest.mark.django_db


def test_it_names_the_right_and_the_task_in_the_clients_language(signed_a, staff_a, user_a):
    # Staff work in English; Zonnebloem reads Dutch (its language is nl).
    with translation.override("en"):
        dsr = data_subject.record_data_subject_request(
            agreement=signed_a, kind="access", requester="P. Jansen", details="Copy of my data",
            channel="phone", acting_user=staff_a)
        data_subject.ask_task(request=dsr, action="search", instructions="Find all", acting_user=user_a)
    forwarded = Notice.objects.get(kind=NoticeKind.DATA_SUBJECT_REQUEST, controller=signed_a.controller,
                                   about_code=str(dsr.code))
    assert forwarded.language == "nl"
    assert "Uitgeoefend recht: Inzage (art. 15)" in forwarded.body_text
    assert "Access (Art. 15)" not in forwarded.body_text
    asked = Notice.objects.filter(body_text__contains="De gegevens doorzoeken")
    assert asked.exists() and not Notice.objects.filter(body_text__contains="Search the data").exists()


def test_it_shows_the_audit_cost_rule_in_words(client, login, signed_a, user_a, settings):
    with time_machine.travel(datetime(2026, 6, 1, 10, 0, tzinfo=UTC), tick=False):
        audit = audits.request_audit(agreement=signed_a, scope_text="Hosting", starts_on=date(2026, 6, 15),
                                     ends_on=date(2026, 6, 16), auditor="Audit & Co", acting_user=user_a)
    assert audit.cost_rule == "controller_unless_noncompliant"
    mail = Notice.objects.get(about_code=f"{audit.code}:requested")
    assert "controller_unless_noncompliant" not in mail.body_text
    page = login(client, user_a).get(reverse("requests:portal_audit", args=[audit.code]),
                                     HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "controller_unless_noncompliant" not in page
    with translation.override("nl"):
        assert translation.gettext("the controller, unless the processor does not comply") in page
