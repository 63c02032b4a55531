from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

# The Django admin asks for the same second factor as the staff console.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("art28.api.urls")),
    path("subprocessors/", include("art28.subprocessors.urls")),
    path("breaches/", include("art28.breaches.urls")),
    path("requests/", include("art28.requests.urls")),
    path("requests/", include("art28.measures.urls")),
    path("requests/", include("art28.records.urls")),
    path("reviews/", include("art28.reviews.urls")),
    path("verify/", include("art28.evidence.urls")),
    path("", include("art28.accounts.urls")),
    path("", include("art28.obligations.urls")),
    path("", include("art28.parties.urls")),
    path("", include("art28.agreements.urls")),
    path("", include("art28.ledger.urls")),
    path("", include("art28.notices.urls")),
]

handler403 = "art28.core.errors.permission_denied"
handler404 = "art28.core.errors.page_not_found"
handler500 = "art28.core.errors.server_error"
