from django.urls import path

from jobpledge.accountability import views

app_name = "accountability"
urlpatterns = [
    path("", views.department_list, name="list"),
    path("<int:pk>/", views.department_detail, name="detail"),
    path("upload/", views.accountability_upload, name="upload"),
    path("milestones/", views.milestone_list, name="milestones"),
]
