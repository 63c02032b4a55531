"""A sub-processor's own terms are entered in form fields (choices in words), never as JSON."""

from __future__ import annotations

import pytest

from art28.ledger.models import Event
from art28.subprocessors.models import Subprocessor

pytestmark = pytest.mark.django_db

REGISTER = {"name": "Mail Noord B.V.", "country": "NL", "service": "Mail", "transfer_mechanism": "none",
            "scope_all": "on", "locations": "NL"}
TERMS = {"language": "en", "breach__notice_hours": "24", "subprocessors__authorisation": "general",
         "subprocessors__notice_days": "30", "transfers__outside_eea": "with_safeguards",
         "transfers__mechanisms": ["scc", "dpf"], "audit__allowed": "true", "audit__scope": "security",
         "audit__cost": "controller_unless_noncompliant", "end__choice": "delete",
         "end__deadline_days": "30", "end__certificate": "false", "law__governing_law": "ie"}


@pytest.fixture
def with_terms(processor, admin_user):
    from art28.subprocessors import services

    def make(terms: dict) -> Subprocessor:
        return services.register_subprocessor(
            processor=processor, acting_user=admin_user, terms=terms,
            data={"name": "Rekenhal Amsterdam B.V.", "country": "NL", "service": "Hosting",
                  "address": "Science Park 1", "locations": ["NL"]})

    return make


def _edit_data(sp: Subprocessor, **changes: str) -> dict:
    """The edit form as a browser posts it back: every field with the value it shows."""
    data = {"name": sp.name, "country": sp.country, "service": sp.service, "address": sp.address,
            "transfer_mechanism": sp.transfer_mechanism, "scope_all": "on",
            "locations": ", ".join(sp.locations), **TERMS}
    data.update(changes)
    return data


def test_it_registers_its_terms_from_the_form_fields(client, login, admin_user):
    login(client, admin_user)
    response = client.post("/subprocessors/new/", {**REGISTER, **TERMS})
    assert response.status_code == 302, response.content.decode()[:2000]
    terms = Subprocessor.objects.get().terms
    assert terms["language"] == "en" and terms["breach"]["notice_hours"] == 24
    assert terms["subprocessors"]["authorisation"] == "general"
    assert terms["subprocessors"]["notice_days"] == 30
    assert terms["transfers"] == {"outside_eea": "with_safeguards", "mechanisms": ["scc", "dpf"]}
    assert terms["audit"]["allowed"] is True and terms["audit"]["scope"] == "security"
    assert terms["audit"]["cost"] == "controller_unless_noncompliant"
    assert terms["end"]["choice"] == "delete" and terms["end"]["deadline_days"] == 30
    assert terms["end"]["certificate"] is False and terms["law"]["governing_law"] == "IE"


def test_without_terms_it_records_none(client, login, admin_user):
    login(client, admin_user)
    assert client.post("/subprocessors/new/", REGISTER).status_code == 302
    assert Subprocessor.objects.get().terms is None


def test_the_edit_page_shows_the_stored_terms_in_words(client, login, admin_user, with_terms):
    sp = with_terms({"language": "en", "breach": {"notice_hours": 36},
                                  "audit": {"allowed": True, "cost": "shared"},
                                  "end": {"choice": "return_or_delete"}})
    login(client, admin_user)
    page = client.get(f"/subprocessors/{sp.code}/edit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="breach__notice_hours" value="36"' in page
    assert '<option value="shared" selected>Shared</option>' in page
    assert '<option value="return_or_delete" selected>Return or delete, as the controller' in page
    assert '<option value="true" selected>' in page  # audits allowed: "Yes"
    main = page.split("<main", 1)[1]
    assert "DpaTerms" not in main and "{&quot;" not in main and '{"' not in main
    assert main.count("<textarea") == 1 and 'name="safeguard_note"' in main  # the only free text


def test_editing_changes_the_fields_and_keeps_what_the_analyzer_read(
        client, login, admin_user, with_terms):
    sp = with_terms({"language": "en", "breach": {"notice_hours": 36},
                                  "processing": {"data_categories": ["e-mail addresses"]}})
    login(client, admin_user)
    response = client.post(f"/subprocessors/{sp.code}/edit/", _edit_data(sp, breach__notice_hours="12"))
    assert response.status_code == 302, response.content.decode()[:2000]
    sp.refresh_from_db()
    assert sp.terms["breach"]["notice_hours"] == 12 and sp.terms["end"]["choice"] == "delete"
    assert sp.terms["processing"]["data_categories"] == ["e-mail addresses"]
    assert Event.objects.filter(action="subprocessor.updated").latest("pk").data["terms"] is True


@pytest.mark.parametrize(("field", "value", "en"), [
    ("breach__notice_hours", "96", "less than or equal to 72"),
    ("audit__cost", "whoever", "Select a valid choice"),
    ("transfers__mechanisms", "pigeon", "Select a valid choice"),
    ("law__governing_law", "XX", "unknown country code"),
])
def test_a_bad_value_gives_a_message_and_changes_nothing(
        client, login, admin_user, with_terms, field, value, en):
    sp = with_terms({"language": "en", "breach": {"notice_hours": 36}})
    stored = dict(Subprocessor.objects.get(pk=sp.pk).terms)
    login(client, admin_user)
    before = Event.objects.count()
    response = client.post(f"/subprocessors/{sp.code}/edit/", _edit_data(sp, **{field: value}),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and en in response.content.decode()
    sp.refresh_from_db()
    assert sp.terms == stored
    assert Event.objects.count() == before


def test_terms_without_a_language_are_refused_in_dutch(client, login, admin_user):
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    response = client.post("/subprocessors/new/", {**REGISTER, **TERMS, "language": ""},
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Kies de taal van zijn verwerkersovereenkomst." in response.content.decode()
    assert not Subprocessor.objects.exists()


def test_breach_terms_without_hours_or_undue_delay_are_refused(client, login, admin_user):
    login(client, admin_user)
    response = client.post("/subprocessors/new/", {**REGISTER, **TERMS, "breach__notice_hours": ""},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "Set the breach notice hours" in response.content.decode()
    assert not Subprocessor.objects.exists()


@pytest.fixture
def api(client):
    from tests.api.conftest import Api

    return Api(client)


def test_the_api_takes_the_same_terms_as_json_under_the_same_rules(api, admin_user):
    body = {"name": "Mail Noord B.V.", "country": "NL", "service": "Mail"}
    # The rules the form's fields give: no terms without a language, no breach terms without hours.
    for bad in ({"breach": {"notice_hours": 24}}, {"language": "en", "audit": {"cost": "whoever"}},
                {"language": "en", "breach": {"notice_hours": 96}}, {"language": "en"}):
        response = api.unchanged("post", "/subprocessors", as_=admin_user, json={**body, "terms": bad})
        assert response.status_code in (400, 422), bad
    good = {"language": "en", "breach": {"notice_hours": 24}, "audit": {"allowed": True, "cost": "shared"}}
    assert api.post("/subprocessors", as_=admin_user, json={**body, "terms": good}).status_code == 201
    terms = Subprocessor.objects.get().terms
    assert terms["breach"]["notice_hours"] == 24 and terms["audit"]["cost"] == "shared"


def test_undue_delay_not_stated_stays_not_stated_and_the_yes_no_fields_say_so_in_words(
        client, login, admin_user, with_terms):
    """Its breach promise "without undue delay" is a choice of three like the other yes/no
    terms: saving the edit page as shown keeps "not stated", it never becomes "no"."""
    sp = with_terms({"language": "en", "breach": {"notice_hours": 36}})
    assert sp.terms["breach"].get("undue_delay") is None
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    page = client.get(f"/subprocessors/{sp.code}/edit/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    main = page.split("<main", 1)[1]
    assert '<select name="breach__undue_delay"' in main
    for name in ("breach__undue_delay", "audit__allowed", "end__certificate"):
        select = main.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
        assert ">Niet vermeld</option>" in select and ">Ja</option>" in select and ">Nee</option>" in select
    assert "Onbekend" not in main and "Unknown" not in main
    data = {k: v for k, v in _edit_data(sp).items() if k != "breach__undue_delay"}
    data["breach__undue_delay"] = "unknown"  # what the select posts as shown
    assert client.post(f"/subprocessors/{sp.code}/edit/", data).status_code == 302
    sp.refresh_from_db()
    assert sp.terms["breach"]["undue_delay"] is None
    for posted, stored in (("true", True), ("false", False)):
        response = client.post(f"/subprocessors/{sp.code}/edit/", {**data, "breach__undue_delay": posted})
        assert response.status_code == 302
        sp.refresh_from_db()
        assert sp.terms["breach"]["undue_delay"] is stored
