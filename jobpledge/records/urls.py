from django.urls import path

from jobpledge.records import views

app_name = "records"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("export.csv", views.record_export, name="export"),
    path("new/", views.record_create, name="create"),
    path("upload/", views.record_upload, name="upload"),
    path("upload/commit/", views.record_upload_commit, name="upload_commit"),
    path("upload/cancel/", views.record_upload_cancel, name="upload_cancel"),
    path("template/<str:kind>.<str:fmt>", views.record_template, name="template"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/withdraw/", views.record_withdraw, name="withdraw"),
]
