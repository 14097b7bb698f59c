from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from jobpledge.accounts.api import ObtainTokenView, RevokeAllTokensView, RevokeTokenView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("jobpledge.accounts.urls")),
    path("plans/", include("jobpledge.plans.urls")),
    path("records/", include("jobpledge.records.urls")),
    path("audit/", include("jobpledge.audit.urls")),
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
