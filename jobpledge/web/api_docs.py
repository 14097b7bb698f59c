"""`/api/`: an index of the REST API, and `/api/docs/`: its documentation rendered from the OpenAPI schema.

Served by the app itself, in the site layout, under the same CSP as every page: no Swagger UI or Redoc from a
CDN (an intranet may have no internet), no inline script or style. The page is built from the schema that
drf-spectacular generates, so it cannot drift from the endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    request_types: list[str] = field(default_factory=list)
    request_schema: str = ""
    responses: list[tuple[str, str, str]] = field(default_factory=list)  # code, description, schema name


@dataclass
class SchemaField:
    name: str
    type: str
    required: bool
    read_only: bool
    description: str


@dataclass
class Component:
    name: str
    description: str
    fields: list[SchemaField]


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = str(schema.get("type", "object"))
    if kind == "array":
        return f"{_type(schema.get('items', {}))}[]"
    if "format" in schema:
        kind = f"{kind} ({schema['format']})"
    if "enum" in schema:
        kind += ": " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
    return kind


def _schema_name(content: dict[str, Any]) -> str:
    for media in content.values():
        return _type(media.get("schema", {}))
    return ""


@lru_cache(maxsize=1)
def api_description() -> tuple[dict[str, Any], list[Operation], list[Component]]:
    """The generated schema, read into operations and components (the endpoints do not change at run time)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations: list[Operation] = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {})
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=op.get("operationId", f"{method}-{path}").replace("_", "-"),
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=[
                        Parameter(
                            name=p["name"],
                            where={"query": "쿼리", "path": "경로", "header": "헤더"}.get(
                                p.get("in", ""), p.get("in", "")
                            ),
                            required=bool(p.get("required")),
                            type=_type(p.get("schema", {})),
                            description=p.get("description", ""),
                        )
                        for p in op.get("parameters", [])
                    ],
                    request_types=list(body),
                    request_schema=_schema_name(body),
                    responses=[
                        (code, r.get("description", ""), _schema_name(r.get("content", {})))
                        for code, r in op.get("responses", {}).items()
                    ],
                )
            )
    components = [
        Component(
            name=name,
            description=spec.get("description", ""),
            fields=[
                SchemaField(
                    name=prop,
                    type=_type(prop_spec),
                    required=prop in spec.get("required", []),
                    read_only=bool(prop_spec.get("readOnly")),
                    description=prop_spec.get("description", ""),
                )
                for prop, prop_spec in spec.get("properties", {}).items()
            ],
        )
        for name, spec in schema.get("components", {}).get("schemas", {}).items()
    ]
    return schema.get("info", {}), operations, components


@require_GET
def api_index(request: HttpRequest) -> HttpResponse:
    _, operations, _ = api_description()
    return render(request, "api/index.html", {"operations": operations})


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    info, operations, components = api_description()
    return render(request, "api/docs.html", {"info": info, "operations": operations, "components": components})
