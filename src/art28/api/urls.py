from django.urls import path

from art28.api.v1 import api

urlpatterns = [path("v1/", api.urls)]
