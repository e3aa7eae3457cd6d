"""Linux namespace, mount and capability system calls through ctypes.

Python 3.11 has no `os.unshare` or `mount`; the fork server and each sample's setup use these
thin wrappers. Every failure raises OSError with the errno and the call that failed, so a missing
isolation layer can be named precisely.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import platform
import signal
import socket
import struct

CLONE_PARENT = 0x00008000
CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REMOUNT = 0x20
MS_NOATIME = 0x400
MS_NODIRATIME = 0x800
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
MS_RELATIME = 0x200000
MS_STRICTATIME = 0x1000000
MNT_DETACH = 0x2

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
# SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP | ..._LOCKED
SECURE_NOROOT_ALL = 0x0F

_SYS_CLONE = 56  # x86_64
_SYS_PIVOT_ROOT = 155
_SYS_CAPSET = 126
_SYS_PIDFD_OPEN = 434
_LINUX_CAPABILITY_VERSION_3 = 0x20080522

_libc = ctypes.CDLL(None, use_errno=True)
# PyDLL keeps the GIL held across the call: a raw clone() must copy a consistent interpreter.
_pylibc = ctypes.PyDLL(None, use_errno=True)
_pylibc.syscall.restype = ctypes.c_long
_libc.syscall.restype = ctypes.c_long


def _check(result: int, call: str) -> int:
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{call}: {os.strerror(errno)}")
    return result


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


_SIOCGIFFLAGS = 0x8913
_SIOCSIFFLAGS = 0x8914
_IFF_UP = 0x1
_IFREQ = "16sH22x"  # struct ifreq: the name, then ifr_flags at the head of the union


def loopback_up() -> None:
    """Bring up `lo` in this process's new network namespace: a program may serve and connect
    to itself on 127.0.0.1, as on any machine, and still reaches nothing outside the namespace."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        reply = fcntl.ioctl(sock, _SIOCGIFFLAGS, struct.pack(_IFREQ, b"lo", 0))
        flags = struct.unpack(_IFREQ, reply)[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack(_IFREQ, b"lo", flags | _IFF_UP))


def clone_fork(flags: int) -> int:
    """fork() that also creates the namespaces in `flags`: 0 in the child, its pid in the parent.

    unshare(CLONE_NEWPID) works once per process, so a fork server that wants a fresh PID
    namespace per child must pass it to clone() itself. Only safe in a single-threaded process.
    """
    no_pointer = ctypes.c_void_p(0)
    return _check(
        _pylibc.syscall(
            ctypes.c_long(_SYS_CLONE),
            ctypes.c_ulong(flags | signal.SIGCHLD),
            no_pointer,
            no_pointer,
            no_pointer,
            ctypes.c_ulong(0),
        ),
        "clone",
    )


def mount(source: str, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        _libc.mount(
            source.encode(),
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {source} on {target}",
    )


def umount(target: str, flags: int = 0) -> None:
    _check(_libc.umount2(target.encode(), ctypes.c_int(flags)), f"umount {target}")


def pivot_root(new_root: str, put_old: str) -> None:
    _check(
        _libc.syscall(ctypes.c_long(_SYS_PIVOT_ROOT), new_root.encode(), put_old.encode()),
        "pivot_root",
    )


def prctl(option: int, arg: int = 0) -> None:
    _check(
        _libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg), *[ctypes.c_ulong(0)] * 3),
        f"prctl({option})",
    )


def pidfd_open(pid: int) -> int:
    opener = getattr(os, "pidfd_open", None)
    if opener is not None:
        return opener(pid)
    return _check(_libc.syscall(ctypes.c_long(_SYS_PIDFD_OPEN), pid, 0), "pidfd_open")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def forbid_regaining_capabilities(last_cap: int) -> None:
    """No process started from here on can gain a capability, even as uid 0 or by execve.

    Clears the bounding and ambient sets, locks the no-root securebits and sets no_new_privs (so
    setuid binaries do nothing). All are inherited over fork: the fork server does this once.
    """
    for cap in range(last_cap + 1):
        try:
            prctl(PR_CAPBSET_DROP, cap)
        except OSError as exc:
            if exc.errno != 22:  # EINVAL: this kernel does not know the capability
                raise
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    prctl(PR_SET_SECUREBITS, SECURE_NOROOT_ALL)
    prctl(PR_SET_NO_NEW_PRIVS, 1)


# Built once in the fork server: building ctypes objects in each sample costs more than the call.
_NO_CAPABILITIES = (_CapHeader(_LINUX_CAPABILITY_VERSION_3, 0), (_CapData * 2)())


def drop_capabilities() -> None:
    """Empty the effective, permitted and inheritable sets of this process."""
    header, data = _NO_CAPABILITIES
    _check(_libc.syscall(ctypes.c_long(_SYS_CAPSET), ctypes.byref(header), data), "capset")


def read_last_cap() -> int:
    try:
        with open("/proc/sys/kernel/cap_last_cap") as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return 63


# Kernel keyrings: the keyrings of a user are per user namespace, so every sample of a fork server
# would share them (a key one sample adds, the next reads). Samples may not use them at all:
# add_key, request_key, keyctl, by architecture (AUDIT_ARCH_*) as a process can call them.
_KEYRING_SYSCALLS = {
    0xC000003E: (248, 249, 250),  # x86_64 (its x32 numbers too: the x32 bit is masked off)
    0x40000003: (286, 287, 288),  # i386, reachable from x86_64 through int 0x80
    0xC00000B7: (217, 218, 219),  # aarch64
    0x40000028: (309, 310, 311),  # 32-bit arm, on an aarch64 kernel that runs it
}
_X32_BIT = 0x40000000
_BPF_LD_W_ABS, _BPF_ALU_AND_K, _BPF_JEQ_K, _BPF_RET_K = 0x20, 0x54, 0x15, 0x06
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000


class _SockFilter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_uint16),
        ("jt", ctypes.c_uint8),
        ("jf", ctypes.c_uint8),
        ("k", ctypes.c_uint32),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _keyring_filter() -> list[tuple[int, int, int, int]]:
    """A seccomp program: the keyring calls of each architecture fail with EPERM."""
    program: list[tuple[int, int, int, int]] = []
    denials: list[int] = []  # where each jump to the EPERM return sits, fixed up at the end
    for arch, numbers in _KEYRING_SYSCALLS.items():
        body = 3 + len(numbers)  # load nr, mask x32, one test per call, allow
        program.append((_BPF_LD_W_ABS, 0, 0, 4))  # seccomp_data.arch
        program.append((_BPF_JEQ_K, 0, body, arch))
        program.append((_BPF_LD_W_ABS, 0, 0, 0))  # seccomp_data.nr
        program.append((_BPF_ALU_AND_K, 0, 0, ~_X32_BIT & 0xFFFFFFFF))
        for number in numbers:
            denials.append(len(program))
            program.append((_BPF_JEQ_K, 0, 0, number))
        program.append((_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW))
    program.append((_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW))
    deny = len(program)
    program.append((_BPF_RET_K, 0, 0, _SECCOMP_RET_ERRNO | errno.EPERM))
    for at in denials:
        code, _, jf, k = program[at]
        program[at] = (code, deny - at - 1, jf, k)
    return program


def forbid_keyrings() -> None:
    """Install the keyring filter on this process and all it will fork (needs no_new_privs)."""
    if platform.machine() not in ("x86_64", "aarch64"):
        raise OSError(errno.ENOSYS, f"no keyring filter for {platform.machine()}")
    instructions = _keyring_filter()
    table = (_SockFilter * len(instructions))(*(_SockFilter(*code) for code in instructions))
    program = _SockFprog(len(instructions), table)
    result = _libc.prctl(
        ctypes.c_int(PR_SET_SECCOMP),
        ctypes.c_ulong(_SECCOMP_MODE_FILTER),
        ctypes.byref(program),
        ctypes.c_ulong(0),
        ctypes.c_ulong(0),
    )
    _check(result, "prctl(PR_SET_SECCOMP)")
