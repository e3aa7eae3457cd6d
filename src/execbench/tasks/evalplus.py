"""What HumanEval+ and MBPP+ (EvalPlus) share: a record becomes differential call tests.

EvalPlus stores inputs only (`base_input` from the original tests, `plus_input` generated); expected
results come from running the reference on them. The judge mirrors EvalPlus's evaluator: base
cases then plus cases, each group within its own budget, per-call limits of
`max(4 s, 4 × the reference's time)`, exact equality, or `allclose` within the task's `atol`
(1e-6 for float results when `atol` is 0, sticky for the rest of the group as in EvalPlus).
Plus inputs that break the task's `contract` are left out: EvalPlus generates plus inputs under
the contract and filters invalid ones when it cuts a release; the few that slipped past a contract
tightened later (HumanEval/32 in v0.1.10) are outside the problem's stated domain.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from execbench.core import (
    PRECONDITION_NAME,
    CallCase,
    CallOracle,
    CallTests,
    Examples,
    ReferenceOutputs,
    Task,
    UserError,
)
from execbench.tasks.docstring_examples import docstring_examples
from execbench.tasks.jsonl import require
from execbench.tasks.python_source import parse_quietly

BASE = "base"
PLUS = "plus"

# EvalPlus's own chat instruction (evalplus.codegen), followed by the prompt in a code block.
CHAT_INSTRUCTION = (
    "Please provide a self-contained Python script that solves the following problem in a "
    "markdown code block:\n```\n{prompt}\n```\n"
)

Convert = Callable[[list[Any]], tuple[Any, ...]]


def evalplus_task(
    record: Mapping[str, Any],
    benchmark: str,
    path: Path,
    line: int,
    oracles: Mapping[str, CallOracle],
    convert: Convert = tuple,
) -> Task:
    """A Task with CallTests for an EvalPlus record; `convert` turns one stored input into args."""
    task_id = require(record, "task_id", path, line)
    prompt = require(record, "prompt", path, line)
    entry_point = require(record, "entry_point", path, line)
    reference = prompt + require(record, "canonical_solution", path, line)
    cases = [
        CallCase(convert(_argument_list(inputs, field, path, line)), group=group)
        for group, field in ((BASE, "base_input"), (PLUS, "plus_input"))
        for inputs in require(record, field, path, line)
    ]
    contract = record.get("contract") or ""
    precondition = contract_function(reference, entry_point, contract, path, line)
    return Task(
        task_id=task_id,
        benchmark=benchmark,
        prompt=prompt,
        entry_point=entry_point,
        completion_prefix=prompt,
        reference=reference,
        tests=CallTests(
            entry_point=entry_point,
            cases=tuple(cases),
            atol=float(require(record, "atol", path, line) or 0),
            sticky_tolerance=True,
            oracle=oracles.get(task_id),
            from_reference=ReferenceOutputs(
                precondition=precondition,
                precondition_groups=(PLUS,) if precondition else (),
            ),
        ),
        metadata={"instruction": CHAT_INSTRUCTION.format(prompt=prompt.strip())},
        examples=Examples(asserts=docstring_examples(prompt, entry_point)),
    )


def _argument_list(inputs: Any, field: str, path: Path, line: int) -> list[Any]:
    if not isinstance(inputs, list):
        raise UserError(f"{path}:{line}: field {field!r}: each input must be a list of arguments")
    return inputs


def contract_function(
    reference: str, entry_point: str, contract: str, path: Path, line: int
) -> str:
    """Source of a function taking the entry point's parameters that runs the contract's asserts.

    EvalPlus splices the contract into the reference's body; a separate function checks the same
    asserts without depending on how the reference is indented.
    """
    body = textwrap.dedent(contract.strip("\n")).strip()
    if not body:
        return ""
    try:
        module = parse_quietly(reference)
    except SyntaxError as exc:
        raise UserError(f"{path}:{line}: the reference does not parse: {exc.msg}") from exc
    function = next(
        (
            node
            for node in module.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == entry_point
        ),
        None,
    )
    if function is None:
        raise UserError(f"{path}:{line}: the reference defines no function {entry_point!r}")
    parameters = function.args
    for argument in (*parameters.posonlyargs, *parameters.args, *parameters.kwonlyargs):
        argument.annotation = None
    for starred in (parameters.vararg, parameters.kwarg):
        if starred is not None:
            starred.annotation = None
    signature = ast.unparse(parameters)
    return (
        f"def {PRECONDITION_NAME}({signature}):\n{textwrap.indent(body, '    ')}\n    return True\n"
    )
