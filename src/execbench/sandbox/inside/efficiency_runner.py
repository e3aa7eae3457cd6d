"""The trusted runner for efficiency tests (ENAMEL), started inside the sandbox. Standard library
only.

Not imported there: judge/efficiency_tests.py ships this file into the sample's directory with
`plain.py` (the codec), `program.py` and, to time or count, `inputs.json` (one list of
encoded argument tuples per level), and runs it as a script. The first line of stdin is JSON:
{"nonce", "mode", ...}. The runner reads it before any program code runs, puts /dev/null on
stdin and stdout (so the program can neither read the nonce nor write to the report stream),
and writes one line per event to the saved stdout: `EXECBENCH-EFF <nonce> <json>`.

Modes:
- "generate": {"entry_point", "plan": [[size, level, case, seed], ...]}; for each entry, runs
  `program.py` (prelude, helpers, the input generator) afresh with `random` seeded as ENAMEL
  seeds it and reports ["input", encoded arguments].
- "time": {"entry_point", "repeats": [per level], "limit_s"}; for each level, input and repeat,
  runs the program afresh (ENAMEL executes it anew for every call), then times one call of the
  entry point in CPU seconds (ENAMEL: wall seconds), cyclic garbage collection off (as ENAMEL).
  Reports ["ok", level, case, repeat, cpu_s, output] (output: None on a repeat whose encoded
  output is the first one's) or, ending the mode, ["timeout" | "memory" | "overflow", level, case],
  ["raised", level, case, type, message] or ["bad_value", level, case, type].
- "count": {"entry_point", "cap", "limit_s"}; for each input once, the Python lines the call
  executes (a trace function counts them, so the count is the same on every machine for one
  Python): ["lines", level, case, n]; past `cap` lines ["over", level, case], which ends the mode.

`limit_s` bounds each call's CPU time with a profiling timer (None: no bound); a call stuck in C
code past it is stopped by the sandbox's own CPU limit, and the report so far says where.

Residual risk, as for the unittest runner: the program runs in this interpreter, so code written to
attack the harness (walking the heap for the nonce, patching this module) could forge times. The
nonce and the private descriptor stop the accidental and the printed forgeries.
"""

import gc
import importlib.util
import json
import os
import signal
import sys
import time

REPORT_TAG = "EXECBENCH-EFF"
PROGRAM_FILE = "program.py"
INPUTS_FILE = "inputs.json"
CODEC_FILE = "plain.py"
# The process clock's ticks (4 ms at 250 Hz) stay within this of the thread clock's time.
THREADS_MARGIN_S = 0.01


class CallTimeout(BaseException):
    """The call used its CPU time."""


class TooManyLines(BaseException):
    """The call executed more lines than the cap."""


def _load_codec():
    spec = importlib.util.spec_from_file_location("execbench_plain", CODEC_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expire(signum, frame):
    raise CallTimeout


def _arm(limit_s):
    if limit_s:
        signal.setitimer(signal.ITIMER_PROF, limit_s)


def _disarm():
    signal.setitimer(signal.ITIMER_PROF, 0)


def _fresh_function(source, entry_point):
    # Compiled anew for every call, as ENAMEL executes the program's text for every call: no
    # call starts with code the interpreter has already specialised.
    code = compile(source, "<candidate>", "exec")
    # ENAMEL's scope for a timed run: `print` and `input` are None there, so a program that
    # prints fails as it does under ENAMEL; no `__name__`, so a `__main__` block does not run.
    namespace = {"time": time, "input": None, "print": None}
    exec(code, namespace)
    return namespace[entry_point]


def _ending(exc, level, case):
    if isinstance(exc, CallTimeout):
        return ["timeout", level, case]
    if isinstance(exc, MemoryError):
        return ["memory", level, case]
    if isinstance(exc, OverflowError):
        return ["overflow", level, case]
    try:
        message = str(exc)[:500]
    except BaseException:
        message = "<unprintable exception>"
    return ["raised", level, case, type(exc).__name__, message]


def generate(config, source, report, codec):
    for size, level, case, seed in config["plan"]:
        program = (
            f"{source}\nrandom.seed({seed})\n"
            f"__input = generate_input(size = {size}, lid = {level}, cid = {case})\n"
        )
        namespace = {"time": time}
        exec(compile(program, "<generator>", "exec"), namespace)
        report(["input", codec.encode_plain(namespace["__input"])])


def time_calls(config, source, levels, report, codec):
    # The thread's CPU clock is exact; the process's counts only in ticks while a CPU limit is
    # set (as in the sandbox), but sees threads the program starts: it wins when they did work.
    thread_clock, process_clock = time.thread_time, time.process_time
    entry_point, limit_s = config["entry_point"], config["limit_s"]
    for level, (inputs, repeats) in enumerate(zip(levels, config["repeats"], strict=True)):
        for case, encoded in enumerate(inputs):
            first = None
            for repeat in range(repeats):
                args = codec.decode_plain(encoded)
                gc.disable()
                _arm(limit_s)
                try:
                    function = _fresh_function(source, entry_point)
                    thread_started, process_started = thread_clock(), process_clock()
                    output = function(*args)
                    spent = thread_clock() - thread_started
                    spent = max(spent, process_clock() - process_started - THREADS_MARGIN_S)
                except BaseException as exc:
                    _disarm()
                    gc.enable()
                    report(_ending(exc, level, case))
                    return
                _disarm()
                gc.enable()
                try:
                    text = json.dumps(codec.encode_plain(output))
                except codec.NotPlainData as exc:
                    report(["bad_value", level, case, exc.type_name])
                    return
                same = first is not None and text == first
                first = first or text
                report(["ok", level, case, repeat, spent, None if same else json.loads(text)])


def count_lines(config, source, levels, report, codec):
    entry_point, cap, limit_s = config["entry_point"], config["cap"], config["limit_s"]
    for level, inputs in enumerate(levels):
        for case, encoded in enumerate(inputs):
            args = codec.decode_plain(encoded)
            lines = 0

            def local(frame, event, arg):
                nonlocal lines
                if event == "line":
                    lines += 1
                    if cap is not None and lines > cap:
                        raise TooManyLines
                return local

            def start(frame, event, arg):
                return local

            _arm(limit_s)
            try:
                function = _fresh_function(source, entry_point)
                sys.settrace(start)
                try:
                    function(*args)
                finally:
                    sys.settrace(None)
            except BaseException as exc:
                _disarm()
                if isinstance(exc, TooManyLines) or (cap is not None and lines > cap):
                    report(["over", level, case])
                else:
                    report(_ending(exc, level, case))
                return
            _disarm()
            if cap is not None and lines > cap:  # the program caught the stop and went on
                report(["over", level, case])
                return
            report(["lines", level, case, lines])


def main():
    config = json.loads(sys.stdin.readline())
    tag = f"{REPORT_TAG} {config['nonce']} "
    report_fd = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    codec = _load_codec()
    sys.set_int_max_str_digits(0)
    signal.signal(signal.SIGPROF, _expire)

    def report(event):
        os.write(report_fd, (tag + json.dumps(event) + "\n").encode())

    with open(PROGRAM_FILE, encoding="utf-8") as handle:
        source = handle.read()
    mode = config["mode"]
    if mode == "generate":
        generate(config, source, report, codec)
    else:
        try:
            compile(source, "<candidate>", "exec")
        except BaseException as exc:
            report(["raised", 0, 0, type(exc).__name__, str(exc)[:500]])
            report(["done"])
            os._exit(0)
        with open(INPUTS_FILE, encoding="utf-8") as handle:
            levels = json.load(handle)
        run = time_calls if mode == "time" else count_lines
        run(config, source, levels, report, codec)
    report(["done"])
    os._exit(0)


if __name__ == "__main__":
    main()
