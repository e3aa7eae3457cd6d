"""A quick subset of a benchmark's tasks: try a model on ten tasks before paying for a thousand.

`--task ID` (repeatable) keeps those tasks; then `--limit N` keeps the first N, or
`--sample-tasks N` a random N drawn with `--seed` (0 when none is given), kept in the
benchmark's order. A subset is part of the run's identity and of its folder's name, so a subset
run and the full run never share a folder, and summary.json records it.
"""

from __future__ import annotations

import difflib
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from execbench.core.errors import UserError
from execbench.core.task import Task

# More --task ids than this are counted, not listed, in `describe`.
NAMED_TASKS = 3


@dataclass(frozen=True)
class TaskSubset:
    task_ids: tuple[str, ...] = ()
    limit: int | None = None
    sample_tasks: int | None = None
    # Draws --sample-tasks; None there means 0. Kept as given, for `run`'s sampling seed.
    seed: int | None = None

    def __post_init__(self) -> None:
        for option, value in (("--limit", self.limit), ("--sample-tasks", self.sample_tasks)):
            if value is not None and value < 1:
                raise UserError(f"{option} {value}: expected at least 1")
        if self.limit is not None and self.sample_tasks is not None:
            raise UserError("--limit and --sample-tasks: give one (the first N, or a random N)")

    @property
    def whole(self) -> bool:
        return not self.task_ids and self.limit is None and self.sample_tasks is None

    def select(self, tasks: Sequence[Task], everything: Sequence[Task]) -> list[Task]:
        """The subset of `tasks` (the benchmark's, in its order, after the date window and the
        difficulty); `everything`: all of the benchmark's, to tell an unknown id from one that
        the window left out."""
        chosen = list(tasks)
        if self.task_ids:
            chosen = self._named(chosen, everything)
        if self.limit is not None:
            chosen = chosen[: self.limit]
        if self.sample_tasks is not None and self.sample_tasks < len(chosen):
            drawn = random.Random(self.seed or 0).sample(range(len(chosen)), self.sample_tasks)
            chosen = [chosen[position] for position in sorted(drawn)]
        return chosen

    def _named(self, tasks: Sequence[Task], everything: Sequence[Task]) -> list[Task]:
        known = {task.task_id for task in everything}
        for task_id in self.task_ids:
            if task_id not in known:
                close = difflib.get_close_matches(task_id, sorted(known), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise UserError(f"--task {task_id!r}: no such task in this benchmark{hint}")
        wanted = set(self.task_ids)
        named = [task for task in tasks if task.task_id in wanted]
        left_out = wanted - {task.task_id for task in named}
        if left_out:
            raise UserError(
                f"--task {sorted(left_out)[0]!r}: outside the chosen tasks (--since, --until, "
                "--difficulty, --language)"
            )
        return named

    def canonical(self) -> TaskSubset | None:
        """The subset as a run records it (identity, summary.json), None for every task: the
        ids sorted, and the seed only where it drew the tasks (0 when not given)."""
        if self.whole:
            return None
        seed = None if self.sample_tasks is None else self.seed or 0
        return replace(self, task_ids=tuple(sorted(self.task_ids)), seed=seed)

    def label(self) -> str:
        """A short name for the subset in a run folder's name ("" for all tasks)."""
        parts = []
        if self.task_ids:
            digest = hashlib.sha256("\n".join(sorted(self.task_ids)).encode()).hexdigest()
            parts.append(f"tasks-{digest[:8]}")
        if self.limit is not None:
            parts.append(f"first{self.limit}")
        if self.sample_tasks is not None:
            parts.append(f"sample{self.sample_tasks}-seed{self.seed or 0}")
        return "-".join(parts)

    def describe(self) -> str:
        """The options that made the subset, as typed (the summary table shows them)."""
        parts = [f"--task {task_id}" for task_id in self.task_ids[:NAMED_TASKS]]
        if len(self.task_ids) > NAMED_TASKS:
            parts = [f"--task ({len(self.task_ids)} tasks)"]
        if self.limit is not None:
            parts.append(f"--limit {self.limit}")
        if self.sample_tasks is not None:
            parts.append(f"--sample-tasks {self.sample_tasks} --seed {self.seed or 0}")
        return " ".join(parts)
