"""LiveCodeBench: code generation, test output prediction and code execution."""

from execbench.tasks.livecodebench import generation, scenarios  # noqa: F401  (they register)
