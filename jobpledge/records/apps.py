from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "jobpledge.records"
    label = "records"
    verbose_name = "실적"

    def ready(self) -> None:
        from jobpledge.records import signals  # noqa: F401 - connects the tally receivers
