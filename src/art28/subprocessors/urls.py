from django.urls import path

from art28.subprocessors import views

app_name = "subprocessors"

urlpatterns = [
    # staff console
    path("", views.subprocessor_list, name="list"),
    path("new/", views.subprocessor_create, name="create"),
    path("flow-down/", views.flowdown_dashboard, name="flowdown"),
    path("changes/", views.change_list, name="change_list"),
    path("changes/new/", views.change_create, name="change_create"),
    path("changes/<uuid:code>/", views.change_detail, name="change_detail"),
    path("changes/<uuid:code>/withdraw/", views.change_withdraw, name="change_withdraw"),
    path("clocks/<uuid:code>/resolve/", views.clock_resolve, name="clock_resolve"),
    path("agreements/<uuid:code>/annex/", views.annex_sync, name="annex_sync"),
    path("<uuid:code>/", views.subprocessor_detail, name="detail"),
    path("<uuid:code>/edit/", views.subprocessor_edit, name="edit"),
    path("<uuid:code>/file/", views.subprocessor_file, name="file"),
    # controller portal
    path("portal/", views.portal_list, name="portal_list"),
    path("portal/agreements/<uuid:code>/", views.portal_history, name="portal_history"),
    path("portal/agreements/<uuid:code>/list.<str:fmt>", views.portal_download, name="portal_download"),
    path("portal/changes/<uuid:code>/", views.portal_change, name="portal_change"),
    path("portal/changes/<uuid:code>/answer/", views.portal_answer, name="portal_answer"),
    # public page (settings.ART28_PUBLIC_SUBPROCESSOR_PAGE)
    path("public/<uuid:code>/", views.public_list, name="public"),
    path("public/<uuid:code>/subscribe/", views.trust_subscribe, name="trust_subscribe"),
    path("public/<uuid:code>/feed.atom", views.trust_feed, name="trust_feed"),
    path("public/confirm/<str:token>/", views.trust_confirm, name="trust_confirm"),
    path("public/unsubscribe/<str:token>/", views.trust_unsubscribe, name="trust_unsubscribe"),
    # the trust page, for the processor's admin
    path("trust/", views.trust_statement_edit, name="trust_statement"),
    path("trust/subscribers/", views.trust_subscribers, name="trust_subscribers"),
    path("trust/subscribers/export.csv", views.trust_subscribers_export, name="trust_subscribers_export"),
    path("trust/subscribers/<uuid:code>/remove/", views.trust_subscriber_remove,
         name="trust_subscriber_remove"),
]
