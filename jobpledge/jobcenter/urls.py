from django.urls import path

from jobpledge.jobcenter import views

app_name = "jobcenter"
urlpatterns = [
    path("", views.home, name="home"),
    path("seekers/", views.seeker_list, name="seekers"),
    path("seekers/<str:seeker_no>/", views.seeker_detail, name="seeker"),
    path("seekers/<str:seeker_no>/counselling/", views.counselling_new, name="counselling"),
    path("seekers/<str:seeker_no>/withdraw-consent/", views.consent_withdraw, name="withdraw_consent"),
    path("vacancies/", views.vacancy_list, name="vacancies"),
    path("vacancies/<str:vacancy_no>/", views.vacancy_detail, name="vacancy"),
    path("referrals/new/", views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/outcome/", views.referral_result, name="referral_outcome"),
    path("placements/<int:pk>/followup/", views.followup_new, name="followup"),
    path("views-log/", views.view_log, name="view_log"),
]
