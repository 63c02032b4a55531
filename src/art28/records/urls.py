from django.urls import path

from art28.records import views

app_name = "records"

urlpatterns = [
    path("staff/ropa.<str:fmt>", views.ropa_download, name="ropa_download"),
    path("portal/ropa.<str:fmt>", views.portal_ropa, name="portal_ropa"),
]
