from art28.terms.countries import COUNTRY_CODES, country_label


def test_it_names_countries_and_us_states_in_both_languages():
    assert (country_label("SE", "nl"), country_label("SE", "en")) == ("Zweden", "Sweden")
    assert (country_label("US-CA", "nl"), country_label("US-CA", "en")) == ("Californië", "California")
    assert country_label("KR", "en") == "South Korea"


def test_it_names_every_assigned_code_and_nothing_else():
    assert all(country_label(code, "en") for code in COUNTRY_CODES)
    assert country_label("XX") is None and country_label(None) is None
