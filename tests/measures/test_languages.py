"""The register in Dutch and English: Annex III and IV of each agreement in its own language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.agreements.services import render_version_docx, render_version_pdf
from art28.documents import docx_text, pdf_text
from art28.measures import services as measures
from art28.measures.models import MeasureCatalogue
from art28.subprocessors.services.annex import sync_annex_iv
from art28.subprocessors.services.register import register_subprocessor

pytestmark = pytest.mark.django_db


def _texts(agreement) -> list[str]:  # type: ignore[no-untyped-def]
    latest = agreement.latest
    return [" ".join(pdf_text(render_version_pdf(latest)).split()),
            " ".join(docx_text(render_version_docx(latest)).split())]


def test_it_renders_each_agreement_with_the_register_in_its_language(
    processor, admin_user, make_agreement, make_controller
):
    dutch = make_agreement(make_controller("Bakkerij B.V.", language="nl"))
    english = make_agreement(make_controller("Harbour Ltd", language="en"))
    register_subprocessor(
        processor=processor, acting_user=admin_user, named_in_agreements=True,
        data={"name": "Rekenhal B.V.", "country": "NL", "service": "Rekenkracht en opslag",
              "service_en": "Computing and storage", "locations": ["NL"], "scope_all": True},
    )
    measures.publish_measures(
        processor=processor, summary="Tweetalig", substantial=True, acting_user=admin_user,
        measures=[{"kind": "technical", "text_nl": "Schijfversleuteling per klant",
                   "text_en": "Disk encryption per customer"},
                  {"kind": "organisational", "text_nl": "Toegangscontrole per kwartaal", "text_en": ""}],
    )
    for agreement in (dutch, english):
        sync_annex_iv(agreement=agreement, acting_user=admin_user)
        agreement.refresh_from_db()
    for text in _texts(dutch):
        assert "Schijfversleuteling per klant" in text and "Rekenkracht en opslag" in text
        assert "Disk encryption" not in text and "Computing and storage" not in text
        assert "Toegangscontrole per kwartaal" in text and "alleen in het" not in text
    for text in _texts(english):
        assert "Disk encryption per customer" in text and "Computing and storage" in text
        assert "Schijfversleuteling" not in text and "Rekenkracht" not in text
        # No English text for this one: the Dutch text, marked, never an empty line.
        assert "Toegangscontrole per kwartaal (only available in Dutch)" in text


def test_it_takes_both_languages_in_the_form_and_shows_them(client, login, admin_user, processor):
    data = {"measures": "T: Tweestapsverificatie | Two-factor authentication\nO: Jaarlijkse training",
            "summary": "Eerste versie"}
    assert login(client, admin_user).post(reverse("measures:publish"), data).status_code == 302
    catalogue = MeasureCatalogue.objects.get()
    assert catalogue.measures == [
        {"kind": "technical", "text": "Tweestapsverificatie", "text_nl": "Tweestapsverificatie",
         "text_en": "Two-factor authentication"},
        {"kind": "organisational", "text": "Jaarlijkse training", "text_nl": "Jaarlijkse training",
         "text_en": None},
    ]
    page = client.get(reverse("measures:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Two-factor authentication" in page and "Tweestapsverificatie" in page
    assert "No English text yet" in page and "[technical]" not in page
    # The form gives the lines back as they were typed, both languages together.
    assert "T: Tweestapsverificatie | Two-factor authentication" in page


def test_it_refuses_a_measure_without_any_text(client, login, admin_user):
    data = {"measures": "T: | ", "summary": "Leeg"}
    response = login(client, admin_user).post(reverse("measures:publish"), data)
    assert response.status_code == 400 and not MeasureCatalogue.objects.exists()


def test_it_shows_the_service_in_the_language_of_the_page(client, login, admin_user, processor):
    register_subprocessor(
        processor=processor, acting_user=admin_user,
        data={"name": "Rekenhal B.V.", "country": "NL", "service": "Rekenkracht",
              "service_en": "Computing", "locations": ["NL"]},
    )
    login(client, admin_user)
    client.cookies["django_language"] = "en"
    english = client.get(reverse("subprocessors:list")).content.decode()
    client.cookies["django_language"] = "nl"
    dutch = client.get(reverse("subprocessors:list")).content.decode()
    assert "Computing" in english and "Rekenkracht" not in english
    assert "Rekenkracht" in dutch and "Computing" not in dutch
