"""``art28 check`` names the governing law as a country and says contradictions and the playbook
in the report's language: no ISO code, no English sentence in a Dutch report."""

from __future__ import annotations

import json
import re

# Our own wording: two clauses that name a different law, and a breach notice within a day.
TWO_LAWS = """Verwerkersovereenkomst

tussen Fietsverhuur De Spaak B.V., hierna "Opdrachtgever", en Serverhuis Noord B.V., hierna "Opdrachtnemer".

Artikel 3 Datalekken
Opdrachtnemer meldt een datalek binnen 24 uur aan Opdrachtgever.

Artikel 9 Toepasselijk recht
9.1 Op deze overeenkomst is Nederlands recht van toepassing.
9.2 Op deze overeenkomst is Duits recht van toepassing.
"""
PLAYBOOK = {"breach_max_hours": 48, "governing_law": ["DE"], "end_deadline_max_days": 30}


def _run(run_check, write, lang: str) -> str:
    playbook = write("playbook.json", json.dumps(PLAYBOOK))
    code, out, _err = run_check(str(write("vwo.txt", TWO_LAWS)), "--lang", lang, "--playbook", str(playbook))
    assert code == 0
    return out


def test_it_says_the_law_contradiction_and_the_playbook_in_dutch(run_check, write):
    out = _run(run_check, write, "nl")
    assert re.search(r"Toepasselijk recht\s+Nederland\s+\[9\.1\]", out)
    assert (
        "Tegenstrijdigheid: het document noemt 2 verschillende toepasselijke rechtsstelsels: "
        "Nederland (9.1); Duitsland (9.2). Gelezen als Nederland; ga na welke geldt." in out
    )
    assert "Afwijking van het playbook — Toepasselijk recht: playbook Duitsland, overeenkomst Nederland." in (
        out
    )
    assert "ok         Melding datalek: playbook ≤ 48 uur, overeenkomst 24 uur" in out
    assert (
        "AFWIJKING  Termijn voor teruggave of verwijdering: playbook ≤ 30 dagen, "
        "overeenkomst niet vermeld" in out
    )
    for english in ("Contradiction", "Read as", "Playbook deviation", "agreement", "not stated", " h,"):
        assert english not in out, english
    assert re.search(r"\b(NL|DE)\b", out) is None


def test_it_names_the_countries_in_english_too(run_check, write):
    out = _run(run_check, write, "en")
    assert re.search(r"Governing law\s+Netherlands\s+\[9\.1\]", out)
    assert (
        "Contradiction: the document states 2 different governing laws: Netherlands (9.1); Germany (9.2). "
        "Read as Netherlands; check which applies." in out
    )
    assert "Playbook deviation — Governing law: playbook Germany, agreement Netherlands." in out
    assert "ok         Breach notice: playbook ≤ 48 hours, agreement 24 hours" in out
    assert re.search(r"\b(NL|DE)\b", out) is None


def test_it_keeps_the_codes_in_the_json(run_check, write):
    code, out, _err = run_check(str(write("vwo.txt", TWO_LAWS)), "--json")
    assert code == 0
    assert json.loads(out)["terms"]["law"]["governing_law"] == "NL"
