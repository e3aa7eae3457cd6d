"""The figures beyond correctness, as tables both views show: eff@k (ENAMEL), costs against the
reference (EffiBench's NET, NMU, NTMU) and robustness (ReCode), each with its interval.

Each table comes from the summary field its metric fills (metrics/eff_at_k.py, efficiency.py,
robustness.py); a run without the field has no such table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from execbench.store import Summary


@dataclass(frozen=True)
class Section:
    title: str
    note: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def beyond_sections(summary: Summary) -> list[Section]:
    extra = summary.model_extra or {}
    sections = []
    if extra.get("eff_at_k"):
        sections.append(_eff_at_k(extra))
    if extra.get("efficiency"):
        sections.append(_costs(extra["efficiency"]))
    if extra.get("robustness"):
        sections.append(_robustness(extra["robustness"]))
    return sections


def print_sections(sections: Sequence[Section], console: Console) -> None:
    for section in sections:
        table = Table(title=section.title, title_justify="left", caption=section.note)
        for number, column in enumerate(section.columns):
            table.add_column(column, justify="left" if number == 0 else "right")
        for row in section.rows:
            table.add_row(*row)
        console.print(table)


def _value(value: float | None, interval: Sequence[float] | None = None) -> str:
    if value is None:
        return "-"
    text = f"{value:.4f}"
    return f"{text} [{interval[0]:.4f}, {interval[1]:.4f}]" if interval else text


def _eff_at_k(extra: Mapping[str, Any]) -> Section:
    timed, timed_ci = extra["eff_at_k"], extra.get("eff_at_k_ci95", {})
    lines, lines_ci = extra.get("eff_at_k_lines", {}), extra.get("eff_at_k_lines_ci95", {})
    rows = [
        (f"eff@{k}", _value(value, timed_ci.get(k)), _value(lines.get(k), lines_ci.get(k)))
        for k, value in timed.items()
    ]
    spread = extra.get("eff_spread")
    note = "ENAMEL's eff@k, 95% bootstrap intervals over tasks; by lines: the same score with "
    note += "Python lines counted instead of CPU seconds (the same on every machine)."
    if spread:
        note += (
            f" Repeated timings spread {spread['median']:.1%} (median; p90 {spread['p90']:.1%})."
        )
    return Section("Efficiency (ENAMEL)", note, ("", "by CPU time", "by lines"), rows)


def _costs(figures: Mapping[str, Any]) -> Section:
    rows = []
    for name in ("net", "nmu", "ntmu"):
        ratio = figures.get(name)
        if ratio:
            rows.append(
                (
                    name.upper(),
                    _value(ratio["mean"], ratio["mean_ci95"]),
                    _value(ratio["median"]),
                    _value(ratio["p90"]),
                    _value(ratio["max"]),
                    f"{ratio['share_over_5']:.1%}",
                )
            )
    note = (
        f"{figures['samples_measured']} passing samples measured "
        f"({figures['samples_unmeasured']} could not be), each {figures.get('repeats', '?')} "
        "times; ratios to the reference's CPU time, peak memory and memory x time."
    )
    spread = figures.get("cpu_spread")
    if spread:
        note += f" Repeated CPU times spread {spread['median']:.1%} (median)."
    columns = ("", "mean [95%]", "median", "p90", "max", "> 5x")
    return Section("Costs against the reference (EffiBench)", note, columns, rows)


def _robustness(figures: Mapping[str, Any]) -> Section:
    rows = []
    groups = [(family, data, "") for family, data in figures["families"].items()]
    groups += [
        (name, data, f"{data['seeds']}/{data['paper_seeds']}")
        for name, data in figures["types"].items()
    ]
    for name, data, seeds in groups:
        for k, values in data["by_k"].items():
            rows.append(
                (
                    name,
                    seeds,
                    k,
                    _value(values["nominal_pass"], values["nominal_pass_ci95"]),
                    _value(values["robust_pass"], values["robust_pass_ci95"]),
                    _value(values.get("robust_drop"), values.get("robust_drop_ci95")),
                    _value(values["robust_relative"], values["robust_relative_ci95"]),
                )
            )
    note = (
        "ReCode's robust figures: the worst case over each type's variants (seeds: stored / "
        "ReCode's s); families take the worst over all their types. 95% bootstrap intervals."
    )
    columns = ("set", "seeds", "k", "nominal pass", "robust pass", "robust drop", "robust relative")
    return Section("Robustness (ReCode)", note, columns, rows)
