"""Which isolation layers a sandbox backend gives on this machine, and why not where not."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from execbench.sandbox.base import ISOLATION_LAYERS
from execbench.sandbox.registry import make_sandbox, sandbox_names

LAYER_MEANING = {
    "user": "user namespace: the sample's root is an unprivileged user on the host",
    "network": "network namespace: no network at all, not even the host's loopback",
    "ipc": "IPC and UTS namespaces: no shared memory or semaphores with the host",
    "filesystem": "read-only minimal root; home, repository and datasets absent; "
    "fresh private working directory and /tmp",
    "pid": "PID namespace per sample: sees and signals only its own processes, "
    "all of them killed before the verdict",
    "capabilities": "no capabilities, no new privileges (setuid binaries do nothing)",
    "cgroup-memory": "cgroup memory cap, out-of-memory kills recorded",
    "cgroup-pids": "cgroup cap on processes and threads (fork bombs)",
    "rlimits": "rlimits: CPU time, address space, file size, open files, processes",
    "environment": "fixed small environment, never the parent's variables (API keys)",
}


@dataclass(frozen=True)
class LayerStatus:
    layer: str
    active: bool
    reason: str | None
    meaning: str


@dataclass(frozen=True)
class SandboxReport:
    sandbox: str
    layers: tuple[LayerStatus, ...]
    backends: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "sandbox": self.sandbox,
            "backends": list(self.backends),
            "layers": {
                status.layer: {"active": status.active, "reason": status.reason}
                for status in self.layers
            },
        }


def inspect_sandbox(name: str) -> SandboxReport:
    """Start backend `name`, ask which layers it got, stop it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the report itself names every missing layer
        sandbox = make_sandbox(name)
        try:
            found = sandbox.layers()
        except Exception as exc:  # the backend cannot start here: that is the finding
            found = {layer: f"the sandbox could not start: {exc}" for layer in ISOLATION_LAYERS}
        finally:
            sandbox.close()
    layers = tuple(
        LayerStatus(layer, found[layer] is None, found[layer], LAYER_MEANING[layer])
        for layer in ISOLATION_LAYERS
    )
    return SandboxReport(name, layers, tuple(sandbox_names()))
