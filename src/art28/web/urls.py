from django.urls import path

from art28.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("portal/agreements/<uuid:code>/", views.home, name="portal_agreement"),
]
