"""``art28 --help`` lists every command art28 has, each with a one-line description."""

import re
from pathlib import Path

from art28.cli import USAGE, main

SRC = Path(__file__).resolve().parents[2] / "src" / "art28"


def _spelling(command: str) -> str:
    # art28 runs "ledger verify" as the management command ledger_verify.
    return command.replace("_", " ", 1)


def art28_commands() -> list[str]:
    found = sorted(p.stem for p in SRC.glob("*/management/commands/*.py") if p.stem != "__init__")
    return [_spelling(c) for c in found] + ["check", "migrate", "manage"]


def _entry(command: str) -> str:
    """The command's entry in the usage: its line and the indented lines that go on with it."""
    lines = USAGE.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"  {re.escape(command)}(\s|$)", line):
            rest = [ln for ln in lines[i + 1:i + 3] if ln.startswith(" " * 33)]
            return " ".join([line, *rest])
    return ""


def test_it_lists_every_command_with_a_description(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == USAGE.strip()
    assert len(art28_commands()) > 12
    for command in art28_commands():
        entry = _entry(command)
        assert entry, f"art28 --help does not list {command!r}"
        description = entry[33:].split()
        assert len(description) >= 3, f"{command!r} has no description in art28 --help"


def test_it_finds_commands_the_way_art28_runs_them():
    assert _spelling("ledger_verify") == "ledger verify" and _spelling("serve") == "serve"
    assert _spelling("import_controllers") == "import controllers"
