"""A breach-notice recipient without a login finds an invitation in the notice itself."""

from __future__ import annotations

from django.urls import reverse

from art28.accounts import access
from art28.accounts.models import Invitation
from art28.breaches.models import IncidentNotice
from art28.breaches.services import send_notices
from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice
from art28.parties.models import Contact
from tests.mail_links import accept, invitation_path


def _token(link: str) -> str:
    return link.split("/invite/", 1)[1].split("/", 1)[0]


def test_it_puts_the_invitation_in_the_notice_of_recipients_without_a_login(
        incident, controller_a, admin_user, user_b):
    Contact.objects.create(controller=controller_a, name="Desk", email="Desk@Zonnebloem.example",
                           is_breach_recipient=True)
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    assert not Notice.objects.filter(kind="invitation").exists()  # no separate mail
    item = IncidentNotice.objects.get(affected__agreement__controller=controller_a)
    desk = Delivery.objects.get(notice=item.notice, recipient="desk@zonnebloem.example")
    assert desk.personal_link.endswith(f"?next={reverse('breaches:portal_notice', args=[item.code])}")
    inv = Invitation.objects.get(email="desk@zonnebloem.example")
    assert inv.controller == controller_a and access.invitation_by_token(_token(desk.personal_link)) == inv
    # The shared copy (portal inbox, webhook) keeps the plain link; a person with a login too.
    assert "/invite/" not in item.notice.link and "/invite/" not in item.notice.body_text
    assert Delivery.objects.filter(notice__controller=user_b.membership.controller, personal_link="").exists()
    assert Event.objects.filter(action="account.invited_with_notice").count() == 1


def test_a_later_notice_gives_the_same_invitation_a_fresh_link(incident, controller_a, admin_user):
    Contact.objects.create(controller=controller_a, name="Desk", email="desk@zonnebloem.example",
                           is_breach_recipient=True)
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    first = Delivery.objects.get(recipient="desk@zonnebloem.example").personal_link
    send_notices(incident=incident, stage="follow_up", acting_user=admin_user, message="More")
    desk = Delivery.objects.filter(recipient="desk@zonnebloem.example")
    later = desk.exclude(personal_link=first).get().personal_link
    [invitation] = Invitation.objects.filter(email="desk@zonnebloem.example")
    assert access.invitation_by_token(_token(later)) == invitation
    assert _token(first) != _token(later)


def test_the_desk_follows_the_link_in_the_mail_sets_a_password_and_lands_on_the_notice(
        client, smtp_server, incident, controller_a, admin_user):
    Contact.objects.create(controller=controller_a, name="Desk", email="desk@zonnebloem.example",
                           is_breach_recipient=True)
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    path = invitation_path(smtp_server, "desk@zonnebloem.example")
    item = IncidentNotice.objects.get(affected__agreement__controller=controller_a)
    landed = accept(client, path)
    assert landed == reverse("breaches:portal_notice", args=[item.code])
    page = client.get(landed)
    assert page.status_code == 200 and incident.reference in page.content.decode()
    user = Invitation.objects.get(email="desk@zonnebloem.example").user
    assert user.membership.controller == controller_a
    # The link was used up: a second click says so instead of logging anyone in.
    client.logout()
    assert client.get(path).status_code == 410
    assert client.get(landed).status_code == 302  # to the login page
