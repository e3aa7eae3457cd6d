"""Helpers shared by the tests: the command line in a subprocess, small tasks, a scripted server."""

from tests.support.cli import completion_of, execbench_command, read_jsonl, run_cli, write_jsonl

__all__ = ["completion_of", "execbench_command", "read_jsonl", "run_cli", "write_jsonl"]
