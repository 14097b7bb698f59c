from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "jobpledge.records"
    label = "records"
    verbose_name = "실적"
