from django.urls import path

from jobpledge.web import explain_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("public/", views.public, name="public"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("card/", views.card, name="card"),
    path("card/<slug:plan_key>/", views.card, name="card_plan"),
    path("card/<slug:plan_key>/xlsx", views.card_xlsx, name="card_xlsx"),
    path("card/<slug:plan_key>/pdf", views.card_pdf, name="card_pdf"),
    path("explain/", explain_views.explain_page, name="explain"),
]
