import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from art28.documents import docx_text, pdf_text


@pytest.mark.django_db
def test_it_renders_every_agreement_in_both_formats(controller_a, controller_b, make_agreement, tmp_path):
    a, b = make_agreement(controller_a), make_agreement(controller_b)
    call_command("render", "--all", "--format", "pdf,docx", "--out", str(tmp_path))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{x.reference}-v1.{f}" for x in (a, b) for f in ("pdf", "docx"))
    assert controller_b.name in pdf_text((tmp_path / f"{b.reference}-v1.pdf").read_bytes())
    assert controller_a.kvk in docx_text((tmp_path / f"{a.reference}-v1.docx").read_bytes())


@pytest.mark.django_db
def test_it_renders_selected_agreements_by_reference_or_code(controller_a, make_agreement, tmp_path):
    a = make_agreement(controller_a)
    call_command("render", a.reference, str(a.code), "--out", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [f"{a.reference}-v1.pdf"]


@pytest.mark.django_db
@pytest.mark.parametrize("argv", [["--all", "--format", "odt"], ["NOPE-1"], [], ["--all", "X"]])
def test_it_exits_2_on_bad_arguments(controller_a, make_agreement, tmp_path, argv):
    make_agreement(controller_a)
    with pytest.raises(CommandError) as exc:
        call_command("render", *argv, "--out", str(tmp_path / "out"))
    assert exc.value.returncode == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.django_db
def test_the_cli_renders_agreements_without_a_signatory(processor, make_controller, make_agreement,
                                                        admin_user, tmp_path, capsys):
    from art28.agreements import services
    from art28.cli import main

    lost = make_controller("Vertrokken B.V.")
    sent = make_agreement(lost, state="sent")
    lost.contacts.all().delete()  # the signatory left after the agreement was sent
    bare = make_controller("Zonder Contact B.V.")
    bare.contacts.all().delete()
    processor.contacts.all().delete()  # no contact person on our side either
    drafted = services.create_agreement(controller=bare, acting_user=admin_user)
    assert main(["render", "--all", "--format", "pdf,docx", "--out", str(tmp_path)]) == 0
    assert "rendered 2 agreement(s)" in capsys.readouterr().out
    text = pdf_text((tmp_path / f"{drafted.reference}-v1.pdf").read_bytes())
    assert "Zonder Contact B.V." in text and "niet vermeld" in text
    assert (tmp_path / f"{sent.reference}-v1.docx").stat().st_size > 0
