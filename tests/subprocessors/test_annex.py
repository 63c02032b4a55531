"""sync_annex_iv: Annex IV of new and re-rendered agreements lists the register."""

from art28 import documents
from art28.ledger.models import Event
from art28.subprocessors import services


def test_a_new_draft_lists_the_register_and_its_pdf_shows_it(
    admin_user, make_agreement, controller_a, make_subprocessor
):
    make_subprocessor("Rekenhal Amsterdam B.V.", named=True)  # in use, for all agreements
    make_subprocessor("Alleen Voorgesteld B.V.")  # proposed only: not named
    draft = make_agreement(controller_a)  # creating the agreement fills Annex IV from the register
    version = draft.latest
    assert [n["name"] for n in version.terms["subprocessors"]["named"]] == ["Rekenhal Amsterdam B.V."]
    assert version.number == 1
    text = documents.pdf_text(documents.render_pdf(version.dpa_terms, reference="x"))
    assert "Rekenhal Amsterdam" in text and "Alleen Voorgesteld" not in text
    assert services.sync_annex_iv(agreement=draft, acting_user=admin_user) is None
    assert Event.objects.filter(action="subprocessor.annex_synced").count() == 1
    assert [s.name for s in services.authorised_subprocessors(draft)] == ["Rekenhal Amsterdam B.V."]


def test_a_signed_agreement_gets_a_new_version(admin_user, make_agreement, controller_a, make_subprocessor):
    signed = make_agreement(controller_a, state="signed")
    make_subprocessor("Later Erbij B.V.", named=True, agreements=[signed])
    version = services.sync_annex_iv(agreement=signed, acting_user=admin_user)
    assert version.number == 2 and version.status == "draft"
    assert [n["name"] for n in version.terms["subprocessors"]["named"]] == ["Later Erbij B.V."]

