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
