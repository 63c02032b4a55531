"""The timeline of what is due names its months and explains its colours (nl, en); the portal's
list leaves out the "For" column, which would name the reader's own organisation on every row."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from art28.obligations.timeline import timeline

pytestmark = pytest.mark.django_db

SATURDAY = datetime(2026, 11, 28, 13, 0, tzinfo=UTC)


def _get(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    with time_machine.travel(SATURDAY, tick=False):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language, months, legend", [
    ("en", ["November", "December"], ["overdue", "due within 24 hours", "due within 7 days", "due later",
                                      "weekend"]),
    ("nl", ["november", "december"], ["verlopen", "binnen 24 uur", "binnen 7 dagen", "later", "weekend"])])
def test_the_timeline_names_its_months_and_explains_its_colours(client, login, admin_user, make_agreement,
                                                                 controller_a, language, months, legend):
    make_agreement(controller_a, state="sent")
    login(client, admin_user)
    page = _get(client, reverse("obligations:staff_dashboard"), language)
    assert re.findall(r'<text class="tl-month"[^>]*>([^<]*)</text>', page) == months
    days = re.findall(r'<text class="tl-label"[^>]*>([^<]*)</text>', page)
    assert days[:4] == ["28", "29", "30", "1"] and len(days) == 30
    shown = re.findall(r'<li><span class="swatch ([\w-]+)"></span>([^<]*)</li>', page)
    assert shown == list(zip(["due-overdue", "due-day", "due-week", "due-later", "tl-weekend"], legend,
                             strict=True))


def test_the_first_day_gets_the_short_name_when_a_new_month_starts_the_next_day():
    with translation.override("en"):
        days = timeline([], now=datetime(2026, 11, 30, 12, 0, tzinfo=UTC))["days"]
    assert [(d.label, d.month) for d in days[:3]] == [("30", "nov"), ("1", "December"), ("2", "")]
    with translation.override("nl"):
        days = timeline([], now=datetime(2026, 12, 15, 12, 0, tzinfo=UTC))["days"]
    assert [d.month for d in days if d.month] == ["december", "januari"]


def _due_table(page: str) -> str:
    return page.split('<table class="table due-list">')[1].split("</table>")[0]


def test_the_portal_leaves_out_the_for_column_and_the_staff_home_keeps_it(
        client, login, admin_user, user_a, make_agreement, controller_a):
    make_agreement(controller_a, state="sent")
    login(client, user_a)
    portal = _due_table(_get(client, reverse("obligations:portal_home"), "en"))
    assert "<th>What</th><th>Due by</th>" in portal
    assert "<th>For</th>" not in portal and controller_a.name not in portal
    login(client, admin_user)
    staff = _due_table(_get(client, reverse("obligations:staff_dashboard"), "en"))
    assert "<th>What</th><th>For</th><th>Due by</th>" in staff and f"<td>{controller_a.name}</td>" in staff
