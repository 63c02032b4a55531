from django.urls import path

from art28.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.verify_document, name="verify"),
]
