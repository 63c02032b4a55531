"""Importing a sub-processor's own agreement: staged upload, confirm each term, flow-down input."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from art28.ledger.models import Event
from art28.reviews.models import Review
from tests.reviews.conftest import counts

pytestmark = pytest.mark.django_db

OURS = {"breach": {"notice_hours": 24}}


@pytest.fixture(autouse=True)
def _margin(settings):
    settings.ART28_FLOWDOWN_MARGIN_HOURS = 6


@pytest.fixture
def sp(processor, admin_user, make_agreement, controller_a):
    from art28.subprocessors import services

    make_agreement(controller_a, state="signed", terms=OURS)
    return services.register_subprocessor(
        processor=processor, acting_user=admin_user, named_in_agreements=True,
        data={"name": "Rekenhal Amsterdam B.V.", "country": "NL", "service": "Hosting",
              "address": "Science Park 1", "locations": ["NL"]})


@pytest.fixture
def other_admin(db):
    from art28.parties.models import Processor
    from tests.conftest import _user

    other = Processor.objects.create(name="Andere Hosting B.V.", country="NL", kvk="11223344")
    return _user("other_admin", role="processor_admin", processor=other)


@pytest.fixture
def readonly_admin(processor):
    from tests.conftest import _user

    return _user("admin_ro", role="processor_admin", processor=processor, read_only=True)


def _stage(client, sp, data: bytes, name: str, *, choose: bool = False):
    if choose:  # from the reviews page, choosing the sub-processor
        return client.post(reverse("reviews:subprocessor_import_create"),
                           {"subprocessor": str(sp.code), "file": SimpleUploadedFile(name, data)})
    return client.post(reverse("reviews:subprocessor_import_create", args=[sp.code]),
                       {"file": SimpleUploadedFile(name, data)})


def _confirm_data(review: Review, **changes) -> dict:
    from art28.reviews.forms import confirm_initial
    from art28.terms.schema import DpaTerms

    initial = confirm_initial(DpaTerms.model_validate(review.result["terms"]))
    data = {k: ("" if v is None else v) for k, v in {**initial, **changes}.items()}
    return {k: v for k, v in data.items() if v is not False}


def _state(sp) -> dict:
    sp.refresh_from_db()
    return {**counts(), "terms": sp.terms, "file": sp.agreement_file.name, "sha": sp.agreement_sha256}


def _areas(sp) -> list[str]:
    from art28.subprocessors.services import compare

    return [g.area for g in compare(sp)]


def test_it_links_from_the_subprocessor_page(client, login, admin_user, sp):
    login(client, admin_user)
    page = client.get(reverse("subprocessors:detail", args=[sp.code])).content.decode()
    assert reverse("reviews:subprocessor_import_create", args=[sp.code]) in page
    listing = client.get(reverse("reviews:review_list")).content.decode()
    assert reverse("reviews:subprocessor_import_create") in listing


def test_it_records_the_confirmed_terms_and_the_file_and_shows_the_flowdown_gap(
        client, login, admin_user, processor, sp, en_docx):
    from art28.subprocessors.services import dashboard

    assert _areas(sp) == ["terms"]
    login(client, admin_user)
    response = _stage(client, sp, en_docx, "rekenhal-dpa.docx")
    review = Review.objects.get()
    assert response["Location"] == reverse("reviews:import_confirm", args=[review.code])
    assert review.subprocessor == sp and review.controller is None and review.document
    assert _state(sp)["terms"] is None  # nothing recorded before the confirmation

    page = client.get(response["Location"]).content.decode()
    assert "flow-down" in page and 'name="breach__notice_hours"' in page and 'value="48"' in page
    assert 'name="transfers__mechanisms"' in page and 'name="end__certificate"' in page
    quote = review.evidence("breach.notice_hours")[0]["quote"]
    assert quote[:50] in page.replace("&quot;", '"').replace("&#x27;", "'")

    # The admin corrects the audit scope and the mechanisms; the breach notice stays as read (48 h).
    response = client.post(reverse("reviews:import_confirm", args=[review.code]),
                           _confirm_data(review, audit__scope="security", transfers__mechanisms=["scc"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("subprocessors:detail", args=[sp.code])
    sp.refresh_from_db()
    terms = sp.dpa_terms
    assert terms.breach.notice_hours == 48 and terms.audit.scope.value == "security"
    assert [m.value for m in terms.transfers.mechanisms] == ["scc"]
    assert terms.processor.name == sp.name and terms.controller.name == processor.name
    assert sp.agreement_file.read() == en_docx
    assert sp.agreement_sha256 == hashlib.sha256(en_docx).hexdigest() == review.sha256
    assert sp.agreement_file.name.endswith(".docx")
    review.refresh_from_db()
    assert review.imported_at is not None and review.is_imported
    updated = Event.objects.get(action="subprocessor.updated")
    assert updated.data["terms"] is True and updated.data["file_sha256"] == sp.agreement_sha256
    imported = Event.objects.get(action="review.imported")
    assert imported.data["subprocessor"] == str(sp.code)
    assert imported.data["corrected"] == ["audit.scope", "transfers.mechanisms"]

    # 48 h + 6 h margin > our 24 h: the flow-down check now names the breach gap.
    assert "breach" in _areas(sp) and "terms" not in _areas(sp)
    row = next(r for r in dashboard(processor.pk) if r.subprocessor == sp)
    assert "breach" in [g.area for g in row.gaps]
    detail = client.get(reverse("subprocessors:detail", args=[sp.code])).content.decode()
    assert "exceed our shortest promise of 24 hours" in detail

    # A second confirmation records nothing twice.
    before = _state(sp)
    again = client.post(reverse("reviews:import_confirm", args=[review.code]), _confirm_data(review))
    assert again.status_code == 302 and _state(sp) == before


def test_it_uses_the_corrected_hours_for_the_flowdown(client, login, admin_user, sp, en_docx):
    login(client, admin_user)
    _stage(client, sp, en_docx, "dpa.docx", choose=True)
    review = Review.objects.get()
    assert review.subprocessor == sp
    client.post(reverse("reviews:import_confirm", args=[review.code]),
                _confirm_data(review, breach__notice_hours=12))
    sp.refresh_from_db()
    assert sp.dpa_terms.breach.notice_hours == 12
    assert "breach" not in _areas(sp)  # 12 h + 6 h fits our 24 h


def test_it_accepts_a_pdf(admin_user, processor, sp, nl_pdf):
    from art28.reviews import services

    review = services.review_document(processor=processor, data=nl_pdf, filename="sp.pdf",
                                      acting_user=admin_user, subprocessor=sp)
    terms = review.result["terms"]
    stored = services.confirm_subprocessor_import(review=review, terms=terms, acting_user=admin_user)
    assert stored.agreement_file.read() == nl_pdf and stored.dpa_terms.breach.notice_hours == 24


def test_it_refuses_bad_confirmed_terms_and_saves_nothing(client, login, admin_user, sp, en_docx):
    login(client, admin_user)
    _stage(client, sp, en_docx, "dpa.docx")
    review = Review.objects.get()
    before = _state(sp)
    data = _confirm_data(review, breach__notice_hours="")
    data.pop("breach__undue_delay", None)
    response = client.post(reverse("reviews:import_confirm", args=[review.code]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["breach__notice_hours"]
    assert _state(sp) == before and Review.objects.get().imported_at is None


def test_it_denies_read_only_members_and_staff(client, login, admin_user, readonly_admin, staff_a, sp,
                                               en_docx):
    from art28.reviews import services

    review = services.review_document(processor=sp.processor, data=en_docx, filename="dpa.docx",
                                      acting_user=admin_user, subprocessor=sp)
    before = _state(sp)
    login(client, readonly_admin)
    assert _stage(client, sp, en_docx, "dpa.docx").status_code == 403
    assert client.get(reverse("reviews:import_confirm", args=[review.code])).status_code == 200
    response = client.post(reverse("reviews:import_confirm", args=[review.code]), _confirm_data(review))
    assert response.status_code == 403
    # Changing the register takes the admin: staff may not import either.
    login(client, staff_a)
    assert _stage(client, sp, en_docx, "dpa.docx").status_code == 403
    assert client.post(reverse("reviews:import_confirm", args=[review.code]),
                       _confirm_data(review)).status_code == 404
    assert _state(sp) == before


def test_it_hides_everything_from_outsiders(client, login, admin_user, other_admin, user_a, sp, en_docx):
    from art28.reviews import services

    review = services.review_document(processor=sp.processor, data=en_docx, filename="dpa.docx",
                                      acting_user=admin_user, subprocessor=sp)
    before = _state(sp)
    for outsider in (other_admin, user_a):
        login(client, outsider)
        assert _stage(client, sp, en_docx, "dpa.docx").status_code == 404
        assert client.get(reverse("reviews:import_confirm", args=[review.code])).status_code == 404
        assert client.post(reverse("reviews:import_confirm", args=[review.code]),
                           _confirm_data(review)).status_code == 404
    # Choosing another processor's sub-processor on the reviews page is not a valid choice.
    login(client, other_admin)
    assert _stage(client, sp, en_docx, "dpa.docx", choose=True).status_code == 400
    assert _state(sp) == before


@pytest.mark.parametrize("name,make,reason", [
    ("dpa.docx", "bomb", "zip bomb"),
    ("dpa.txt", "text", "not accepted"),
    ("dpa.pdf", "random", ""),
    ("dpa.pdf", "empty", ""),
])
def test_it_refuses_a_hostile_upload_and_saves_nothing(client, login, admin_user, sp, bomb, name, make,
                                                       reason):
    data = {"bomb": bomb, "text": b"The sub-processor notifies breaches within 24 hours.",
            "random": bytes(range(256)) * 64, "empty": b""}[make]
    login(client, admin_user)
    before = _state(sp)
    response = _stage(client, sp, data, name)
    assert response.status_code == 400
    errors = str(response.context["form"].errors)
    assert errors and reason in errors
    assert _state(sp) == before and not Review.objects.exists()


# --- API: POST /api/v1/analyses with subprocessor=<code>, then POST /api/v1/analyses/{code}/confirm ----

def _bearer(user) -> dict:
    from art28.api.services import create_token

    return {"Authorization": f"Bearer {create_token(user=user, name='tests', acting_user=user)[1]}"}


def _api_stage(client, headers, sp, data: bytes, name: str):
    return client.post("/api/v1/analyses",
                       {"file": SimpleUploadedFile(name, data), "subprocessor": str(sp.code)},
                       headers=headers)


def _api_confirm(client, headers, code, terms):
    return client.post(f"/api/v1/analyses/{code}/confirm", {"terms": terms}, content_type="application/json",
                       headers=headers)


def test_api_stages_and_confirms_a_subprocessor_agreement(client, admin_user, sp, en_docx):
    headers = _bearer(admin_user)
    response = _api_stage(client, headers, sp, en_docx, "dpa.docx")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["subprocessor"] == str(sp.code) and body["imported"] is False
    assert body["terms"]["breach"]["notice_hours"] == 48 and body["evidence"]["breach.notice_hours"]
    assert sp.__class__.objects.get(pk=sp.pk).terms is None
    terms = {**body["terms"], "audit": {**body["terms"]["audit"], "scope": "security"}}
    response = _api_confirm(client, headers, body["code"], terms)
    assert response.status_code == 200, response.content
    sp.refresh_from_db()
    assert response.json()["agreement_sha256"] == sp.agreement_sha256 == hashlib.sha256(en_docx).hexdigest()
    assert sp.dpa_terms.audit.scope.value == "security" and sp.agreement_file.read() == en_docx
    assert Event.objects.filter(action="subprocessor.updated").count() == 1
    assert "breach" in _areas(sp)
    assert client.get(f"/api/v1/analyses/{body['code']}", headers=headers).json()["imported"] is True
    again = _api_confirm(client, headers, body["code"], terms)
    assert again.status_code == 422 and Event.objects.filter(action="subprocessor.updated").count() == 1


def test_api_denies_read_only_and_outsiders_and_refuses_hostile_files(
        client, admin_user, readonly_admin, staff_a, other_admin, user_a, sp, en_docx, bomb):
    from art28.reviews import services

    review = services.review_document(processor=sp.processor, data=en_docx, filename="dpa.docx",
                                      acting_user=admin_user, subprocessor=sp)
    terms = review.result["terms"]
    before = _state(sp)
    for user, status in ((readonly_admin, 403), (staff_a, 403), (user_a, 403), (other_admin, 404)):
        headers = _bearer(user)
        assert _api_stage(client, headers, sp, en_docx, "dpa.docx").status_code == status, user
        assert _api_confirm(client, headers, review.code, terms).status_code in (403, 404), user
    headers = _bearer(admin_user)
    response = _api_stage(client, headers, sp, bomb, "dpa.docx")
    assert response.status_code == 422 and "zip bomb" in response.json()["detail"][0]["msg"]
    response = _api_stage(client, headers, sp, b"breaches within 24 hours", "dpa.txt")
    assert response.status_code == 422 and "PDF or DOCX" in response.json()["detail"][0]["msg"]
    assert Review.objects.count() == 1
    assert {k: v for k, v in _state(sp).items() if k != "Event"} == \
        {k: v for k, v in before.items() if k != "Event"}  # tokens write events of their own
