"""Importing an agreement signed before art28: staged upload, confirm the terms, signed version."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from art28.agreements import services as agreement_services
from art28.agreements.imports import import_signed_agreement
from art28.agreements.models import Agreement, VersionOrigin, VersionStatus
from art28.ledger.models import Event
from art28.reviews.models import Review
from tests.reviews.conftest import counts

pytestmark = pytest.mark.django_db


def _stage(client, controller, data: bytes, name: str):
    return client.post(reverse("reviews:import_create"),
                       {"controller": controller.pk, "file": SimpleUploadedFile(name, data)})


def _confirm_data(review: Review, **changes) -> dict:
    from art28.reviews.forms import confirm_initial
    from art28.terms.schema import DpaTerms

    initial = confirm_initial(DpaTerms.model_validate(review.result["terms"]))
    data = {k: ("" if v is None else v) for k, v in {**initial, **changes}.items()}
    return {k: v for k, v in data.items() if v is not False}


def test_it_stages_the_upload_and_proposes_the_terms_with_quotes(client, login, staff_a, controller_a,
                                                                  nl_pdf):
    login(client, staff_a)
    response = _stage(client, controller_a, nl_pdf, "verwerkersovereenkomst-2019.pdf")
    review = Review.objects.get()
    assert response["Location"] == reverse("reviews:import_confirm", args=[review.code])
    assert review.controller == controller_a and review.document and review.agreement is None
    page = client.get(response["Location"]).content.decode()
    assert 'name="breach__notice_hours"' in page and 'value="24"' in page
    quote = review.evidence("breach.notice_hours")[0]["quote"]
    assert quote[:50] in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert not Agreement.objects.exists()


def test_it_imports_with_the_confirmed_terms_and_the_original_file(client, login, staff_a, controller_a,
                                                                    nl_pdf):
    login(client, staff_a)
    _stage(client, controller_a, nl_pdf, "verwerkersovereenkomst-2019.pdf")
    review = Review.objects.get()
    # Staff correct the notice hours: the clocks must use the confirmed value, not the proposal.
    response = client.post(reverse("reviews:import_confirm", args=[review.code]),
                           _confirm_data(review, breach__notice_hours=36))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:agreement_detail", args=[agreement.code])
    version = agreement.binding
    assert agreement.controller == controller_a and agreement.in_force == version
    assert version.status == VersionStatus.SIGNED and version.origin == VersionOrigin.IMPORTED
    assert version.dpa_terms.breach.notice_hours == 36
    assert version.dpa_terms.subprocessors.authorisation.value == "specific"
    assert version.dpa_terms.controller.name == controller_a.name
    assert version.original_filename == "verwerkersovereenkomst-2019.pdf"
    assert version.document.read() == nl_pdf
    assert version.document_sha256 == version.signed_document_sha256 == hashlib.sha256(nl_pdf).hexdigest()
    assert agreement_services.render_version_pdf(version) == nl_pdf
    review.refresh_from_db()
    assert review.agreement == agreement
    event = Event.objects.get(action="agreement.imported")
    assert event.data["sha256"] == version.document_sha256 and event.data["notice_hours"] == 36
    # A second confirm does not import twice.
    again = client.post(reverse("reviews:import_confirm", args=[review.code]), _confirm_data(review))
    assert again.status_code == 302 and Agreement.objects.count() == 1


def test_it_puts_an_imported_agreement_under_the_breach_clocks(admin_user, controller_a, en_docx):
    from art28.breaches.services.affected import binding_terms, promise

    agreement = import_signed_agreement(controller=controller_a, data=en_docx, filename="dpa.docx",
                                        terms={"language": "en", "breach": {"notice_hours": 12}},
                                        acting_user=admin_user)
    assert Agreement.objects.active().signed().filter(pk=agreement.pk).exists()
    language, terms = binding_terms([agreement.pk])[agreement.pk]
    assert language == "en" and promise(terms)[0] == 12


def test_it_amends_an_imported_agreement_on_the_current_standard_terms(admin_user, controller_a, en_docx):
    from art28 import documents

    agreement = import_signed_agreement(controller=controller_a, data=en_docx, filename="dpa.docx",
                                        terms={"language": "en", "breach": {"notice_hours": 12}},
                                        acting_user=admin_user)
    version = agreement_services.update_terms(agreement=agreement, terms={"breach": {"notice_hours": 24}},
                                              acting_user=admin_user)
    assert version.number == 2 and version.standard_version == documents.CURRENT_VERSION
    assert version.origin == VersionOrigin.GENERATED
    assert agreement.in_force.number == 1  # the imported version binds until v2 is signed


def test_it_refuses_older_standard_terms_for_an_imported_agreement(admin_user, controller_a, en_docx):
    from django.core.exceptions import ValidationError

    agreement = import_signed_agreement(controller=controller_a, data=en_docx, filename="dpa.docx",
                                        terms={"language": "en", "breach": {"notice_hours": 12}},
                                        acting_user=admin_user)
    with pytest.raises(ValidationError, match="not back to 2026.1"):
        agreement_services.update_terms(agreement=agreement, terms={"breach": {"notice_hours": 24}},
                                        acting_user=admin_user, standard_version="2026.1")
    assert agreement.versions.count() == 1


def test_it_refuses_bad_confirmed_terms_and_saves_nothing(client, login, staff_a, controller_a, nl_pdf):
    login(client, staff_a)
    _stage(client, controller_a, nl_pdf, "c.pdf")
    review = Review.objects.get()
    before = counts()
    data = _confirm_data(review, breach__notice_hours="")
    data.pop("breach__undue_delay", None)
    response = client.post(reverse("reviews:import_confirm", args=[review.code]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["breach__notice_hours"]
    assert counts() == before


def test_it_refuses_a_text_file_as_signed_original(client, login, staff_a, controller_a):
    login(client, staff_a)
    response = _stage(client, controller_a, b"The processor notifies breaches within 24 hours.", "c.txt")
    assert response.status_code == 400 and "not accepted" in str(response.context["form"].errors)
    assert not Review.objects.exists()


def test_it_refuses_a_zip_bomb_and_saves_nothing(client, login, staff_a, controller_a, bomb):
    login(client, staff_a)
    before = counts()
    response = _stage(client, controller_a, bomb, "c.docx")
    assert response.status_code == 400 and "zip bomb" in str(response.context["form"].errors)
    assert counts() == before


def test_it_denies_read_only_staff(client, login, admin_user, staff_readonly, controller_a, nl_pdf):
    from art28.reviews import services

    review = services.review_document(processor=controller_a.processor, data=nl_pdf, filename="c.pdf",
                                      acting_user=admin_user, controller=controller_a)
    login(client, staff_readonly)
    assert _stage(client, controller_a, nl_pdf, "c.pdf").status_code == 403
    assert client.get(reverse("reviews:import_confirm", args=[review.code])).status_code == 200
    response = client.post(reverse("reviews:import_confirm", args=[review.code]), _confirm_data(review))
    assert response.status_code == 403 and not Agreement.objects.exists()


def test_it_hides_imports_from_outsiders(client, login, admin_user, staff_none, user_a, controller_a,
                                         controller_b, nl_pdf):
    from art28.reviews import services

    review = services.review_document(processor=controller_a.processor, data=nl_pdf, filename="c.pdf",
                                      acting_user=admin_user, controller=controller_a)
    for outsider in (staff_none, user_a):
        login(client, outsider)
        assert client.get(reverse("reviews:import_confirm", args=[review.code])).status_code == 404
        assert client.post(reverse("reviews:import_confirm", args=[review.code]),
                           _confirm_data(review)).status_code == 404
    # staff_none cannot stage an import for a controller not assigned to them
    login(client, staff_none)
    assert _stage(client, controller_a, nl_pdf, "c.pdf").status_code == 400
    assert not Agreement.objects.exists() and Review.objects.count() == 1


def test_the_import_form_finds_the_controller_by_search_not_in_a_list_of_all(client, login, admin_user,
                                                                             make_controller, nl_pdf):
    from art28.reviews.access import PICK_CONTROLLERS

    clients = [make_controller(f"Praktijk {n:02d} B.V.") for n in range(PICK_CONTROLLERS + 5)]
    wanted = make_controller("Bakkerij De Korenschoof")
    login(client, admin_user)
    page = client.get(reverse("reviews:import_create"))
    listed = [value for value, _ in page.context["form"].fields["controller"].widget.choices if value]
    assert listed == [] and "too many to list them all" in page.content.decode()
    found = client.get(reverse("reviews:import_create") + "?find=korenschoof")
    assert [v for v, _ in found.context["form"].fields["controller"].widget.choices if v] == [wanted.pk]
    many = client.get(reverse("reviews:import_create") + "?find=praktijk")
    shown = [v for v, _ in many.context["form"].fields["controller"].widget.choices if v]
    assert shown == [c.pk for c in clients[:PICK_CONTROLLERS]]
    assert "Only the first matches" in many.content.decode()
    # Any controller the user may see is accepted, listed or not.
    response = _stage(client, clients[-1], nl_pdf, "dpa.pdf")
    assert Review.objects.get().controller == clients[-1]
    assert response["Location"] == reverse("reviews:import_confirm", args=[Review.objects.get().code])


def test_the_import_form_lists_a_few_controllers_without_a_search(client, login, staff_a, controller_a,
                                                                  controller_b):
    login(client, staff_a)  # assigned to controller_a only
    page = client.get(reverse("reviews:import_create"))
    assert [v for v, _ in page.context["form"].fields["controller"].widget.choices if v] == [controller_a.pk]
    assert 'id="find-controller"' not in page.content.decode()
    assert client.get(reverse("reviews:import_create") + "?find=harbour").context["form"].fields[
        "controller"].widget.choices == [("", "---------")]
