"""Reading and checking record/aggregate files: readers (CSV/XLSX), columns and widgets, the row
validator shared with the record forms, set-based writes, and the templates."""

from jobpledge.records.importers.messages import RowError
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.template import template_bytes

__all__ = ["ImportResult", "RowError", "template_bytes"]
