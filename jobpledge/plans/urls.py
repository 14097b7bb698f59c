from django.urls import path

from jobpledge.plans import revision_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("upload/", views.plan_upload, name="upload"),
    path("<slug:key>/", views.plan_detail, name="detail"),
    path("<slug:key>/revisions/", revision_views.revisions, name="revisions"),
    path("<slug:key>/revisions/<int:number>/decide/", revision_views.revision_decide, name="revision_decide"),
    path("<slug:key>/revisions/<int:old>/<int:new>/", revision_views.revision_diff_page, name="revision_diff"),
]
