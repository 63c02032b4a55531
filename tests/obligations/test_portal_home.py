"""Controller portal: the home page lists the sent agreements."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lists_sent_agreements_but_not_drafts(client, login, user_a, controller_a,
                                                 make_agreement):
    draft, sent = make_agreement(controller_a), make_agreement(controller_a, state="sent")
    login(client, user_a)
    page = client.get(reverse("obligations:portal_home")).content.decode()
    assert sent.reference in page and draft.reference not in page


def test_it_links_a_forwarded_request_to_the_portal_page(client, login, user_a, controller_a,
                                                         make_agreement, staff_a):
    from art28.requests.services import data_subject

    agreement = make_agreement(controller_a, state="signed")
    dsr = data_subject.record_data_subject_request(
        agreement=agreement, kind="access", requester="P. Jansen", details="A copy", channel="phone",
        acting_user=staff_a)
    login(client, user_a)
    page = client.get(reverse("obligations:portal_home")).content.decode()
    portal_url = reverse("requests:portal_dsr", args=[dsr.code])
    assert portal_url in page
    assert reverse("requests:dsr_detail", args=[dsr.code]) not in page
    assert client.get(portal_url).status_code == 200
