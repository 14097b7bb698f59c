from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jobpledge.core"
    label = "core"
    verbose_name = "공통"

    def ready(self) -> None:
        from jobpledge.core import checks  # noqa: F401 - registers the system checks
