from django.urls import path

from jobpledge.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("upload/", views.plan_upload, name="upload"),
    path("<slug:key>/", views.plan_detail, name="detail"),
]
