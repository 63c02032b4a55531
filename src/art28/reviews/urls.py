from django.urls import path

from art28.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("new/", views.review_create, name="review_create"),
    path("playbook/", views.playbook_edit, name="playbook_edit"),
    path("import/", views.import_create, name="import_create"),
    path("import/subprocessor/", views.subprocessor_import_create, name="subprocessor_import_create"),
    path("import/subprocessor/<uuid:code>/", views.subprocessor_import_create,
         name="subprocessor_import_create"),
    path("<uuid:code>/", views.review_detail, name="review_detail"),
    path("<uuid:code>/pdf/", views.review_pdf, name="review_pdf"),
    path("<uuid:code>/import/", views.import_confirm, name="import_confirm"),
]
