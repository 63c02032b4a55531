"""One way a file goes out: the name in Content-Disposition is escaped, whatever it holds."""

from __future__ import annotations

from urllib.parse import unquote

from django.http import HttpResponse, StreamingHttpResponse

from art28.core.downloads import attachment

NAME = 'Verwerkersovereenkomst "Café" ÆØ.pdf'


def test_it_names_a_plain_file_as_before():
    response = attachment(b"%PDF", "application/pdf", "review-1.pdf")
    assert isinstance(response, HttpResponse) and response.content == b"%PDF"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="review-1.pdf"'


def test_it_writes_a_non_ascii_name_with_quotes_as_rfc_6266_utf8():
    header = attachment(b"%PDF", "application/pdf", NAME)["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''")
    assert unquote(header.removeprefix("attachment; filename*=utf-8''")) == NAME
    assert '"' not in header and "\r" not in header and "\n" not in header


def test_it_escapes_quotes_and_backslashes_in_an_ascii_name():
    header = attachment("a,b", "text/csv", 'a "b" \\c.csv')["Content-Disposition"]
    assert header == 'attachment; filename="a \\"b\\" \\\\c.csv"'


def test_it_cannot_be_made_to_inject_a_header():
    header = attachment(b"", "text/plain", "x\r\nSet-Cookie: a=b.txt")["Content-Disposition"]
    assert "\r" not in header and "\n" not in header


def test_it_streams_an_iterator_of_chunks():
    response = attachment(iter([b"a,", b"b\r\n"]), "text/csv", NAME)
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == b"a,b\r\n"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
