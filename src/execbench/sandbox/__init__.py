"""Isolation and limits for untrusted code."""

from execbench.sandbox.base import CallBatch, CallOutcome, CallStatus, PythonSession, Sandbox
from execbench.sandbox.registry import (
    DEFAULT_SANDBOX,
    make_sandbox,
    require_sandbox,
    sandbox_names,
)

__all__ = [
    "DEFAULT_SANDBOX",
    "CallBatch",
    "CallOutcome",
    "CallStatus",
    "PythonSession",
    "Sandbox",
    "make_sandbox",
    "require_sandbox",
    "sandbox_names",
]
