from django.urls import path

from art28.obligations import views

app_name = "obligations"

urlpatterns = [
    path("calendar/", views.calendar_settings, name="settings"),
    path("calendar/rotate/", views.feed_rotate, name="feed_rotate"),
    path("digest/", views.digest_set, name="digest"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
