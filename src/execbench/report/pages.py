"""Rendering a self-contained HTML page: template, data as inline JSON, scripts inline."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from execbench.report.assets import chart_library, page_script

_ENVIRONMENT = Environment(
    loader=PackageLoader("execbench.report", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_page(template: str, data: dict[str, Any], **context: Any) -> str:
    """`data` reaches the page's charts as JSON (escaped by `tojson` for inline use)."""
    return _ENVIRONMENT.get_template(template).render(
        data=data, chart_library=chart_library(), page_script=page_script(), **context
    )
