from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jobpledge.accounts"
    label = "accounts"
    verbose_name = "계정"
