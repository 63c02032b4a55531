from django.http import HttpResponse


def home(request, code=None):  # type: ignore[no-untyped-def]
    return HttpResponse("art28")
