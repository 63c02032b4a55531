"""A notice's text on a page: paragraphs, escaped, each web address a link in words."""

from __future__ import annotations

import pytest
from django.utils import translation

from art28.core.templatetags.art28 import grouped, notice_text


def test_it_turns_each_web_address_into_a_link_in_words():
    text = ("Beste <klant>,\n\nDetails in uw portaal:\n"
            "http://localhost:8000/requests/portal/dsr/3f2504e0-4f89-11d3-9a0c-0305e82c3301/\n\nGroet")
    with translation.override("nl"):
        html = notice_text(text)
    assert html.count("<a ") == 1
    link = "http://localhost:8000/requests/portal/dsr/3f2504e0-4f89-11d3-9a0c-0305e82c3301/"
    assert f'<a href="{link}">' in html
    # the code stays in the link's address, never in what the reader sees
    visible = html.split('">', 1)[1]
    assert "3f2504e0" not in visible and "pagina openen" in visible
    assert "&lt;klant&gt;" in html and "<klant>" not in html
    assert html.startswith("<p>") and "<br>" in html


def test_it_names_a_language_in_the_readers_language():
    from art28.core.templatetags.art28 import language_name

    with translation.override("nl"):
        assert (language_name("nl"), language_name("en")) == ("Nederlands", "Engels")
    with translation.override("en"):
        assert (language_name("NL"), language_name("")) == ("Dutch", "—")


@pytest.mark.parametrize("language, shown", [("en", "1,000"), ("nl", "1.000"), ("en", "12,345,678")])
def test_grouped_shows_a_count_with_the_readers_thousands_separator(language, shown):
    with translation.override(language):
        assert grouped(int(shown.replace(",", "").replace(".", ""))) == shown
