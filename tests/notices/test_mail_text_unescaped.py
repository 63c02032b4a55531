"""The subject and the plain-text part of every e-mail show what people typed as typed.

HTML escaping belongs to the HTML part only: a client called "Fiets & Zo B.V." must not read
"Fiets &amp; Zo B.V." in its subject line or its text mail. The cases come from
``test_mail_html_escaping`` (one per mail type, every field filled).
"""

from __future__ import annotations

import pytest

from art28.notices.services import render_email
from tests.notices.test_mail_html_escaping import CASES, LINK, _Fields

TYPED = 'Fiets & Zo "B.V." <{}>'


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_it_shows_typed_text_unescaped_in_subject_and_text(name, language):
    for make in CASES[name]:
        fields = _Fields(language, TYPED.format)
        subject, text, _html = render_email(name, language, {**make(fields), "link": LINK})
        plain = subject + "\n" + text
        assert "&amp;" not in plain and "&lt;" not in plain and "&quot;" not in plain, (name, plain)
        assert any(TYPED.format(f) in plain for f in fields.used), f"{name}: no typed field shown"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_ends_the_invitation_sentence_with_one_full_stop(language, processor, make_controller, admin_user):
    from art28.accounts import services
    from art28.notices.models import Notice

    client = make_controller("Fiets & Zo B.V.", language=language)
    services.invite(processor=processor, email="new@fiets.example", role="client",
                    controller=client, acting_user=admin_user)
    notice = Notice.objects.get(kind="invitation")
    assert "Fiets & Zo B.V." in notice.body_text and "Fiets &amp; Zo B.V." in notice.body_html
    assert "B.V.." not in notice.body_text and "B.V.." not in notice.body_html


@pytest.mark.parametrize(("language", "said"), [
    ("nl", "als gebruiker van de klant voor"), ("en", "as client user for")])
def test_the_invitation_says_the_role_inside_its_sentence_without_a_capital(
        language, said, processor, make_controller, admin_user, client):
    from django.urls import reverse

    from art28.accounts import services
    from art28.notices.models import Notice

    controller = make_controller("Fiets & Zo B.V.", language=language)
    services.invite(processor=processor, email="rol@fiets.example", role="client", controller=controller,
                    acting_user=admin_user)
    notice = Notice.objects.get(kind="invitation")
    assert said in notice.body_text and said in notice.body_html
    _invitation, raw = services.create_invitation(
        processor=processor, email="ander@fiets.example", role="client", controller=controller,
        acting_user=admin_user)
    page = client.get(reverse("accounts:invitation_accept", args=[raw]), HTTP_ACCEPT_LANGUAGE=language)
    assert said.rsplit(" ", 1)[0] in page.content.decode()
