"""Date windows for contamination control: keep the tasks released within [since, until].

A task's date is `metadata["date"]` (ISO `YYYY-MM-DD`: contest or release date). Any benchmark
whose tasks carry dates can be windowed; asking for a window on one without dates is an error,
not an empty run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from execbench.core import Task, UserError


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{option} {text!r}: expected a date as YYYY-MM-DD") from exc


def task_date(task: Task) -> date | None:
    value = task.metadata.get("date")
    if value is None:
        return None
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class DateWindow:
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, since: str | None, until: str | None) -> DateWindow:
        window = cls(
            parse_date(since, "--since") if since else None,
            parse_date(until, "--until") if until else None,
        )
        if window.since and window.until and window.since > window.until:
            raise UserError(f"--since {since} is after --until {until}")
        return window

    @property
    def is_open(self) -> bool:
        return self.since is None and self.until is None

    def contains(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def select(self, tasks: Sequence[Task]) -> list[Task]:
        """The tasks dated inside the window (all of them when the window is open)."""
        if self.is_open:
            return list(tasks)
        dated = [(task, task_date(task)) for task in tasks]
        undated = [task.task_id for task, day in dated if day is None]
        if undated:
            raise UserError(
                f"--since/--until: {len(undated)} of {len(tasks)} tasks have no date "
                f"(e.g. {undated[0]!r}); this benchmark cannot be windowed by date"
            )
        return [task for task, day in dated if day is not None and self.contains(day)]
