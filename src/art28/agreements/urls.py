from django.urls import path

from art28.agreements.views import termination

app_name = "agreements"

urlpatterns = [
    # the end of an agreement (under /requests/, where it has always been)
    path(
        "requests/staff/terminations/<uuid:code>/", termination.termination_detail, name="termination_detail"
    ),
    path(
        "requests/staff/terminations/<uuid:code>/estimate/",
        termination.termination_estimate,
        name="termination_estimate",
    ),
    path(
        "requests/staff/terminations/<uuid:code>/files/",
        termination.termination_file,
        name="termination_file",
    ),
    path(
        "requests/staff/terminations/<uuid:code>/destruction/",
        termination.termination_destruction,
        name="termination_destruction",
    ),
    path(
        "requests/staff/terminations/<uuid:code>/retention/",
        termination.termination_retention,
        name="termination_retention",
    ),
    path(
        "requests/staff/terminations/<uuid:code>/certificate/",
        termination.termination_certificate,
        name="termination_certificate",
    ),
    path(
        "requests/staff/terminations/<uuid:code>/certificate.pdf",
        termination.certificate_pdf,
        name="certificate_pdf",
    ),
    path("requests/staff/returned/<uuid:code>/", termination.returned_file, name="returned_file"),
    path(
        "requests/portal/terminations/<uuid:code>/", termination.portal_termination, name="portal_termination"
    ),
    path(
        "requests/portal/terminations/<uuid:code>/choose/",
        termination.portal_termination_choose,
        name="portal_termination_choose",
    ),
    path(
        "requests/portal/terminations/<uuid:code>/certificate.pdf",
        termination.portal_certificate,
        name="portal_certificate",
    ),
    path(
        "requests/portal/returned/<uuid:code>/", termination.portal_returned_file, name="portal_returned_file"
    ),
]
