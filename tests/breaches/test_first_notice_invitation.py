"""A breach-notice recipient without a login gets an invitation with the first notice."""

from __future__ import annotations

from art28.accounts import access
from art28.accounts.models import Invitation
from art28.breaches.services import send_notices
from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice
from art28.parties.models import Contact


def test_it_invites_recipients_without_a_login_once(incident, controller_a, admin_user, user_b):
    Contact.objects.create(controller=controller_a, name="Desk", email="Desk@Zonnebloem.example",
                           is_breach_recipient=True)
    signer = controller_a.signatories().get().email  # invited already when the agreement was sent
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    invited = Notice.objects.filter(kind="invitation")
    assert sorted(Delivery.objects.filter(notice__in=invited).values_list("recipient", flat=True)) == [
        "desk@zonnebloem.example"]
    inv = Invitation.objects.get(email="desk@zonnebloem.example")
    assert inv.controller == controller_a and inv.next_url == "/breaches/portal/"
    assert access.invitation_by_token(invited.get().link.rstrip("/").rsplit("/", 1)[1]) == inv
    assert Invitation.objects.filter(email=signer).count() == 1
    assert Event.objects.filter(action="account.invited_with_notice").count() == 1
    send_notices(incident=incident, stage="follow_up", acting_user=admin_user, message="More")
    assert Notice.objects.filter(kind="invitation").count() == 1
