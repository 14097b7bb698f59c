"""The difference of two plan revisions: every changed value of the plan file (target, amount or text), old → new."""

from __future__ import annotations

import tomllib
from typing import Any

from jobpledge.plans.models import PlanRevision


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(node, list) and any(isinstance(item, dict | list) for item in node):
        for i, item in enumerate(node):
            name = item.get("code") or item.get("name") if isinstance(item, dict) else None
            _flatten(item, f"{prefix}[{name or i + 1}]", out)
    else:
        out[prefix] = node


def revision_values(revision: PlanRevision) -> dict[str, Any]:
    """The revision's plan file as path → value; a revision stored without its file (a plan loaded before
    revisions existed) gives its targets only."""
    out: dict[str, Any] = {}
    if revision.source_text:
        _flatten(tomllib.loads(revision.source_text), "", out)
    else:
        targets = revision.targets
        out["plan.total_target"] = targets.get("total_target")
        for code, target in targets.get("periods", {}).items():
            out[f"periods[{code}].target"] = target
        for name, target in targets.get("programs", {}).items():
            out[f"programs[{name}].target"] = target
    return out


def revision_diff(old: PlanRevision, new: PlanRevision) -> list[dict[str, Any]]:
    """[{path, old, new}] for every value that differs (None: absent on that side), in the newer file's order."""
    before, after = revision_values(old), revision_values(new)
    paths = list(after) + [p for p in before if p not in after]
    return [
        {"path": path, "old": before.get(path), "new": after.get(path)}
        for path in paths
        if before.get(path) != after.get(path)
    ]
