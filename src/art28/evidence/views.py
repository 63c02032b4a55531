"""The public page where anyone holding a PDF from art28 can check it: no login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from art28.evidence.forms import VerifyForm
from art28.evidence.verify import Problem, Report, max_bytes, verify_pdf

# Multipart framing around the file itself.
_SLACK = 64 * 1024


# No CSRF token: the form changes nothing and needs no session, and checking the token would
# make Django read a too-large body before this view can refuse it by its Content-Length.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify_document(request: HttpRequest) -> HttpResponse:
    form, report, status = VerifyForm(), None, 200
    if request.method == "POST":
        form, report, status = _check(request)
    return render(request, "evidence/verify.html",
                  {"form": form, "report": report, "limit_mb": max_bytes() // (1024 * 1024)}, status=status)


def _check(request: HttpRequest) -> tuple[VerifyForm, Report | None, int]:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_bytes() + _SLACK:
        return VerifyForm(), Report(problems=[Problem.TOO_LARGE]), 413
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.refused_as_not_pdf():
            return VerifyForm(), Report(problems=[Problem.NOT_PDF]), 200
        return form, None, 400
    upload = form.cleaned_data["file"]
    if upload.size > max_bytes():
        return VerifyForm(), Report(problems=[Problem.TOO_LARGE]), 413
    return VerifyForm(), verify_pdf(upload.read()), 200
