from datetime import UTC, datetime

import time_machine

from art28.ledger.models import Event
from art28.subprocessors import services
from art28.subprocessors.models import AgreementSubprocessor, Basis, LinkStatus


def test_it_answers_who_was_authorised_on_a_past_date(
    general_agreement, specific_agreement, make_subprocessor, admin_user
):
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        sp = make_subprocessor(named=True)
    assert set(services.agreements_using(sp)) == {general_agreement, specific_agreement}
    assert list(services.authorised_subprocessors(general_agreement)) == [sp]
    link = AgreementSubprocessor.objects.get(subprocessor=sp, agreement=general_agreement)
    assert (link.status, link.basis) == (LinkStatus.AUTHORISED, Basis.NAMED)
    before = datetime(2026, 2, 28, tzinfo=UTC)
    assert not services.agreements_using(sp, at=before).exists()
    assert not services.authorised_subprocessors(general_agreement, at=before).exists()
    assert Event.objects.filter(action="subprocessor.registered", object_code=str(sp.code)).exists()
