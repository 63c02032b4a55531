from django.urls import path

from art28.obligations import views

app_name = "obligations"

urlpatterns = [
    path("staff/", views.dashboard, name="staff_dashboard"),
    path("portal/", views.portal_home, name="portal_home"),
    path("obligations/calendar/", views.calendar_settings, name="settings"),
    path("obligations/calendar/rotate/", views.feed_rotate, name="feed_rotate"),
    path("obligations/digest/", views.digest_set, name="digest"),
    path("obligations/feed/<str:token>.ics", views.feed, name="feed"),
]
