"""What BigCodeBench's harness does to the process before a program loads, as trusted prelude.

This file's text opens every BigCodeBench test module (see bigcodebench.py), before the program:
bigcodebench.eval runs each program in a module whose globals already hold `sys`, `os` and
`environ`, after `reliability_guard` (UTC, one OpenMP thread, quiet TensorFlow, 30 GiB of
address space and data, a 10 MiB stack, no faulthandler, `exit`/`quit` gone, matplotlib's
figures closed) and inside `safe_environment` (kill, exec and some shell commands intercepted)
and `swallow_io` (output kept in memory, input refused, subprocess output piped). Reimplemented,
not copied; the harness's own timer is the runner's class timeout. Importing this module (the
task registry imports every module here) only defines the guard.
"""

import os
import sys

environ = os.environ


def _execbench_guard():
    import builtins
    import faulthandler
    import io
    import resource
    import signal
    import subprocess
    import time

    os.environ["TZ"] = "UTC"
    time.tzset()
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
    for which, mib in (
        (resource.RLIMIT_AS, 30 * 1024),
        (resource.RLIMIT_DATA, 30 * 1024),
        (resource.RLIMIT_STACK, 10),
    ):
        # Never above the sandbox's own limit (a hard limit cannot be raised).
        _, hard = resource.getrlimit(which)
        wanted = mib * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(which, (wanted, wanted))
    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    try:  # (always there in BigCodeBench's environment; the test suite runs without it)
        import matplotlib.pyplot
    except ImportError:
        pass
    else:
        matplotlib.pyplot.close("all")

    own_pid, own_group = os.getpid(), os.getpgid(0)
    children = []
    kill, killpg = os.kill, os.killpg
    system, popen_shell = os.system, os.popen
    call, check_output, run = subprocess.call, subprocess.check_output, subprocess.run

    def safe_kill(pid, sig):
        try:
            os.getpgid(pid)
            if pid == own_pid or pid in children:
                kill(pid, sig)
            else:
                print(f"Prevented attempt to kill PID {pid} with signal {sig}")
        except ProcessLookupError:
            pass

    def safe_killpg(pgid, sig):
        if pgid == own_group or pgid in {os.getpgid(pid) for pid in children}:
            killpg(pgid, sig)
        else:
            print(f"Prevented attempt to kill PGID {pgid} with signal {sig}")

    def safe_system(command):
        print(f"Intercepted system command: {command}")
        return 0 if "kill" in command else system(command)

    def safe_call(command, *args, **kwargs):
        print(f"Intercepted subprocess call: {command}")
        return 0 if "kill" in command else call(command, *args, **kwargs)

    def safe_check_output(command, *args, **kwargs):
        print(f"Intercepted command: {command}")
        return b"" if "ps" in command else check_output(command, *args, **kwargs)

    def safe_run(*args, **kwargs):
        print(f"Intercepted subprocess run command: {args}")
        if "kill" in args[0]:
            return subprocess.CompletedProcess(args, 0, b"", b"")
        return run(*args, **kwargs)

    class SafePopen(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            print(f"Intercepted Popen command: {args}")
            kwargs["preexec_fn"] = os.setsid
            super().__init__(*args, **kwargs)
            children.append(self.pid)

        def communicate(self, *args, **kwargs):
            try:
                return super().communicate(*args, **kwargs)
            except subprocess.TimeoutExpired:
                return None, None

        def kill(self):
            safe_kill(self.pid, signal.SIGTERM)

        def terminate(self):
            safe_kill(self.pid, signal.SIGTERM)

    def safe_popen_shell(command):
        print(f"Intercepted os.popen command: {command}")
        return popen_shell("echo Intercepted" if "kill" in command else command)

    def safe_exec(*args, **kwargs):
        print(f"Intercepted exec command: {args}")

    os.kill, os.killpg, os.system, os.popen = safe_kill, safe_killpg, safe_system, safe_popen_shell
    os.execv = os.execvp = os.execvpe = safe_exec
    subprocess.call, subprocess.check_output, subprocess.run = (
        safe_call,
        safe_check_output,
        safe_run,
    )
    subprocess.Popen = SafePopen

    # swallow_io: output kept, input refused, and subprocesses' output piped unless captured.
    class WriteOnlyStringIO(io.StringIO):
        def read(self, *args, **kwargs):
            raise OSError

        def readline(self, *args, **kwargs):
            raise OSError

        def readlines(self, *args, **kwargs):
            raise OSError

        def readable(self, *args, **kwargs):
            return False

    sys.stdout = sys.stderr = sys.stdin = WriteOnlyStringIO()

    def piped(original):
        def start(*args, **kwargs):
            if kwargs.get("capture_output"):
                kwargs.pop("stdout", None)
                kwargs.pop("stderr", None)
            else:
                kwargs.setdefault("stdout", subprocess.PIPE)
                kwargs.setdefault("stderr", subprocess.PIPE)
            return original(*args, **kwargs)

        return start

    subprocess.Popen = piped(subprocess.Popen)
    subprocess.run = piped(subprocess.run)
