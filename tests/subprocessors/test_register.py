"""register_subprocessor and update_subprocessor: validation, nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError

from art28.ledger.models import Event
from art28.subprocessors import services
from art28.subprocessors.models import Subprocessor


def test_it_refuses_an_unknown_country(processor, admin_user):
    with pytest.raises(ValidationError) as exc:
        services.register_subprocessor(
            processor=processor,
            acting_user=admin_user,
            data={"name": "X", "country": "XX", "service": "Mail", "locations": ["ZZ"]},
        )
    assert {"country", "locations"} <= set(exc.value.message_dict)
    assert (
        not Subprocessor.objects.exists()
        and not Event.objects.filter(action__startswith="subprocessor").exists()
    )


def test_it_refuses_a_duplicate_name(processor, admin_user, make_subprocessor):
    make_subprocessor("Same B.V.")
    with pytest.raises(ValidationError) as exc:
        make_subprocessor("same b.v.")
    assert "name" in exc.value.message_dict


def test_it_refuses_bad_terms_without_saving(processor, admin_user):
    with pytest.raises(ValidationError):
        services.register_subprocessor(
            processor=processor,
            acting_user=admin_user,
            data={"name": "T", "country": "NL", "service": "S"},
            terms={"language": "en", "breach": {"notice_hours": 500}},
        )
    assert not Subprocessor.objects.exists()


def test_it_stores_the_agreement_file_and_its_fingerprint(processor, admin_user, make_subprocessor):
    sp = make_subprocessor()
    services.update_subprocessor(
        subprocessor=sp,
        data={"country": "be"},
        acting_user=admin_user,
        agreement_file=("dpa.pdf", b"%PDF-1.7 test"),
    )
    sp.refresh_from_db()
    assert sp.country == "BE" and sp.agreement_file.read() == b"%PDF-1.7 test"
    assert len(sp.agreement_sha256) == 64
    assert Event.objects.filter(action="subprocessor.updated").get().data["changed"] == {
        "country": ["NL", "BE"]
    }
