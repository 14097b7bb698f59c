from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token

from jobpledge.web import api_docs

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("jobpledge.accounts.urls")),
    path("plans/", include("jobpledge.plans.urls")),
    path("records/", include("jobpledge.records.urls")),
    path("audit/", include("jobpledge.audit.urls")),
    path("api/", api_docs.api_index, name="api-index"),
    path("api/docs/", api_docs.api_docs, name="api-docs"),
    path("api/", include("jobpledge.plans.api")),
    path("api/", include("jobpledge.records.api")),
    path("api/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("jobpledge.web.urls")),
]

handler400 = "jobpledge.web.errors.bad_request"
handler403 = "jobpledge.web.errors.permission_denied"
handler404 = "jobpledge.web.errors.page_not_found"
handler500 = "jobpledge.web.errors.server_error"
