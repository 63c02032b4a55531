import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from art28.parties.models import Controller


@pytest.mark.django_db
def test_it_exits_2_and_imports_nothing_on_a_broken_row(processor, tmp_path, capsys):
    f = tmp_path / "clients.csv"
    f.write_text("name,kvk,postcode,country\nAlfa,11111111,1000 AA,NL\nBeta,12,1000 AA,NL\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_controllers", str(f))
    assert exc.value.returncode == 2 and "nothing imported" in str(exc.value)
    assert "clients.csv:3: kvk:" in capsys.readouterr().err
    assert not Controller.objects.exists()


@pytest.mark.django_db
def test_it_imports_valid_rows_with_skip_invalid(processor, tmp_path, capsys):
    f = tmp_path / "clients.csv"
    f.write_text("name,kvk\nAlfa,11111111\nBeta,12\n")
    call_command("import_controllers", str(f), "--skip-invalid")
    assert "imported 1 controller(s), skipped 1" in capsys.readouterr().out
    assert list(Controller.objects.values_list("name", flat=True)) == ["Alfa"]


@pytest.mark.django_db
def test_it_exits_2_on_a_missing_file(processor, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("import_controllers", str(tmp_path / "nope.csv"))
    assert exc.value.returncode == 2


@pytest.mark.django_db
def test_it_exits_2_on_a_file_that_is_not_utf8(processor, tmp_path):
    f = tmp_path / "clients.csv"
    f.write_bytes("name\nCafé\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8") as exc:
        call_command("import_controllers", str(f))
    assert exc.value.returncode == 2 and not Controller.objects.exists()
