from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from jobpledge.accounts.api import ObtainTokenView, RevokeAllTokensView, RevokeTokenView
from jobpledge.web import api_docs

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("jobpledge.accounts.urls")),
    path("plans/", include("jobpledge.plans.urls")),
    path("records/", include("jobpledge.records.urls")),
    path("audit/", include("jobpledge.audit.urls")),
    path("api/", api_docs.api_index, name="api-index"),
    path("api/docs/", api_docs.api_docs, name="api-docs"),
    path("jobcenter/", include("jobpledge.jobcenter.urls")),
    path("departments/", include("jobpledge.accountability.urls")),
    path("api/", include("jobpledge.reports.api")),
    path("api/", include("jobpledge.records.api")),
    path("api/token/", ObtainTokenView.as_view(), name="api-token"),
    path("api/token/revoke/", RevokeTokenView.as_view(), name="api-token-revoke"),
    path("api/token/revoke-all/", RevokeAllTokensView.as_view(), name="api-token-revoke-all"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("jobpledge.web.urls")),
]

handler400 = "jobpledge.web.errors.bad_request"
handler403 = "jobpledge.web.errors.permission_denied"
handler404 = "jobpledge.web.errors.page_not_found"
handler500 = "jobpledge.web.errors.server_error"
