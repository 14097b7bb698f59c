"""Plan files (TOML, docs/plan-format.md): `read_plan_file` / `parse_plan_text` (planfile.parse) give a PlanSpec
(planfile.specs); planfile.reader gives typed access with line-numbered Korean messages."""

from jobpledge.plans.planfile.parse import parse_plan_text, read_plan_file
from jobpledge.plans.planfile.specs import PlanSpec

__all__ = ["PlanSpec", "parse_plan_text", "read_plan_file"]
