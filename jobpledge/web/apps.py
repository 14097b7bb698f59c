from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jobpledge.web"
    label = "web"
    verbose_name = "화면"
