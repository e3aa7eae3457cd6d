"""Plain typed records shared by every stage of the flow."""

from execbench.core.errors import UserError
from execbench.core.execution import Execution, LimitHit
from execbench.core.limits import Limits
from execbench.core.sample import Program, Sample, SampleFormat
from execbench.core.task import (
    PRECONDITION_NAME,
    Assemble,
    AssertTests,
    CallCase,
    CallOracle,
    CallTests,
    CoverageTests,
    EfficiencyLevel,
    EfficiencyTests,
    Examples,
    MatchRule,
    MutationTests,
    PredictionTests,
    ReferenceOutputs,
    ScriptTests,
    SingleRun,
    StdioCase,
    StdioTests,
    Task,
    TestSuite,
    UnittestTests,
)
from execbench.core.verdict import Status, Verdict

__all__ = [
    "PRECONDITION_NAME",
    "Assemble",
    "AssertTests",
    "CallCase",
    "CallOracle",
    "CallTests",
    "CoverageTests",
    "EfficiencyLevel",
    "EfficiencyTests",
    "Examples",
    "Execution",
    "LimitHit",
    "Limits",
    "MatchRule",
    "MutationTests",
    "PredictionTests",
    "Program",
    "ReferenceOutputs",
    "Sample",
    "SampleFormat",
    "ScriptTests",
    "SingleRun",
    "Status",
    "StdioCase",
    "StdioTests",
    "Task",
    "TestSuite",
    "UnittestTests",
    "UserError",
    "Verdict",
]
