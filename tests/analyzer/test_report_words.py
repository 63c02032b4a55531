"""``art28 check`` speaks the document's language in words: no checklist key, no schema value,
no English note in a Dutch report, and the plural details in the plural."""

from __future__ import annotations

import re

from art28.analyzer.checklist import CHECKLIST_KEYS

# Our own wording: an agreement that names no data types, deletes at the end and softens one duty.
DUTCH = """Verwerkersovereenkomst

tussen Zuivelhandel Melkmeisje B.V., hierna "Opdrachtgever", en Datahaven B.V., hierna "Opdrachtnemer".

Artikel 1 Instructies
Opdrachtnemer verwerkt de persoonsgegevens alleen op schriftelijke instructie van Opdrachtgever.

Artikel 2 Subverwerkers
Opdrachtnemer schakelt geen andere verwerker in zonder voorafgaande schriftelijke toestemming
van Opdrachtgever.

Artikel 3 Datalekken
Opdrachtnemer meldt een datalek waar mogelijk binnen 36 uur aan Opdrachtgever.

Artikel 4 Einde
Na afloop van de overeenkomst wist Opdrachtnemer alle persoonsgegevens binnen dertig dagen.
"""
ENGLISH = """Data Processing Addendum

between Riverside Books Ltd ("Customer") and Cloudberry Hosting Ltd ("Supplier").

1. Instructions
Supplier shall process personal data only on documented instructions from Customer.
"""


def _keys(text: str) -> list[str]:
    return [k for k in CHECKLIST_KEYS if re.search(rf"\b{k}\b", text)]


def test_it_reports_a_dutch_agreement_in_dutch_words(run_check, write):
    code, out, _err = run_check(str(write("contract.txt", DUTCH)), "--lang", "nl")
    assert code == 0
    assert _keys(out) == []
    assert "Taal: Nederlands" in out and "tekens)" in out
    assert "voorafgaande specifieke toestemming" in out and re.search(r"\bspecific\b", out) is None
    assert re.search(r"Bij het einde\s+verwijdering", out)
    assert "(d) Voorwaarden voor subverwerkers" in out
    assert "de soorten persoonsgegevens zijn niet beschreven" in out
    assert "alleen verwijdering aan het einde" in out
    assert "De zwakke formulering “waar mogelijk” verzwakt een verplichting" in out
    for english in ("is not described", "no assistance", "Weak wording", "Article 28(3)", "ERROR", "WARNING"):
        assert english not in out, english


def test_it_reports_an_english_agreement_in_english_words(run_check, write):
    code, out, _err = run_check(str(write("dpa.txt", ENGLISH)), "--lang", "en")
    assert code == 0
    assert _keys(out) == []
    assert "Language: English" in out
    assert "the types of personal data are not described" in out
    assert "Types of personal data: missing" in out
    assert "is not described" in out  # the singular details stay singular
    assert "the types of personal data is not" not in out
