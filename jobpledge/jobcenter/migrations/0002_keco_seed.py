"""Load the shipped 한국고용직업분류 2018 대·중분류 (data/keco/keco-2018-major-middle.csv; its source is its first row)."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import migrations

SEED = Path(settings.BASE_DIR) / "data" / "keco" / "keco-2018-major-middle.csv"


def load(apps, schema_editor):
    KecoCode = apps.get_model("jobcenter", "KecoCode")
    with SEED.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows.index(["코드", "명칭"])
    for code, name in rows[header + 1 :]:
        KecoCode.objects.update_or_create(code=code, defaults={"name": name, "level": len(code)})


class Migration(migrations.Migration):
    dependencies = [("jobcenter", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
