"""The tour's checks (``tests/tour.py``) catch what they are for, and leave a clean page alone."""

from __future__ import annotations

from tests import tour

CLEAN_NL = ["Overeenkomsten", "Tandartspraktijk Zonnebloem", "DPA-2026-0002", "Algemene toestemming"]


def test_it_finds_a_uuid_on_screen():
    found = tour.find_uuids(["Code: 3F2504E0-4F89-11D3-9A0C-0305E82C3301", "DPA-2026-0002"])
    assert found == ["UUID on screen: 3F2504E0-4F89-11D3-9A0C-0305E82C3301"]
    assert tour.find_uuids(CLEAN_NL) == []


def test_it_collects_the_raw_values_of_the_project():
    values = tour.enum_values()
    # from TextChoices whose label differs, and the analyzer keys of issue 12
    assert {"return_or_delete", "controller_unless_noncompliant", "d_subprocessors", "general"} <= set(values)
    assert "processor_admin" in values  # parties.Role
    assert "nl" not in values and "en" not in values  # two letters: "en" is Dutch


def test_it_finds_raw_values_as_a_word_or_a_whole_cell():
    values = tour.enum_values()
    found = tour.find_raw_values(["End: return_or_delete.", " general ", "Authorisation"], values)
    assert [f.split("'")[1] for f in found] == ["general", "return_or_delete"]
    # an English sentence using the word is not a raw value
    assert tour.find_raw_values(["A general written authorisation applies."], values) == []


def test_it_finds_an_english_catalogue_message_on_a_dutch_page():
    catalogue = tour.nl_catalogue()
    assert catalogue["Agreements"] == "Overeenkomsten"
    fragments = tour.english_fragments()
    english = "Open the notice"
    assert english in fragments and catalogue[english] == "Bericht openen"
    found = tour.find_english(["Welkom", english], fragments)
    assert found == [f"English on a Dutch page: {english!r} in «Welkom {english}»"]
    assert tour.find_english([catalogue[english]], fragments) == []
    assert tour.find_english([f"Een Nederlandse term ({english})."], fragments) == []  # a gloss
    # text the page marks as English (a preview of the English e-mail) is left alone
    assert tour.check_page(texts=["Welkom", english], langs=["nl", "en"], language="nl",
                           overflow=(1, 1), server_ms=1) == []
    assert tour.check_page(texts=["Welkom", english], langs=["nl", "nl"], language="nl",
                           overflow=(1, 1), server_ms=1) == found
    assert "Agreements" not in fragments  # one word: ignored


def test_it_flags_overflow_and_a_slow_answer_and_passes_a_clean_page():
    assert tour.check_page(texts=CLEAN_NL, language="nl", overflow=(1366, 1366), server_ms=120) == []
    problems = tour.check_page(texts=CLEAN_NL, language="nl", overflow=(1500, 1366), server_ms=640)
    assert problems == ["horizontal overflow: 1500 px wide in a 1366 px window",
                        "slow: the server took 640 ms (limit 500 ms)"]
