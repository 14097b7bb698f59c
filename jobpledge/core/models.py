"""Shared model pieces."""

from __future__ import annotations

from django.db import connections, models, router, transaction


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("생성일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)

    class Meta:
        abstract = True


class DataVersion(models.Model):
    """A counter bumped in the same transaction as every write that can change a report.

    Report caches are keyed by it, so a cached report can never outlive the data it was computed from.
    """

    name = models.CharField(max_length=50, unique=True)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "데이터 버전"

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"

    @classmethod
    def bump(cls, name: str = "records") -> None:
        """Increment the counter; call inside the writing transaction."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("DataVersion.bump() must run inside the writing transaction")
        obj, _ = cls.objects.get_or_create(name=name)
        cls.objects.filter(pk=obj.pk).update(version=models.F("version") + 1)

    @classmethod
    def current(cls, name: str = "records") -> int:
        row = cls.objects.filter(name=name).values_list("version", flat=True).first()
        return int(row or 0)

    @classmethod
    def token(cls, name: str = "records") -> str:
        """The version as a cache-key part: the counter and when its row was created.

        bump() only updates the counter (queryset update, so changed_at keeps the row's creation time). A
        re-created database — or each test's rolled-back one — restarts the counter, and the creation time
        keeps a shared or long-lived cache from answering for a different database at the same count.
        """
        # Read on every page view: plain SQL, without the ORM's query compilation. The creation time is used
        # as the driver returns it (a datetime on PostgreSQL, ISO text on SQLite): only its stability matters.
        connection = connections[router.db_for_read(cls)]
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version, changed_at FROM {table} WHERE name = %s", [name])  # noqa: S608
            row = cursor.fetchone()
        if row is None:
            return "0"
        version, created = row
        return f"{version}@{str(created).replace(' ', 'T')}"
