from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("jobpledge.accounts.urls")),
    path("plans/", include("jobpledge.plans.urls")),
    path("records/", include("jobpledge.records.urls")),
    path("", include("jobpledge.web.urls")),
]
