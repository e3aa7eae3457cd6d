"""What a sample in the namespaced sandbox can reach: no network, no host processes, no host
files beyond a read-only system view, no capabilities, nothing that survives it."""

from __future__ import annotations

import http.server
import os
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from execbench.core import Limits
from execbench.languages.toolchain_dirs import toolchain_dirs
from execbench.sandbox import CallStatus, make_sandbox

LIMITS = Limits(cpu_s=2.0, wall_s=10.0, memory_mb=512)

PROBES = """
import os, socket

def connect(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return "connected"
    except OSError as exc:
        return type(exc).__name__

def visible_processes():
    return sorted(int(entry) for entry in os.listdir("/proc") if entry.isdigit())

def my_pid():
    return os.getpid()

def status_field(name):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(name + ":"):
                return line.split(":", 1)[1].strip()

def write(path):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        return "written"
    except OSError as exc:
        return type(exc).__name__

def exists(path):
    return os.path.exists(path)

def listing(path):
    try:
        return sorted(os.listdir(path))
    except OSError as exc:
        return type(exc).__name__

def read(path):
    with open(path) as handle:
        return handle.read()
"""


@pytest.fixture(scope="module")
def http_port() -> Iterator[int]:
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def probe(sandbox, function, *args):
    with sandbox.open_python(LIMITS) as session:
        assert session.load(PROBES).status is CallStatus.OK
        outcome = session.call(function, list(args), {})
    assert outcome.status is CallStatus.OK, outcome
    return outcome.value


def test_no_network(sandbox, http_port):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        unisolated = make_sandbox("none")
    try:
        assert probe(unisolated, "connect", http_port) == "connected"  # the probe can succeed
    finally:
        unisolated.close()
    assert probe(sandbox, "connect", http_port) != "connected"


def test_own_pid_namespace(sandbox):
    assert probe(sandbox, "my_pid") == 1
    assert probe(sandbox, "visible_processes") == [1]


def test_no_capabilities_and_no_new_privileges(sandbox):
    assert int(probe(sandbox, "status_field", "CapEff"), 16) == 0
    assert int(probe(sandbox, "status_field", "CapBnd"), 16) == 0
    assert probe(sandbox, "status_field", "NoNewPrivs") == "1"


def test_host_filesystem_is_read_only_or_absent(sandbox, data_dir):
    assert probe(sandbox, "write", "/usr/execbench-test") in {"OSError", "PermissionError"}
    assert probe(sandbox, "write", "/etc/execbench-test") in {"OSError", "PermissionError"}
    assert probe(sandbox, "exists", str(data_dir)) is False
    # Only the toolchains installed in a home (Python, rustup) are shown of it, never the rest.
    home = probe(sandbox, "listing", str(Path.home()))
    assert home == "FileNotFoundError" or set(home) <= {".pyenv", ".cargo", ".rustup"}
    assert probe(sandbox, "exists", "/sys") is False


@pytest.mark.skipif(not os.path.isdir("/opt"), reason="no /opt on this machine")
def test_of_opt_only_the_toolchains_directories_are_shown(sandbox):
    """/opt may hold package mirrors, other software, secrets: only what a language needs shows."""
    needed = [path for path in toolchain_dirs() if path.startswith("/opt/")]
    for entry in sorted(os.listdir("/opt")):
        path = f"/opt/{entry}"
        on_the_way = any(
            toolchain == path or toolchain.startswith(path + "/") for toolchain in needed
        )
        assert probe(sandbox, "exists", path) is on_the_way, path
    for toolchain in needed:
        assert probe(sandbox, "listing", toolchain) == sorted(os.listdir(toolchain))


def test_scratch_space_is_private_to_each_sample(sandbox):
    assert probe(sandbox, "write", "/tmp/left-by-a-sample") == "written"
    assert probe(sandbox, "write", "left-in-the-workdir") == "written"
    assert probe(sandbox, "exists", "/tmp/left-by-a-sample") is False
    assert probe(sandbox, "exists", "left-in-the-workdir") is False


def cgroups_of(memberships: str) -> dict[str, str]:
    """/proc/self/cgroup's memory and pids paths."""
    found = {}
    for line in memberships.splitlines():
        _, names, path = line.split(":", 2)
        found.update((name, path) for name in names.split(",") if name in ("memory", "pids"))
    return found


@pytest.mark.skipif(os.geteuid() != 0, reason="cgroups are expected only when run as root")
def test_overlapping_samples_each_get_a_cgroup_of_their_own_and_go_first_out_of_memory(sandbox):
    # The first is born in the fork server's home cgroup, the second joins one of its own.
    with sandbox.open_python(LIMITS) as first, sandbox.open_python(LIMITS) as second:
        seen = []
        for session in (first, second):
            assert session.load(PROBES).status is CallStatus.OK
            seen.append(session.call("read", ["/proc/self/cgroup"], {}).value)
            oom_score_adj = session.call("read", ["/proc/self/oom_score_adj"], {}).value
            assert oom_score_adj.strip() == "1000"
    ours = [cgroups_of(memberships) for memberships in seen]
    for cgroups in ours:
        assert set(cgroups) == {"memory", "pids"}
        assert all(Path(path).name.startswith("execbench-") for path in cgroups.values())
    assert ours[0]["memory"] != ours[1]["memory"] and ours[0]["pids"] != ours[1]["pids"]


def test_run_gets_the_same_isolation(sandbox, http_port):
    script = (
        "grep -E '^(CapEff|NoNewPrivs)' /proc/self/status; ls /proc | grep -c '^[0-9]'; "
        f"(exec 3<>/dev/tcp/127.0.0.1/{http_port}) 2>/dev/null && echo connected || echo offline"
    )
    execution = sandbox.run(["bash", "-c", script], LIMITS)
    lines = execution.stdout.split()
    assert lines[lines.index("CapEff:") + 1] == "0000000000000000"
    assert lines[lines.index("NoNewPrivs:") + 1] == "1"
    assert "offline" in lines and "connected" not in lines
    # bash, grep/ls: a handful of processes of its own, none of the host's
    assert int(lines[-2]) < 10


@pytest.mark.skipif(os.geteuid() != 0, reason="every layer is expected only when run as root")
def test_every_layer_is_active_as_root(sandbox):
    layers = sandbox.layers()
    assert set(layers) >= {"user", "network", "pid", "filesystem", "capabilities", "rlimits"}
    assert {layer: why for layer, why in layers.items() if why} == {}


def test_random_draws_are_the_same_in_every_sample_and_every_run(sandbox):
    program = (
        "import random, numpy\n"
        "def draws():\n"
        "    return [random.random(), float(numpy.random.rand())]\n"
    )
    another_run = make_sandbox("namespace")  # its own fork server, seeded at its own start
    seen = []
    try:
        for box in (sandbox, sandbox, another_run):
            with box.open_python(LIMITS) as session:
                session.load(program)
                seen.append(session.call("draws", [], {}).value)
    finally:
        another_run.close()
    assert seen[0] == seen[1] == seen[2]


def test_a_warmed_module_is_imported_before_the_sample_starts():
    program = "import sys\ndef loaded():\n    return 'numpy' in sys.modules\n"
    cold, warmed = make_sandbox("namespace"), make_sandbox("namespace")
    warmed.warm(["numpy"])
    try:
        answers = []
        for box in (cold, warmed):
            with box.open_python(LIMITS) as session:
                session.load(program)
                answers.append(session.call("loaded", [], {}).value)
    finally:
        cold.close()
        warmed.close()
    assert answers == [False, True]


LOOPBACK = """
import socket, threading

def talk_to_myself():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    threading.Thread(target=lambda: server.accept()[0].sendall(b"hello"), daemon=True).start()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        return client.recv(5).decode()
"""


def test_a_sample_can_serve_and_connect_to_itself_on_loopback(sandbox, http_port):
    """Its own namespace's loopback (BigCodeBench's socket-server tasks need it): the host's
    127.0.0.1 stays out of reach (test_no_network)."""
    with sandbox.open_python(LIMITS) as session:
        assert session.load(LOOPBACK).status is CallStatus.OK
        assert session.call("talk_to_myself", [], {}).value == "hello"
