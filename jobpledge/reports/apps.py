from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jobpledge.reports"
    label = "reports"
    verbose_name = "보고서"
