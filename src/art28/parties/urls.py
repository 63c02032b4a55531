from django.urls import path

from art28.parties import views

app_name = "parties"

urlpatterns = [
    path("staff/processor/", views.processor_edit, name="processor_edit"),
    path("staff/controllers/", views.controller_list, name="controller_list"),
    path("staff/controllers/new/", views.controller_create, name="controller_create"),
    path("staff/controllers/import/", views.controller_import, name="controller_import"),
    path("staff/controllers/<uuid:code>/", views.controller_detail, name="controller_detail"),
    path("staff/controllers/<uuid:code>/edit/", views.controller_edit, name="controller_edit"),
    path("staff/controllers/<uuid:code>/contacts/new/", views.contact_add, name="contact_add"),
    path("staff/contacts/<uuid:code>/edit/", views.contact_edit, name="contact_edit"),
    path("staff/contacts/<uuid:code>/remove/", views.contact_remove, name="contact_remove"),
]
