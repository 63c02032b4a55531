"""The breach register's PDF is readable: its fifteen facts in fewer columns, stacked and
named, so no header or cell runs into the next; the controller's extract says in words
when it was told and whether that was in time."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from art28.breaches.services import send_notices

pytestmark = pytest.mark.django_db
TOLD = {"nl": ("Gemeld op ", ", op tijd", ", te laat"), "en": ("Notified on ", ", in time", ", late")}
COLUMN = {"nl": "Verwerkingsverantwoordelijken geïnformeerd / te laat", "en": "Controllers notified / late"}


def _layout(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


def _get(client, name, language):
    client.cookies["django_language"] = language
    return client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_staff_pdf_keeps_headers_and_cells_apart(client, login, admin_user, incident, language):
    login(client, admin_user)
    content = _get(client, "breaches:register_pdf", language).content
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = _layout(content)
    status = incident.get_status_display()
    assert re.search(rf"{incident.reference}\s", text)  # never "BR-…Backup"
    assert f"Status{status}" not in text and f"{status}Bewust" not in text
    assert not re.search(r"\d{4}Backup|Status(Bewust|Aware)", text)
    flat = " ".join(text.split())
    assert {"nl": "Bewust op", "en": "Aware at"}[language] in flat


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_controllers_extract_says_in_words_it_was_told_in_time(client, login, admin_user, user_a,
                                                                  incident, language):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    login(client, user_a)
    [row] = csv.DictReader(io.StringIO(_get(client, "breaches:portal_register_csv", language)
                                       .getvalue().decode("utf-8-sig")))
    told, in_time, late = TOLD[language]
    cell = row[COLUMN[language]]
    assert cell.startswith(told) and cell.endswith(in_time)
    pdf = " ".join(_layout(_get(client, "breaches:portal_register_pdf", language).content).split())
    assert told.strip() in pdf and in_time.strip(", ") in pdf


def test_the_controllers_extract_says_late_when_told_after_the_deadline(client, login, admin_user, user_a,
                                                                         incident):
    with time_machine.travel(timezone.now() + timedelta(hours=30)):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
        login(client, user_a)
        [row] = csv.DictReader(io.StringIO(_get(client, "breaches:portal_register_csv", "nl")
                                           .getvalue().decode("utf-8-sig")))
    assert row[COLUMN["nl"]].startswith("Gemeld op ") and row[COLUMN["nl"]].endswith(", te laat")
