from django.urls import path

from art28.ledger import views

app_name = "ledger"

urlpatterns = [
    path("staff/ledger/", views.ledger, name="ledger"),
    path("staff/ledger/verify/", views.ledger_verify, name="ledger_verify"),
]
