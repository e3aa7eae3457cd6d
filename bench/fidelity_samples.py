"""Realistic samples for the fidelity comparison: right, subtly wrong, crashing, slow, hanging.

Right programs come from three independent sources (the benchmark's reference, the original
HumanEval / MBPP solutions, ENAMEL's expert efficient solutions); subtly wrong ones are seeded AST
mutants of the reference (a flipped comparison, an off-by-one constant, a swapped operator), the
kind of slip a model makes. Every sample is a whole program (EvalPlus's `solution` format).
"""

from __future__ import annotations

import ast
import json
import random
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from execbench.tasks.jsonl import read_records

_FLIPS: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.And: ast.Or,
    ast.Or: ast.And,
}


@dataclass(frozen=True)
class Sample:
    task_id: str
    kind: str
    solution: str


def _mutation_sites(tree: ast.AST) -> list[ast.AST]:
    sites: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare | ast.BinOp | ast.BoolOp) or (
            isinstance(node, ast.Constant) and type(node.value) is int and 0 <= node.value <= 10
        ):
            sites.append(node)
    return sites


def mutant(program: str, entry_point: str, seed: int) -> str | None:
    """The program with one seeded change inside the entry point's body, or None."""
    try:
        tree = ast.parse(program)
    except SyntaxError:
        return None
    function = next(
        (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == entry_point),
        None,
    )
    if function is None:
        return None
    sites = [site for statement in function.body for site in _mutation_sites(statement)]
    if not sites:
        return None
    site = random.Random(seed).choice(sites)
    if isinstance(site, ast.Compare):
        site.ops[0] = _FLIPS.get(type(site.ops[0]), ast.Eq)()
    elif isinstance(site, ast.BinOp | ast.BoolOp):
        site.op = _FLIPS.get(type(site.op), ast.Add)()
    elif isinstance(site, ast.Constant):
        site.value += 1
    return ast.unparse(tree) + "\n"


def with_prologue(program: str, entry_point: str, prologue: str) -> str:
    """`program` whose entry point first runs `prologue` (indented into its body)."""
    lines = program.splitlines()
    header = re.compile(rf"\s*def\s+{re.escape(entry_point)}\s*\(")
    for number, line in enumerate(lines):
        if header.match(line):
            header_end = number
            while not lines[header_end].rstrip().endswith(":"):
                header_end += 1
            following = next((text for text in lines[header_end + 1 :] if text.strip()), "")
            indent = following[: len(following) - len(following.lstrip())] or "    "
            body = [indent + part for part in prologue.splitlines()]
            return "\n".join(lines[: header_end + 1] + body + lines[header_end + 1 :]) + "\n"
    return program


def stable_seed(*parts: object) -> int:
    return zlib.crc32("/".join(map(str, parts)).encode())


def samples_for(
    task_id: str, entry_point: str, reference: str, alternatives: dict[str, str], number: int
) -> Iterator[Sample]:
    yield Sample(task_id, "reference", reference)
    for kind, program in alternatives.items():
        yield Sample(task_id, kind, program)
    for k in range(3):
        changed = mutant(reference, entry_point, stable_seed(task_id, k))
        if changed is not None:
            yield Sample(task_id, f"mutant{k}", changed)
    if number % 4 == 0:
        yield Sample(task_id, "crash", with_prologue(reference, entry_point, "raise ValueError"))
    if number % 8 == 1:
        slow = "import time\ntime.sleep(0.002)"
        yield Sample(task_id, "slow", with_prologue(reference, entry_point, slow))
    if number % 25 == 2:
        yield Sample(task_id, "hang", with_prologue(reference, entry_point, "while True: pass"))


def humaneval_samples(data_dir: Path, plus_file: Path) -> list[Sample]:
    originals = {r["task_id"]: r for _, r in read_records(data_dir / "humaneval/HumanEval.jsonl")}
    enamel = json.loads((data_dir / "enamel/enamel-references.json").read_text())
    samples = []
    for number, (_, record) in enumerate(read_records(plus_file)):
        task_id = record["task_id"]
        original = originals[task_id]
        alternatives = {
            "original": original["prompt"] + original["canonical_solution"],
            "enamel": enamel[number][0],
        }
        reference = record["prompt"] + record["canonical_solution"]
        samples += samples_for(task_id, record["entry_point"], reference, alternatives, number)
    return samples


def mbpp_samples(data_dir: Path, plus_file: Path) -> list[Sample]:
    originals = {r["task_id"]: r for _, r in read_records(data_dir / "mbpp/mbpp.jsonl")}
    sanitized = {r["task_id"]: r for _, r in read_records(data_dir / "mbpp/sanitized-mbpp.json")}
    samples = []
    for number, (_, record) in enumerate(read_records(plus_file)):
        task_id = record["task_id"]
        task_number = int(task_id.split("/")[1])
        alternatives = {"original": originals[task_number]["code"].replace("\r\n", "\n")}
        if task_number in sanitized:
            alternatives["sanitized"] = sanitized[task_number]["code"]
        reference = record["prompt"] + record["canonical_solution"]
        samples += samples_for(task_id, record["entry_point"], reference, alternatives, number)
    return samples
