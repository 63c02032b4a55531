from django.urls import path

from art28.measures import views

app_name = "measures"

urlpatterns = [
    path("staff/measures/", views.measures_list, name="list"),
    path("staff/measures/publish/", views.measures_publish, name="publish"),
]
