"""Search and filters of the list of sub-processor changes; the change form's picker."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone


def _propose(processor, admin_user, sp, **kw):
    from art28.subprocessors.services import propose_change

    return propose_change(processor=processor, kind="add", subprocessor=sp, acting_user=admin_user,
                          effective_at=timezone.now() + timedelta(days=40), **kw)


def test_it_narrows_changes_by_search_and_status(client, login, admin_user, processor, make_subprocessor,
                                                 general_agreement):
    _propose(processor, admin_user, make_subprocessor("Rekenhal Amsterdam B.V."))
    _propose(processor, admin_user, make_subprocessor("Mailkanon GmbH", country="DE"))
    login(client, admin_user)
    url = reverse("subprocessors:change_list")
    page = client.get(url, {"q": "mailkanon"}).content.decode()
    assert "Mailkanon GmbH" in page and "Rekenhal Amsterdam" not in page
    page = client.get(url, {"status": "withdrawn"}).content.decode()
    assert "Mailkanon GmbH" not in page and "Rekenhal Amsterdam" not in page
    page = client.get(url, {"status": "open"}).content.decode()
    assert "Mailkanon GmbH" in page and "Rekenhal Amsterdam" in page


def test_it_shows_an_outsider_no_change(client, login, admin_user, processor, make_subprocessor,
                                        general_agreement, user_a):
    _propose(processor, admin_user, make_subprocessor("Mailkanon GmbH", country="DE"))
    login(client, user_a)
    response = client.get(reverse("subprocessors:change_list"), {"q": "Mailkanon"})
    assert "Mailkanon GmbH" not in response.content.decode()


def test_it_offers_the_register_by_name_in_the_change_form(client, login, admin_user, make_subprocessor):
    sp = make_subprocessor("Rekenhal Amsterdam B.V.")
    login(client, admin_user)
    page = client.get(reverse("subprocessors:change_create")).content.decode()
    assert f'<option value="{sp.code}">Rekenhal Amsterdam B.V. — Hosting' in page
    assert "Sub-processor codes" not in page
