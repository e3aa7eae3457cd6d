"""The chart library the HTML pages embed, read from the package (never fetched at run time).

Chart.js 4 (210 KB minified) and its matrix plug-in (4 KB) for heatmaps, put here by
scripts/fetch-report-assets.sh: the smallest well-kept library with bar, interval and heatmap
charts (plotly.js is over 3 MB, ECharts about 1 MB). A page from an install without them still
holds every table and failure, and says its charts are missing.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

CHART_FILES = ("chart.umd.min.js", "chartjs-chart-matrix.min.js")


@cache
def chart_library() -> str | None:
    """The library's JavaScript, ready to inline, or None where it is not installed."""
    folder = files("execbench.report").joinpath("assets")
    parts = []
    for name in CHART_FILES:
        resource = folder.joinpath(name)
        if not resource.is_file():
            return None
        parts.append(resource.read_text(encoding="utf-8"))
    # Inline in a <script> element: a "</script" inside would end it early.
    return "\n".join(parts).replace("</script", "<\\/script")


@cache
def page_script() -> str:
    """execbench's own page code: the charts, and sorting and filtering the task table."""
    return files("execbench.report").joinpath("templates", "page.js").read_text(encoding="utf-8")
