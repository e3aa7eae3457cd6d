"""Which parts of the host a sample may see (read-only), and which installed packages it may not."""

from __future__ import annotations

import glob
import os
import site
import sys
import sysconfig

from execbench.languages.toolchain_dirs import toolchain_dirs

SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# What compilers, interpreters and the C library read from /etc; nothing else of it (it may hold
# site secrets such as /etc/environment).
ETC_ENTRIES = (
    "alternatives",
    "ca-certificates",
    "fonts",
    "gai.conf",
    "group",
    "host.conf",
    "hosts",
    "java-*",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "ldc2.conf",
    "localtime",
    "mime.types",
    "mono",
    "nsswitch.conf",
    "os-release",
    "passwd",
    "perl",
    "php",
    "R",
    "racket",
    "ssl",
)
_SITE_PATTERNS = ("/usr/lib/python3*/*-packages", "/usr/local/lib/python3*/*-packages")


def read_only_binds() -> list[str]:
    """System directories, a few /etc entries, the languages' toolchains and this Python's
    installation."""
    binds = [path for path in SYSTEM_DIRS if os.path.lexists(path)]
    for entry in ETC_ENTRIES:
        binds.extend(sorted(glob.glob(os.path.join("/etc", entry))))
    # Compilers and runtimes installed elsewhere (/opt, a home): only their own directories.
    binds.extend(path for path in toolchain_dirs() if not any(_within(path, b) for b in binds))
    prefix = os.path.realpath(sys.base_prefix)
    if not any(_within(prefix, path) for path in binds):
        binds.append(prefix)
    if sys.prefix != sys.base_prefix:
        # Judges run `sys.executable`: in a virtual environment that is its bin/ and pyvenv.cfg
        # (its site-packages stays out, except what the sandbox pre-imports).
        binds.append(os.path.dirname(sys.executable))
        binds.append(os.path.join(sys.prefix, "pyvenv.cfg"))
    return list(dict.fromkeys(binds))


def hidden_dirs(binds: list[str]) -> list[str]:
    """Package directories inside the binds: shown empty (packages can ship benchmark data)."""
    candidates = {*site.getsitepackages(), site.getusersitepackages()}
    for scheme_path in ("purelib", "platlib"):
        candidates.add(sysconfig.get_paths(vars={"base": sys.base_prefix})[scheme_path])
    for pattern in _SITE_PATTERNS:
        candidates.update(glob.glob(pattern))
    real = {os.path.realpath(path) for path in candidates if os.path.isdir(path)}
    resolved_binds = [os.path.realpath(path) for path in binds]
    return sorted(path for path in real if any(_within(path, bind) for bind in resolved_binds))


def _within(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")
