from django.apps import AppConfig


class CountingConfig(AppConfig):
    name = "jobpledge.counting"
    label = "counting"
    verbose_name = "집계"

    def ready(self) -> None:
        from jobpledge.counting import signals  # noqa: F401 - connects the single-row tally receivers
        from jobpledge.counting.tallies import TallyChanges, tallies_bypassed, tallies_lock
        from jobpledge.records import writes

        writes.register(
            tracker=TallyChanges,
            lock=lambda using: tallies_lock(using=using),
            bypassed=lambda using: tallies_bypassed(using=using),
        )
