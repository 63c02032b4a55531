import pytest
from django.core.exceptions import ValidationError

from art28.ledger.models import Event
from art28.parties import services
from art28.parties.models import Contact, Controller

GOOD = {"name": "Bakkerij Brood B.V.", "address": "Kerkstraat 2", "postcode": "1234ab",
        "city": "Haarlem", "country": "nl", "kvk": "1234 5678", "language": "nl"}


@pytest.mark.django_db
def test_it_creates_a_controller_with_normalised_fields_and_an_event(processor):
    c = services.create_controller(processor=processor, data=GOOD, acting_user="pytest",
                                   contacts=[{"name": "An", "email": "an@brood.example",
                                              "is_signatory": "yes"}])
    assert (c.postcode, c.country, c.kvk) == ("1234 AB", "NL", "12345678")
    assert c.contacts.get().is_signatory
    assert Event.objects.filter(action="controller.created", object_code=str(c.code)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [("kvk", "1234567"), ("postcode", "0123 AB"),
                                         ("country", "XX"), ("language", "de"), ("name", "")])
def test_it_rejects_bad_party_fields_and_saves_nothing(processor, field, value):
    with pytest.raises(ValidationError) as exc:
        services.create_controller(processor=processor, data={**GOOD, field: value}, acting_user="t")
    assert field in exc.value.message_dict
    assert not Controller.objects.exists() and not Event.objects.exists()


@pytest.mark.django_db
def test_it_allows_foreign_parties_without_dutch_postcode(processor):
    c = services.create_controller(processor=processor, acting_user="t",
                                   data={"name": "Nordic AB", "postcode": "111 51", "country": "SE"})
    assert c.postcode == "111 51"


@pytest.mark.django_db
def test_it_rejects_a_bad_contact_email_and_saves_nothing(processor):
    with pytest.raises(ValidationError):
        services.create_controller(processor=processor, data=GOOD, acting_user="t",
                                   contacts=[{"name": "An", "email": "not-an-email"}])
    assert not Controller.objects.exists()
    assert not Contact.objects.filter(controller__isnull=False).exists()


CSV = """name;kvk;postcode;city;country;contact_name;contact_email
Alfa B.V.;11111111;1000 AA;Amsterdam;NL;Ann;ann@alfa.example
Beta B.V.;2222;1000 AA;Amsterdam;NL;Bob;bob@beta.example
Gamma GmbH;;10115;Berlin;DE;Gus;gus@gamma.example
"""


@pytest.mark.django_db
def test_it_imports_nothing_when_a_row_is_bad(processor):
    report = services.import_controllers(processor=processor, data=CSV.encode(), acting_user="t")
    assert report.imported == 0 and report.errors == [(3, {"kvk": report.errors[0][1]["kvk"]})]
    assert "8 digits" in report.errors[0][1]["kvk"]
    assert not Controller.objects.exists()


@pytest.mark.django_db
def test_it_imports_the_valid_rows_with_skip_invalid(processor):
    report = services.import_controllers(processor=processor, data=CSV.encode(), acting_user="t",
                                         skip_invalid=True)
    assert report.imported == 2 and len(report.errors) == 1
    assert sorted(Controller.objects.values_list("name", flat=True)) == ["Alfa B.V.", "Gamma GmbH"]
    assert Contact.objects.filter(controller__name="Alfa B.V.", is_breach_recipient=True).exists()


@pytest.mark.django_db
def test_it_rejects_duplicate_kvk_in_one_file(processor):
    data = "name,kvk\nA,11111111\nB,11111111\n"
    report = services.import_controllers(processor=processor, data=data, acting_user="t")
    assert report.errors and report.errors[0][0] == 3 and not Controller.objects.exists()


@pytest.mark.django_db
def test_it_rejects_unknown_columns(processor):
    with pytest.raises(ValidationError, match="Unknown CSV columns"):
        services.import_controllers(processor=processor, data="name,colour\nA,red\n", acting_user="t")
