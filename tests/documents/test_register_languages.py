"""Annex III and IV follow the agreement's language; a text missing in it is shown, marked."""

from __future__ import annotations

from art28.terms.demo import CLIENTS, demo_terms
from art28.terms.schema import Measure, MeasureKind, NamedSubprocessor
from tests.documents.helpers import normalise, rendered_texts

DUTCH = ["Versleuteling van opgeslagen gegevens", "Jaarlijkse training in informatiebeveiliging",
         "Colocatie en stroomvoorziening", "Opslag van back-ups buiten de deur"]
ENGLISH = ["Encryption of data at rest", "Annual security awareness training",
           "Colocation and power", "Off-site backup storage"]


def _client(language: str):  # type: ignore[no-untyped-def]
    return next(c for c in CLIENTS if c.language == language)


def test_it_prints_the_dutch_register_texts_in_a_dutch_agreement() -> None:
    for text in rendered_texts(demo_terms(_client("nl"))):
        text = normalise(text)
        assert all(t in text for t in DUTCH), text
        assert not any(t in text for t in ENGLISH)
        assert "alleen in het" not in text


def test_it_prints_the_english_register_texts_in_an_english_agreement() -> None:
    for text in rendered_texts(demo_terms(_client("en"))):
        text = normalise(text)
        assert all(t in text for t in ENGLISH), text
        assert not any(t in text for t in DUTCH)
        assert "only available" not in text


def test_it_falls_back_to_the_other_language_with_a_marker() -> None:
    terms = demo_terms(_client("nl"))
    terms.security.measures = [
        Measure(kind=MeasureKind.TECHNICAL, text="Vault for keys", text_en="Vault for keys")
    ]
    terms.subprocessors.named = [NamedSubprocessor(name="Kluis B.V.", country="NL", service="Sleutelbeheer",
                                                   service_nl="Sleutelbeheer")]
    dutch = [normalise(t) for t in rendered_texts(terms)]
    for text in dutch:
        assert "Vault for keys (alleen in het Engels beschikbaar)" in text
        assert "Sleutelbeheer" in text and "Sleutelbeheer (alleen" not in text
    terms.language = "en"
    for text in (normalise(t) for t in rendered_texts(terms)):
        assert "Sleutelbeheer (only available in Dutch)" in text
        assert "Vault for keys" in text and "Vault for keys (only" not in text


def test_it_prints_a_single_text_of_older_terms_unmarked() -> None:
    terms = demo_terms(_client("en"))
    terms.security.measures = [Measure(kind=MeasureKind.TECHNICAL, text="Old single text")]
    for text in (normalise(t) for t in rendered_texts(terms)):
        assert "Old single text" in text and "only available" not in text
