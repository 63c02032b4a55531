"""The signature invitation reaches a real SMTP server on loopback, once."""

import pytest

from art28.agreements import services
from art28.notices.services import drain
from tests.annex import with_measures


@pytest.mark.django_db(transaction=True)
def test_it_delivers_the_invitation_with_link_and_fingerprint(controller_a, admin_user, smtp_server):
    agreement = services.create_agreement(controller=controller_a, acting_user=admin_user,
                                          terms=with_measures({"breach": {"notice_hours": 24}}))
    version = services.send_for_signature(version=agreement.latest, acting_user=admin_user)
    assert smtp_server.messages == []  # nothing leaves before the worker runs
    assert drain() == 1 and drain() == 0
    (mail,) = smtp_server.messages
    signer = controller_a.signatories().get()
    assert mail["to"] == [signer.email]
    assert agreement.reference in mail["subject"] and "ondertekening" in mail["subject"]
    # No login yet: the link is an invitation (choose a password, then the agreement opens).
    assert "http://testserver/invite/" in mail["text"] and "kiest u eerst een wachtwoord" in mail["text"]
    assert version.document_sha256 in mail["text"] and "24 uur" in mail["text"]
    assert mail["msg"].get_body(("html",)) is not None


@pytest.mark.django_db(transaction=True)
def test_it_writes_the_invitation_in_the_agreement_language(controller_b, admin_user, smtp_server):
    agreement = services.create_agreement(controller=controller_b, acting_user=admin_user,
                                          terms=with_measures(None))
    services.send_for_signature(version=agreement.latest, acting_user=admin_user)
    drain()
    (mail,) = smtp_server.messages
    assert "for signature" in mail["subject"] and "Breach notice period: 48 hours" in mail["text"]
