from django.urls import path

from art28.agreements.views import portal, staff, termination

app_name = "agreements"

urlpatterns = [
    # staff console
    path("staff/controllers/<uuid:code>/agreements/new/", staff.agreement_create,
         name="agreement_create"),
    path("staff/agreements/", staff.agreement_list, name="agreement_list"),
    path("staff/agreements/<uuid:code>/", staff.agreement_detail, name="agreement_detail"),
    path("staff/agreements/<uuid:code>/terms/", staff.agreement_terms, name="agreement_terms"),
    path("staff/versions/<uuid:code>/preview/", staff.version_preview, name="version_preview"),
    path("staff/versions/<uuid:code>/pdf/", staff.version_pdf, name="version_pdf"),
    path("staff/versions/<uuid:code>/signed.pdf", staff.version_signed_pdf,
         name="version_signed_pdf"),
    path("staff/versions/<uuid:code>/docx/", staff.version_docx, name="version_docx"),
    path("staff/versions/<uuid:code>/send/", staff.version_send, name="version_send"),
    path("staff/versions/<uuid:code>/countersign/", staff.version_countersign,
         name="version_countersign"),
    # controller portal
    path("portal/agreements/<uuid:code>/", portal.portal_agreement, name="portal_agreement"),
    path("portal/versions/<uuid:code>/accept/", portal.portal_accept, name="portal_accept"),
    path("portal/versions/<uuid:code>/pdf/", portal.portal_version_pdf, name="portal_version_pdf"),
    path("portal/versions/<uuid:code>/signed.pdf", portal.portal_signed_pdf,
         name="portal_signed_pdf"),
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
