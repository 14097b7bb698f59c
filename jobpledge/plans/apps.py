from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "jobpledge.plans"
    label = "plans"
    verbose_name = "공약"
