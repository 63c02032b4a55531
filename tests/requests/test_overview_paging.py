"""The staff overview pages each list on its own: ``?dsr_page=2`` leaves the other lists alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from art28.core.pagination import PAGE_SIZE
from art28.requests.services import data_subject, instructions

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(signed_a, staff_a, user_a):
    """One more data subject request and instruction than fit on a page, each a minute apart."""
    start = timezone.now() - timedelta(days=1)
    for n in range(PAGE_SIZE + 1):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            data_subject.record_data_subject_request(
                agreement=signed_a, kind="access", requester=f"Requester {n:02d}", details="Copy",
                channel="phone", acting_user=staff_a)
            instructions.give_instruction(agreement=signed_a, text=f"Instruction number {n:02d}",
                                          acting_user=user_a)
    return signed_a


def _page(client, **params):
    return client.get(reverse("requests:staff_overview"), params, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_each_section_pages_on_its_own(client, login, staff_a, many):
    login(client, staff_a)
    first = _page(client)
    # Newest first: the oldest instruction is on page 2 only.
    assert "Instruction number 25" in first and "Instruction number 00" not in first
    assert first.count("answer due") == PAGE_SIZE
    assert "dsr_page=2" in first and "instruction_page=2" in first
    assert "authority_page=" not in first  # one page of nothing: no pager

    second = _page(client, instruction_page=2)
    assert "Instruction number 00" in second and "Instruction number 25" not in second
    assert second.count("answer due") == PAGE_SIZE  # the requests stay on their first page
    assert "instruction_page=1" in second and "dsr_page=2" in second

    both = _page(client, instruction_page=2, dsr_page=2)
    assert both.count("answer due") == 1 and "Instruction number 00" in both
    # A link to the next page of one list keeps the page of the other.
    assert "dsr_page=2&amp;instruction_page=1" in both or "instruction_page=1&amp;dsr_page=2" in both


def test_the_search_narrows_every_section_and_survives_paging(
        client, login, admin_user, many, make_agreement, controller_b):
    other = make_agreement(controller_b, state="signed")
    instructions.give_instruction(agreement=other, text="Instruction of controller B",
                                  acting_user=admin_user)
    login(client, admin_user)
    found = _page(client, q=many.reference)
    assert "Instruction of controller B" not in found
    assert f"?q={many.reference}&amp;instruction_page=2" in found
    assert "Instruction of controller B" in _page(client, q=other.reference)


def test_a_page_past_the_end_shows_the_last(client, login, staff_a, many):
    login(client, staff_a)
    assert "Instruction number 00" in _page(client, instruction_page=99)
    assert "Instruction number 25" in _page(client, instruction_page="x")


def test_the_portal_pages_its_lists_the_same_way(client, login, user_a, many):
    login(client, user_a)
    url = reverse("requests:portal_home")
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Instruction number 25" in first and "Instruction number 00" not in first
    assert "instruction_page=2" in first and "dsr_page=2" in first
    second = client.get(url, {"instruction_page": 2}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Instruction number 00" in second and "Instruction number 25" not in second


def test_one_agreements_page_pages_its_lists_too(client, login, staff_a, many):
    login(client, staff_a)
    url = reverse("requests:staff_agreement", args=[many.code])
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Instruction number 25" in first and "Instruction number 00" not in first
    assert "Requester 25" in first and "Requester 00" not in first
    second = client.get(url, {"dsr_page": 2}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Requester 00" in second and "Requester 25" not in second and "Instruction number 25" in second
