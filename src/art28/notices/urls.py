from django.urls import path

from art28.notices import views

app_name = "notices"

urlpatterns = [
    path("portal/notices/", views.portal_notice_list, name="portal_notices"),
    path("portal/notices/<uuid:code>/", views.portal_notice, name="portal_notice"),
]
