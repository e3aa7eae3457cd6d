"""Every sample starts from a state no earlier sample could touch: what one leaves in SysV or POSIX
IPC, in /dev/shm or in kernel keyrings is gone for the next, memory it left charged is not
charged to the next one's budget, and sysctls cannot be changed at all."""

from __future__ import annotations

import os

import pytest

from execbench.core import Limits
from execbench.sandbox import CallStatus
from execbench.sandbox.cgroups import SETTLE_SLACK_BYTES
from execbench.sandbox.isolated import NamespaceSandbox

LIMITS = Limits(cpu_s=5.0, wall_s=20.0, memory_mb=512, file_size_mb=400)

IPC = r"""
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
KEY = 0xE8EC
SECRET = b"the accepted guess is 42"
IPC_CREAT, SETVAL = 0o1000, 16

def leave():
    shm = libc.shmget(KEY, 4096, IPC_CREAT | 0o666)
    ctypes.memmove(libc.shmat(shm, None, 0), SECRET, len(SECRET))
    sem = libc.semget(KEY, 1, IPC_CREAT | 0o666)
    set_value = libc.semctl(sem, 0, SETVAL, 42)
    msq = libc.msgget(KEY, IPC_CREAT | 0o666)
    message = ctypes.create_string_buffer(b"\1\0\0\0\0\0\0\0" + SECRET)  # mtype 1, mtext
    sent = libc.msgsnd(msq, message, len(SECRET), 0)
    mq = libc.mq_open(b"/execbench", os.O_CREAT | os.O_RDWR, 0o666, None)
    queued = libc.mq_send(mq, SECRET, len(SECRET), 0)
    with open("/dev/shm/secret", "wb") as handle:
        handle.write(SECRET)
    return [shm, sem, set_value, msq, sent, mq, queued]

def look():
    listed = [len(open(f"/proc/sysvipc/{kind}").readlines()) - 1 for kind in ("shm", "sem", "msg")]
    return {
        "shm": libc.shmget(KEY, 0, 0) >= 0,
        "sem": libc.semget(KEY, 0, 0) >= 0,
        "msg": libc.msgget(KEY, 0) >= 0,
        "mq": libc.mq_open(b"/execbench", os.O_RDONLY) >= 0,
        "/dev/shm": os.path.exists("/dev/shm/secret"),
        "listed": listed,
    }
"""


def _call(sandbox: NamespaceSandbox, source: str, function: str, limits: Limits = LIMITS):
    with sandbox.open_python(limits) as session:
        assert session.load(source).status is CallStatus.OK
        return session.call(function, [], {})


def test_ipc_objects_one_sample_leaves_are_not_there_for_the_next(sandbox):
    left = _call(sandbox, IPC, "leave")
    assert left.status is CallStatus.OK and min(left.value) >= 0, left  # the attack itself worked
    seen = _call(sandbox, IPC, "look").value
    assert seen == {
        "shm": False,
        "sem": False,
        "msg": False,
        "mq": False,
        "/dev/shm": False,
        "listed": [0, 0, 0],
    }


HOLD = {
    "SysV shared memory": r"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p

def hold(size):
    segment = libc.shmget(0, size, 0o1600)  # IPC_PRIVATE, never removed
    address = libc.shmat(segment, None, 0)
    ctypes.memset(address, 1, size)  # charged to the sample's memory cgroup
    return segment
""",
    "a tmpfs file": """
def hold(size):
    chunk = b"x" * (1 << 20)
    with open("/tmp/ballast", "wb") as handle:
        for _ in range(size >> 20):
            handle.write(chunk)
    return 0
""",
}

ALLOCATE = """
def allocate(size):
    ballast = b"y" * size
    return len(ballast)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="memory cgroups are expected only when run as root")
@pytest.mark.parametrize("held", list(HOLD))
def test_memory_a_sample_left_charged_is_not_spent_from_the_next_ones_budget(held, sandbox):
    size = 300 << 20  # of a 512 MB budget: two of them do not fit
    with sandbox.open_python(LIMITS) as session:
        session.load(HOLD[held])
        assert session.call("hold", [size], {}).status is CallStatus.OK
    for _ in range(2):
        with sandbox.open_python(LIMITS) as session:
            session.load(ALLOCATE)
            allocated = session.call("allocate", [size], {})
        assert allocated.status is CallStatus.OK and allocated.value == size, allocated


SYSCTLS = ("kernel/shmmax", "kernel/msgmax", "fs/mqueue/msg_max", "net/core/somaxconn")
WRITE_SYSCTLS = f"""
def write():
    refused = {{}}
    for name in {SYSCTLS!r}:
        path = "/proc/sys/" + name
        try:
            with open(path, "w") as handle:
                handle.write("1234\\n")
            refused[name] = None
        except OSError as exc:
            refused[name] = exc.errno
    return refused

def read():
    return {{name: open("/proc/sys/" + name).read() for name in {SYSCTLS!r}}}
"""


def test_sysctls_cannot_be_written(sandbox):
    before = _call(sandbox, WRITE_SYSCTLS, "read").value
    refused = _call(sandbox, WRITE_SYSCTLS, "write").value
    assert all(refused.values()), refused
    assert _call(sandbox, WRITE_SYSCTLS, "read").value == before


KEYRING = r"""
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
ADD_KEY, USER_KEYRING = 248, -4

def add():
    key = libc.syscall(ADD_KEY, b"user", b"execbench-secret", b"42", 2, ctypes.c_int(USER_KEYRING))
    return [key, ctypes.get_errno()]

def keys():
    return open("/proc/keys").read()
"""


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the system call number is x86_64's")
def test_kernel_keyrings_are_out_of_reach(sandbox):
    assert _call(sandbox, KEYRING, "add").value == [-1, 1]  # EPERM
    assert "execbench-secret" not in _call(sandbox, KEYRING, "keys").value


def _shared_memory_charged(cgroup_dir) -> int:
    for line in (cgroup_dir / "memory.stat").read_text().splitlines():
        name, _, value = line.partition(" ")
        if name == "shmem":
            return int(value)
    raise AssertionError("memory.stat has no shmem line")


@pytest.mark.skipif(os.geteuid() != 0, reason="memory cgroups are expected only when run as root")
def test_a_cgroup_is_handed_on_only_once_the_memory_a_sample_left_is_freed(sandbox):
    """The kernel frees a dead IPC namespace's segments a little later: its cgroup waits."""
    session = sandbox.open_python(LIMITS)
    cgroup = session._cgroup  # the one the next sample may get as soon as this one is closed
    session.load(HOLD["SysV shared memory"])
    assert session.call("hold", [300 << 20], {}).status is CallStatus.OK
    assert _shared_memory_charged(cgroup.dirs["memory"]) >= 300 << 20
    session.close()
    assert _shared_memory_charged(cgroup.dirs["memory"]) <= SETTLE_SLACK_BYTES
