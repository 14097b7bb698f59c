from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jobpledge.core"
    label = "core"
    verbose_name = "공통"
