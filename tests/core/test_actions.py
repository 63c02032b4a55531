"""The shared action pattern: a refused form or service changes nothing and says why; success
says so and goes back."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from art28.core.actions import as_messages, errors_of, run_action, warn
from art28.core.forms import apply_errors


class NameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=5)


def _request(data=None):
    request = RequestFactory().post("/x", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _said(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_it_calls_the_service_with_the_cleaned_form_and_goes_back_with_a_message():
    request, seen = _request({"name": "Ann"}), []
    response = run_action(
        request, form=NameForm(request.POST), call=seen.append, done="Saved.", back="/back/"
    )
    assert seen == [{"name": "Ann"}]
    assert response.status_code == 302 and response["Location"] == "/back/"
    assert _said(request) == [("success", "Saved.")]


def test_it_words_the_message_and_the_way_back_from_the_result():
    request = _request()
    response = run_action(
        request, call=lambda data: "abc", done=lambda r: f"Made {r}.", back=lambda r: f"/made/{r}/"
    )
    assert response["Location"] == "/made/abc/" and _said(request) == [("success", "Made abc.")]


def test_a_refused_form_never_reaches_the_service_and_shows_on_the_page():
    request, seen, pages = _request({"name": "too long"}), [], []

    def page(request, *, errors, status):
        pages.append(errors)
        return HttpResponse(status=status)

    response = run_action(
        request, form=NameForm(request.POST), call=seen.append, done="Saved.", back="/b/", page=page
    )
    assert seen == [] and response.status_code == 400
    assert pages == [["Name: Ensure this value has at most 5 characters (it has 8)."]]
    assert _said(request) == []


def test_a_refusing_service_goes_back_with_its_messages_when_there_is_no_page():
    request = _request()

    def refuse(data):
        raise ValidationError({"a": ["First."], "b": ["Second."]})

    response = run_action(request, call=refuse, done="Saved.", back="/b/")
    assert response["Location"] == "/b/"
    assert _said(request) == [("error", "First."), ("error", "Second.")]


def test_errors_of_reads_plain_and_field_errors():
    assert errors_of(ValidationError("One.")) == ["One."]
    assert errors_of(ValidationError(["One.", "Two."])) == ["One.", "Two."]


def test_it_says_nothing_on_success_when_done_is_none():
    request = _request()
    response = run_action(request, call=lambda data: 1, done=None, back="/b/")
    assert response["Location"] == "/b/" and _said(request) == []


def test_it_says_nothing_when_done_words_nothing_for_this_result():
    request = _request()
    response = run_action(request, call=lambda data: 0,
                          done=lambda n: f"{n} imported." if n else None, back="/b/")
    assert response["Location"] == "/b/" and _said(request) == []


def test_warn_adds_a_warning_after_the_success_message_and_nothing_for_no_text():
    request = _request()
    run_action(request, call=lambda data: "w", done="Saved.",
               back=lambda r: (warn(request, f"Mind {r}."), warn(request, ""), "/b/")[-1])
    assert _said(request) == [("success", "Saved."), ("warning", "Mind w.")]


def test_a_refusing_service_puts_its_errors_on_the_form_fields_it_names_when_asked():
    request, forms_seen = _request({"name": "Ann"}), []
    form = NameForm(request.POST)

    def refuse(data):
        raise ValidationError({"name": ["Taken."], "other.0": ["Elsewhere."]})

    def page(request, *, errors, status):
        forms_seen.append(form.errors)
        return HttpResponse(status=status)

    response = run_action(request, form=form, call=refuse, done="Saved.", back="/b/", page=page)
    assert response.status_code == 400 and forms_seen == [{}]
    response = run_action(request, form=form, call=refuse, done="Saved.", back="/b/", page=page,
                          on_form=True)
    assert response.status_code == 400
    assert forms_seen[1] == {"name": ["Taken."], "__all__": ["other.0: Elsewhere."]}


def test_apply_errors_puts_a_plain_error_on_the_form_as_a_whole():
    form = NameForm({"name": "Ann"})
    apply_errors(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]


def test_as_messages_lists_the_errors_as_messages_on_the_page_again():
    request = _request()

    def refuse(data):
        raise ValidationError("No.")

    page = as_messages(lambda request, status: HttpResponse("page", status=status))
    response = run_action(request, call=refuse, done="Saved.", back="/b/", page=page)
    assert response.status_code == 400 and response.content == b"page"
    assert _said(request) == [("error", "No.")]


def test_a_refused_form_of_buttons_says_its_one_sentence():
    request, seen = _request({"name": "too long"}), []
    response = run_action(request, form=NameForm(request.POST), call=seen.append, done="Saved.",
                          back="/b/", refused="Choose a name.")
    assert seen == [] and response["Location"] == "/b/"
    assert _said(request) == [("error", "Choose a name.")]
