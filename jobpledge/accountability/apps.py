from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "jobpledge.accountability"
    label = "accountability"
    verbose_name = "책임제·예산·일자리 질"
