"""The trusted runner for model-written tests, started inside the sandbox. Standard library only,
plus coverage.py when the job asks for coverage (the sandbox binds that package read-only).

Not imported there: judge/test_run.py ships this file into the sample's directory beside the
programs under test and the test snippets, and runs it as `python -I test_runner.py`. The first
line of stdin is the job (JSON, below); the runner reads it before any test code runs, puts
/dev/null on stdin and stderr on stdout, and writes one line to the saved stdout at the end:
`EXECBENCH-TESTS <nonce> <json>`.

Job: {"nonce", "programs": [file...], "module": name the tests import the program as,
"snippets": [file...], "calls": [[snippet index, [function names to call]]...] (one child
each), "timeout_s", "coverage": null or {"excludes": [regex...]}, "log": path the program logs
its execution path to, or "", "shared": whether the tests' namespace starts as a copy of the
program's}. For each program, each call runs in a child forked for it
alone (so no test sees another's state): the program is loaded as `module`, the snippet runs in
a fresh namespace, then the named functions are called in order. The report holds, per program,
one result per call: {"outcome": "ok" | "assert" | "error" | "timeout" | "load", "error": type
name, "lines": executed lines, "arcs": executed branches, "log": logged lines} and, with
coverage, the program's "statements" and "branches" as coverage.py counts them.

Residual risk, as for the unittest runner: the tests run in this interpreter's child, so code
written to attack the runner (reading the nonce from memory) could forge a report line.
"""

import importlib.util
import json
import os
import resource
import select
import signal
import sys
import time

REPORT_TAG = "EXECBENCH-TESTS"
_MAX_RESULT_BYTES = 1 << 22


class _Overrun(BaseException):
    """Raised in a child that used up its CPU time; a BaseException so tests cannot catch it."""


def _load_program(path, module_name):
    spec = importlib.util.spec_from_file_location(module_name, os.path.abspath(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _run_call(job, program, snippet, names):
    """In the child: the outcome of loading `program` and running `snippet`'s `names`."""
    result = {"outcome": "ok", "error": None}
    cov = None
    if job["coverage"] is not None:
        coverage = sys.modules["coverage"]  # imported by the parent, before any test code ran
        cov = coverage.Coverage(
            data_file=None, branch=True, include=[os.path.abspath(program)], config_file=False
        )
        # As a config file's `exclude_also` does (set_option ignores that one once constructed).
        excludes = cov.get_option("report:exclude_lines") + job["coverage"]["excludes"]
        cov.set_option("report:exclude_lines", excludes)
        cov.start()
    try:
        try:
            module = _load_program(program, job["module"])
        except BaseException as exc:
            if isinstance(exc, _Overrun):
                raise
            return {"outcome": "load", "error": type(exc).__name__}
        with open(snippet, encoding="utf-8") as handle:
            code = compile(handle.read(), os.path.basename(snippet), "exec")
        # Shared: the tests see the program's names, as when they follow it in one module.
        namespace = dict(vars(module)) if job["shared"] else {}
        namespace["__name__"] = "__tests__"
        exec(code, namespace)
        for name in names:
            namespace[name]()
    except _Overrun:
        result = {"outcome": "timeout", "error": None}
    except AssertionError:
        result = {"outcome": "assert", "error": "AssertionError"}
    except BaseException as exc:
        result = {"outcome": "error", "error": type(exc).__name__}
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        if cov is not None:
            cov.stop()
    if cov is not None:
        result.update(_measured(cov, program))
    if job["log"]:
        try:
            with open(job["log"], encoding="utf-8") as handle:
                result["log"] = handle.readlines()
        except OSError:
            result["log"] = []
    return result


def _measured(cov, program):
    report_path = os.path.abspath("coverage-report.json")
    cov.json_report(outfile=report_path)
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    os.unlink(report_path)
    files = list(report["files"].values())
    if not files:
        return {"lines": [], "arcs": [], "statements": 0, "branches": 0}
    found = files[0]
    return {
        "lines": found["executed_lines"],
        "arcs": found.get("executed_branches", []),
        "statements": found["summary"]["num_statements"],
        "branches": found["summary"].get("num_branches", 0),
    }


def _child(job, program, snippet, names, write_fd):
    def expire(signum, frame):
        raise _Overrun()

    signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, job["timeout_s"])
    if job["log"]:
        os.makedirs(os.path.dirname(job["log"]) or ".", exist_ok=True)
        with open(job["log"], "w", encoding="utf-8"):
            pass
    try:
        result = _run_call(job, program, snippet, names)
    except BaseException as exc:  # the measuring itself failed: say so, never hide it
        result = {"outcome": "error", "error": f"runner:{type(exc).__name__}"}
    data = json.dumps(result).encode()[:_MAX_RESULT_BYTES]
    os.write(write_fd, data)
    os._exit(0)


def _collect(read_fd, pid, wall_s):
    """The child's JSON result, or a timeout once it overruns its wall time."""
    chunks = []
    deadline = time.monotonic() + wall_s
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"outcome": "timeout", "error": None}
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    try:
        return json.loads(b"".join(chunks))
    except ValueError:
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        why = f"signal {signal_number}" if signal_number else "no result"
        return {"outcome": "error", "error": f"died ({why})"}


def _run(job, program, snippet, names, report_fd):
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        # The tests never hold the report stream: knowing the nonce would not let them write to it.
        os.close(report_fd)
        os.close(read_fd)
        _child(job, program, snippet, names, write_fd)
    os.close(write_fd)
    try:
        return _collect(read_fd, pid, 2 * job["timeout_s"] + 2)
    finally:
        os.close(read_fd)


def main():
    # Whatever else the sandbox left open (a copy of stdout among them) closed before any test runs.
    os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    job = json.loads(sys.stdin.readline())
    tag = f"{REPORT_TAG} {job['nonce']} "
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    report_fd = os.dup(1)
    os.dup2(2, 1)
    sys.path.insert(0, os.getcwd())
    if job["coverage"] is not None:
        import coverage  # noqa: F401 - once here, not in every child
    report = {"programs": []}
    for program in job["programs"]:
        results = [
            _run(job, program, job["snippets"][index], names, report_fd)
            for index, names in job["calls"]
        ]
        report["programs"].append(results)
    sys.stdout.flush()
    os.write(report_fd, (tag + json.dumps(report) + "\n").encode())
    os._exit(0)


if __name__ == "__main__":
    main()
