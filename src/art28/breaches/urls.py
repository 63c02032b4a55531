from django.urls import path

from art28.breaches import views

app_name = "breaches"

urlpatterns = [
    path("", views.incident_list, name="incident_list"),
    path("new/", views.incident_create, name="incident_create"),
    path("clocks/", views.clock_dashboard, name="clock_dashboard"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("register.pdf", views.register_pdf, name="register_pdf"),
    path("<uuid:code>/", views.incident_detail, name="incident_detail"),
    path("<uuid:code>/edit/", views.incident_edit, name="incident_edit"),
    path("<uuid:code>/affected/", views.affected_adjust, name="affected_adjust"),
    path("<uuid:code>/notices/", views.notices_send, name="notices_send"),
    path("<uuid:code>/no-notice/", views.incident_no_notice, name="incident_no_notice"),
    path("<uuid:code>/close/", views.incident_close, name="incident_close"),
    path("portal/", views.portal_notices, name="portal_notices"),
    path("portal/register.csv", views.portal_register_csv, name="portal_register_csv"),
    path("portal/register.pdf", views.portal_register_pdf, name="portal_register_pdf"),
    path("portal/<uuid:code>/", views.portal_notice, name="portal_notice"),
    path("portal/<uuid:code>/authority-draft.pdf", views.portal_draft_pdf, name="portal_draft_pdf"),
    path("portal/<uuid:code>/authority-draft.docx", views.portal_draft_docx, name="portal_draft_docx"),
    path("portal/<uuid:code>/acknowledge/", views.portal_acknowledge, name="portal_acknowledge"),
    path("portal/<uuid:code>/severity/", views.portal_severity, name="portal_severity"),
]
