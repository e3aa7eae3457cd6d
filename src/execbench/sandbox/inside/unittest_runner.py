"""The trusted runner for unittest suites, started inside the sandbox. Standard library only.

Not imported there: judge/unittest_tests.py ships this file into the sample's directory with
`tests_module.py` (the candidate and the tests in one module, as the benchmark's own harness builds
it) and `CONFIG_FILE` ({"classes", "class_timeout_s", "module_name", "fresh_cwd"}), and runs it as
the Python spec runs programs. The run's nonce is the first line of stdin. With `fresh_cwd`, the
module loads in a new empty directory under $TMPDIR, its `__file__` the bare "<module_name>.py"
(BigCodeBench's harness runs each program so). Two processes, so that the one that holds the
nonce and writes the report never runs a line of the candidate's code:

- the runner (this process) first makes itself undumpable (no other process of the sandbox's user
  may read its memory or descriptors, or trace it), then forks the test process, and only then
  reads the nonce: the test process never has it, in memory or on a descriptor;
- the test process puts /dev/null on its stdin and its stderr on its stdout (the report stream is
  not among its descriptors), loads the module, runs each TestCase class and writes its results
  to a private pipe as one JSON document;
- the runner waits for it, and writes one line to its stdout: `EXECBENCH-REPORT <nonce> <json>`,
  the results and how the test process ended.

So a candidate cannot find the nonce (frames, the heap, stdin, /proc), nor write the report. It
still runs in the tests' interpreter: code written to tamper with them there (patching `unittest`,
writing results of its own on the private pipe) can still fake a pass. Only a separate process
for the tests would stop that, and ClassEval's tests work on the candidate's objects directly.
"""

import json
import os
import random
import signal
import sys
import tempfile
import types
import unittest

MODULE_FILE = "tests_module.py"
MODULE_NAME = "tests_module"
CONFIG_FILE = "runner_config.json"
REPORT_TAG = "EXECBENCH-REPORT"
_MAX_RESULTS = 1 << 20
_PR_SET_DUMPABLE = 4


class ClassTimeout(Exception):
    pass


def exception_line(trace):
    """The exception a traceback ends with: the line after its last frame (what follows it is
    the message's continuation: a diff, nltk's framed hint), and the next line with words in it
    when that one says only the type ("LookupError:")."""
    lines = trace.strip().splitlines()
    frames = [index for index, line in enumerate(lines) if line.startswith('  File "')]
    index = frames[-1] + 1 if frames else 0
    while index < len(lines) - 1 and lines[index].startswith(" "):
        index += 1  # the frame's source line and its ^^^ markers
    found = lines[index].strip() if lines else ""
    if found.endswith(":"):
        rest = [line.strip() for line in lines[index + 1 :] if any(c.isalnum() for c in line)]
        found = " ".join([found, *rest[:1]])
    return found


def _run_class(case_class, timeout_s):
    result = unittest.TestResult()
    suite = unittest.TestLoader().loadTestsFromTestCase(case_class)

    def expire(signum, frame):
        result.stop()
        raise ClassTimeout(f"test class used more than {timeout_s} CPU seconds")

    # CPU time, not wall time: a loaded machine must not turn a right answer into a timeout.
    if timeout_s > 0:
        signal.signal(signal.SIGPROF, expire)
        signal.setitimer(signal.ITIMER_PROF, timeout_s)
    try:
        suite.run(result)
    finally:
        if timeout_s > 0:
            signal.setitimer(signal.ITIMER_PROF, 0)
    problems = result.failures + result.errors
    message = exception_line(problems[0][1])[:300] if problems else ""
    return {
        "run": result.testsRun,
        "failures": len(result.failures),
        "errors": len(result.errors),
        "message": message,
    }


def run_tests(config):
    """The test process's results: the module's load error, or each class's counts."""
    results = {"classes": {}}
    name = config.get("module_name", MODULE_NAME)
    module = types.ModuleType(name)
    module.__file__ = os.path.abspath(MODULE_FILE)
    sys.modules[name] = module
    random.seed(0)  # tests that draw random data see the same draws in every run
    try:
        with open(MODULE_FILE, encoding="utf-8") as handle:
            source = handle.read()
        filename = MODULE_FILE
        if config.get("fresh_cwd"):
            os.chdir(tempfile.mkdtemp())
            filename = module.__file__ = name + ".py"
        exec(compile(source, filename, "exec"), module.__dict__)
    except BaseException as exc:
        results["load_error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        return results
    for class_name in config["classes"]:
        case_class = module.__dict__.get(class_name)
        if not (isinstance(case_class, type) and issubclass(case_class, unittest.TestCase)):
            missing = f"no TestCase class {class_name}"
            counts = {"run": 0, "failures": 0, "errors": 1, "message": missing}
        else:
            counts = _run_class(case_class, config["class_timeout_s"])
        results["classes"][class_name] = counts
    return results


def _test_process(results_fd, config):
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)  # before anything else: the nonce is still to come on the runner's stdin
    os.dup2(2, 1)
    os.close(null)
    _set_dumpable(1)  # its own /proc entries are its own again (the runner's stay closed)
    try:
        results = run_tests(config)
        sys.stdout.flush()
        payload = json.dumps(results).encode()
        while payload:
            payload = payload[os.write(results_fd, payload) :]
    finally:
        os._exit(0)


def _set_dumpable(value):
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, value, 0, 0, 0)


def _read_results(fd):
    chunks, size = [], 0
    while size <= _MAX_RESULTS and (chunk := os.read(fd, 1 << 16)):
        chunks.append(chunk)
        size += len(chunk)
    os.close(fd)
    return b"".join(chunks)


def _ending(status):
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status)}
    return {"exit_code": os.waitstatus_to_exitcode(status)}


def main():
    with open(CONFIG_FILE, encoding="utf-8") as handle:
        config = json.load(handle)
    _set_dumpable(0)
    results_read, results_write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(results_read)
        _test_process(results_write, config)
    os.close(results_write)
    nonce = sys.stdin.readline().strip()
    data = _read_results(results_read)
    _, status = os.waitpid(child, 0)
    report = {"ended": _ending(status)}
    try:
        results = json.loads(data)
        if not isinstance(results, dict):
            raise ValueError("not a JSON object")
        report["results"] = results
    except ValueError as exc:
        report["malformed"] = f"the test process's results are not readable: {str(exc)[:200]}"
    os.write(1, f"{REPORT_TAG} {nonce} {json.dumps(report)}\n".encode())
    os._exit(0)


if __name__ == "__main__":
    main()
