"""The API checks what the forms check (issue 9, holes 5-7): control characters, lengths from
the model, explicit nulls, bodies that are no JSON object, pages far past the end."""

from __future__ import annotations

import io

import pytest

from tests.api.conftest import counts, last_event


@pytest.fixture
def subprocessor(admin_user):
    from art28.subprocessors.services import register_subprocessor

    return register_subprocessor(processor=admin_user.membership.processor, acting_user=admin_user,
                                 data={"name": "Rekenhal B.V.", "country": "NL", "service": "hosting"})


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {".".join(item["loc"]): item["msg"] for item in response.json()["detail"]}


@pytest.mark.parametrize("field", ["name", "address", "city", "postcode"])
def test_it_refuses_a_control_character_in_a_controller_field(api, admin_user, field):
    body = {"name": "Zeilmakerij", field: "Zeil\x14makerij"}
    errors = _errors(api.unchanged("post", "/controllers", as_=admin_user, json=body))
    assert "control characters" in errors[field]


def test_it_refuses_a_nul_in_a_contact_e_mail_address(api, admin_user, controller_a):
    body = {"name": "Bram", "email": "bram\x00@zeil.example"}
    errors = _errors(api.unchanged("post", f"/controllers/{controller_a.code}/contacts",
                                   as_=admin_user, json=body))
    assert "control characters" in errors["email"]
    assert not controller_a.contacts.filter(name="Bram").exists()


def test_it_refuses_control_characters_in_sub_processor_fields(api, admin_user, subprocessor):
    bad = {"name": "Reken\x00hal", "service": "host\x1fing", "address": "Weg\x07 1",
           "data_categories": ["names", "e-mail\x0b"]}
    errors = _errors(api.patch(f"/subprocessors/{subprocessor.code}", as_=admin_user, json=bad))
    assert set(errors) == set(bad)
    subprocessor.refresh_from_db()
    assert (subprocessor.name, subprocessor.service) == ("Rekenhal B.V.", "hosting")


@pytest.mark.parametrize(("field", "column"), [("name", 200), ("city", 100), ("address", 200)])
def test_it_refuses_a_controller_field_longer_than_its_column(api, admin_user, field, column):
    body = {"name": "Zeilmakerij", field: "x" * 10_000}
    errors = _errors(api.unchanged("post", "/controllers", as_=admin_user, json=body))
    assert errors[field] == f"Use at most {column} characters (this has 10000)."


def test_it_takes_the_length_limits_from_the_model(api, admin_user, controller_a):
    from art28.parties.models import Contact

    limit = Contact._meta.get_field("phone").max_length
    body = {"name": "Bram", "email": "bram@zeil.example", "phone": "1" * (limit + 1)}
    errors = _errors(api.unchanged("post", f"/controllers/{controller_a.code}/contacts",
                                   as_=admin_user, json=body))
    assert errors["phone"] == f"Use at most {limit} characters (this has {limit + 1})."
    ok = api.post(f"/controllers/{controller_a.code}/contacts", as_=admin_user,
                  json={**body, "phone": "1" * limit})
    assert ok.status_code == 201
    assert Contact.objects.get(code=ok.json()["code"]).phone == "1" * limit


def test_the_web_form_and_the_api_give_the_same_message(client, login, admin_user, api):
    page = login(client, admin_user).post("/staff/controllers/new/", {
        "name": "Zeil\x14makerij", "country": "NL", "language": "nl"})
    assert "Remove the control characters" in page.content.decode()
    errors = _errors(api.post("/controllers", as_=admin_user, json={"name": "Zeil\x14makerij"}))
    assert errors["name"] == "Remove the control characters (such as NUL) from this text."


def test_it_gives_the_messages_in_dutch(api, admin_user):
    from art28.api.services import create_token

    token = create_token(user=admin_user, name="nl", acting_user=admin_user)[1]
    response = api.client.post("/api/v1/controllers", data={"name": "x" * 201},
                               content_type="application/json",
                               headers={"Authorization": f"Bearer {token}", "Accept-Language": "nl"})
    assert _errors(response)["name"] == "Gebruik hoogstens 200 tekens (dit zijn er 201)."


def test_the_xlsx_export_survives_control_characters_in_old_data(api, admin_user, controller_a,
                                                                  make_agreement):
    from openpyxl import load_workbook

    from art28.parties.models import Controller

    make_agreement(controller_a, state="signed")
    # Data stored before the check existed, written around the services (no NUL: PostgreSQL
    # cannot store one at all).
    Controller.objects.filter(pk=controller_a.pk).update(name="Zonne\x14bloem\x1f")
    response = api.get("/ropa?format=xlsx", as_=admin_user)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Zonne\ufffdbloem\ufffd"]


def test_it_gives_422_for_an_explicit_null_and_changes_nothing(api, admin_user, subprocessor):
    api.token(admin_user)
    before = last_event().seq
    response = api.patch(f"/subprocessors/{subprocessor.code}", as_=admin_user,
                         json={"scope_all": None, "dpf_certified": None, "address": None})
    assert _errors(response) == {k: "This field may not be null." for k in
                                 ("scope_all", "dpf_certified", "address")}
    subprocessor.refresh_from_db()
    assert (subprocessor.scope_all, subprocessor.dpf_certified, subprocessor.address) == (True, False, "")
    assert last_event().seq == before


@pytest.mark.parametrize("raw", ["5", "[]", '"name"', "null", "true"])
def test_it_refuses_a_body_that_is_no_json_object(api, admin_user, subprocessor, controller_a, raw):
    api.token(admin_user)
    before = counts()
    for path in (f"/subprocessors/{subprocessor.code}", f"/controllers/{controller_a.code}"):
        response = api.patch(path, as_=admin_user, raw=raw)
        assert _errors(response) == {"body": "The request body must be a JSON object ({...})."}
    assert counts() == before


def test_it_answers_a_page_far_past_the_end_with_an_empty_page(api, admin_user, controller_a):
    response = api.get("/controllers?page=9999999999999999999999", as_=admin_user)
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 1, "page": 9999999999999999999999, "pages": 1}
    assert api.get("/controllers?page=1", as_=admin_user).json()["items"][0]["name"] == controller_a.name


def test_the_web_lists_clamp_a_page_far_past_the_end(client, login, admin_user, controller_a):
    page = login(client, admin_user).get("/staff/controllers/?page=9999999999999999999999")
    assert page.status_code == 200
    assert controller_a.name in page.content.decode()


def test_it_refuses_control_characters_in_agreement_terms(api, admin_user, controller_a,
                                                          make_agreement):
    agreement = make_agreement(controller_a)
    before = agreement.latest.terms
    body = {"processing": {"subject_matter": "Hosting\x00", "purposes": ["ok", "bad\x14"]}}
    errors = _errors(api.patch(f"/agreements/{agreement.code}/terms", as_=admin_user, json=body))
    assert errors == {"processing.subject_matter": "Remove the control characters (such as NUL) "
                      "from this text.",
                      "processing.purposes.1": "Remove the control characters (such as NUL) "
                      "from this text."}
    assert agreement.latest.terms == before


def test_the_web_forms_take_lengths_from_the_model_and_messages_from_the_service(
        client, login, admin_user):
    from art28.parties.models import Controller

    login(client, admin_user)
    assert 'maxlength="100"' in client.get("/staff/controllers/new/").content.decode()
    page = client.post("/staff/controllers/new/", {"name": "Zeilmakerij", "city": "x" * 101,
                                                   "country": "NL", "language": "nl"})
    assert "Use at most 100 characters (this has 101)." in page.content.decode()
    assert not Controller.objects.filter(name="Zeilmakerij").exists()
    page = client.post("/subprocessors/new/", {"name": "Reken\x14hal", "country": "NL",
                                               "service": "x" * 301, "transfer_mechanism": "none"})
    assert "Remove the control characters" in page.content.decode()
    assert "Use at most 300 characters (this has 301)." in page.content.decode()
