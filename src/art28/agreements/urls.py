from django.urls import path

from art28.web.views import agreements, auth, controllers, portal, staff

app_name = "web"

urlpatterns = [
    path("", auth.home, name="home"),
    path("login/", auth.login, name="login"),
    path("login/code/", auth.otp_verify, name="otp_verify"),
    path("login/code/setup/", auth.otp_setup, name="otp_setup"),
    path("logout/", auth.logout, name="logout"),
    # staff console
    path("staff/", staff.dashboard, name="staff_dashboard"),
    path("staff/processor/", staff.processor_edit, name="processor_edit"),
    path("staff/ledger/", staff.ledger, name="ledger"),
    path("staff/ledger/verify/", staff.ledger_verify, name="ledger_verify"),
    path("staff/controllers/", controllers.controller_list, name="controller_list"),
    path("staff/controllers/new/", controllers.controller_create, name="controller_create"),
    path("staff/controllers/import/", controllers.controller_import, name="controller_import"),
    path("staff/controllers/<uuid:code>/", controllers.controller_detail, name="controller_detail"),
    path("staff/controllers/<uuid:code>/edit/", controllers.controller_edit, name="controller_edit"),
    path("staff/controllers/<uuid:code>/contacts/new/", controllers.contact_add, name="contact_add"),
    path("staff/controllers/<uuid:code>/agreements/new/", agreements.agreement_create,
         name="agreement_create"),
    path("staff/contacts/<uuid:code>/edit/", controllers.contact_edit, name="contact_edit"),
    path("staff/contacts/<uuid:code>/remove/", controllers.contact_remove, name="contact_remove"),
    path("staff/agreements/", agreements.agreement_list, name="agreement_list"),
    path("staff/agreements/<uuid:code>/", agreements.agreement_detail, name="agreement_detail"),
    path("staff/agreements/<uuid:code>/terms/", agreements.agreement_terms, name="agreement_terms"),
    path("staff/versions/<uuid:code>/preview/", agreements.version_preview, name="version_preview"),
    path("staff/versions/<uuid:code>/pdf/", agreements.version_pdf, name="version_pdf"),
    path("staff/versions/<uuid:code>/signed.pdf", agreements.version_signed_pdf,
         name="version_signed_pdf"),
    path("staff/versions/<uuid:code>/docx/", agreements.version_docx, name="version_docx"),
    path("staff/versions/<uuid:code>/send/", agreements.version_send, name="version_send"),
    path("staff/versions/<uuid:code>/countersign/", agreements.version_countersign,
         name="version_countersign"),
    # controller portal
    path("portal/", portal.portal_home, name="portal_home"),
    path("portal/agreements/<uuid:code>/", portal.portal_agreement, name="portal_agreement"),
    path("portal/versions/<uuid:code>/accept/", portal.portal_accept, name="portal_accept"),
    path("portal/versions/<uuid:code>/pdf/", portal.portal_version_pdf, name="portal_version_pdf"),
    path("portal/versions/<uuid:code>/signed.pdf", portal.portal_signed_pdf,
         name="portal_signed_pdf"),
    path("portal/notices/", portal.portal_notice_list, name="portal_notices"),
    path("portal/notices/<uuid:code>/", portal.portal_notice, name="portal_notice"),
]
