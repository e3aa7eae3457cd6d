"""Isolation and limits for untrusted code."""

from execbench.sandbox.base import CallBatch, CallOutcome, CallStatus, PythonSession, Sandbox
from execbench.sandbox.registry import (
    DEFAULT_SANDBOX,
    SANDBOXES,
    make_sandbox,
    register_sandbox,
    require_sandbox,
    sandbox_names,
)

__all__ = [
    "DEFAULT_SANDBOX",
    "SANDBOXES",
    "CallBatch",
    "CallOutcome",
    "CallStatus",
    "PythonSession",
    "Sandbox",
    "make_sandbox",
    "register_sandbox",
    "require_sandbox",
    "sandbox_names",
]
