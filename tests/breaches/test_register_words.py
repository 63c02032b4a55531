"""The breach register (staff and controller extract) says the nature of a breach in words
and counts in the right number, in Dutch and English; no stored key reaches the reader."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from art28.breaches.services import send_notices
from art28.documents import pdf_text

WORDS = {"nl": ("verlies van vertrouwelijkheid", "1 incident", "1 bericht)"),
         "en": ("loss of confidentiality", "1 incident", "1 notice)")}


def _rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_registers_say_the_nature_in_words_and_count_one_in_the_singular(
        client, login, admin_user, user_a, incident, language):
    nature, one_incident, one_notice = WORDS[language]
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    client.cookies["django_language"] = language
    login(client, admin_user)
    staff_csv = client.get(reverse("breaches:register_csv")).getvalue()
    staff_pdf = " ".join(pdf_text(client.get(reverse("breaches:register_pdf")).content).split())
    login(client, user_a)
    client.cookies["django_language"] = language
    portal_csv = client.get(reverse("breaches:portal_register_csv")).getvalue()
    portal_pdf = " ".join(pdf_text(client.get(reverse("breaches:portal_register_pdf")).content).split())
    for rows in (_rows(staff_csv), _rows(portal_csv)):
        [row] = rows
        assert nature in row.values() and "confidentiality" not in row.values()
    assert one_notice in _rows(portal_csv)[0][{"nl": "Gemeld?", "en": "Notified?"}[language]]
    for text in (staff_pdf, portal_pdf):
        assert nature in text and f"{one_incident}s" not in text and f"{one_incident}en" not in text
        assert one_incident in text
