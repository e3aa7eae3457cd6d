"""The probe test augmentation loads into a sandboxed Python session. Standard library only.

testgen/augment.py loads this file's source into a session (and reads its constants), then calls
`__execbench_setup__(reference, mutants, entry_point, precondition)` once and
`__execbench_probe__(args, kwargs, live)` per candidate input. A probe runs the precondition
(when given; False or an exception rejects the input), then the reference under a line tracer
(within `REFERENCE_CPU_S`), then each mutant numbered in `live`, each on its own deep copy of the
input and within `MUTANT_CPU_S` of CPU. It returns [the reference's result, how many new
coverage features it brought (a feature: a branch arc of the reference with how often it was
taken, in AFL's buckets 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+), the live mutants whose outcome
differs]; it raises whatever the reference raised (such an input has no expected result). A
mutant that raises, overruns or returns something else is killed by the input.
"""

import copy
import math
import signal
import sys

MUTANT_CPU_S = 0.2
REFERENCE_CPU_S = 1.0
REFERENCE_FILE = "<reference>"
_programs: list = []  # [reference namespace, mutant namespaces...]
_state = {"entry": None, "precondition": None}
_seen_features: set = set()
_BUCKETS = (1, 2, 3, 4, 8, 16, 32, 128)


class _Rejected(Exception):
    pass


class _Overrun(BaseException):
    pass


def __execbench_setup__(reference, mutants, entry_point, precondition):
    _state["entry"] = entry_point
    for number, source in enumerate([reference, *mutants]):
        namespace = {"__name__": f"program_{number}"}
        filename = REFERENCE_FILE if number == 0 else f"<mutant {number}>"
        try:
            exec(compile(source, filename, "exec"), namespace)
        except Exception:
            namespace = {}  # a mutant that does not load is told apart by any input
        _programs.append(namespace)
    if precondition:
        namespace = {}
        exec(compile(precondition, "<precondition>", "exec"), namespace)
        _state["precondition"] = namespace["__execbench_precondition__"]
    return len(_programs) - 1


def _tracer(arcs):
    """Counts (previous line, line) of the reference's frames; entry and exit as coverage.py
    writes them (minus the first line)."""

    def trace(frame, event, arg):
        if frame.f_code.co_filename != REFERENCE_FILE:
            return None
        last = [-frame.f_code.co_firstlineno]

        def step(frame, event, arg):
            if event == "line":
                arc = (last[0], frame.f_lineno)
                arcs[arc] = arcs.get(arc, 0) + 1
                last[0] = frame.f_lineno
            elif event == "return":
                arc = (last[0], -frame.f_code.co_firstlineno)
                arcs[arc] = arcs.get(arc, 0) + 1
            return step

        return step

    return trace


def _same(expected, actual):
    if type(expected) is not type(actual):
        return False
    if type(expected) is float:
        return expected == actual or math.isclose(expected, actual, rel_tol=1e-7, abs_tol=1e-6)
    if type(expected) in (list, tuple):
        return len(expected) == len(actual) and all(map(_same, expected, actual))
    try:
        return bool(expected == actual)
    except Exception:
        return False


def _expire(signum, frame):
    raise _Overrun()


def __execbench_probe__(args, kwargs, live):
    precondition = _state["precondition"]
    if precondition is not None:
        try:
            accepted = precondition(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        except Exception as exc:
            raise _Rejected("precondition") from exc
        if not accepted:
            raise _Rejected("precondition")
    entry = _state["entry"]
    arcs = {}
    previous = signal.signal(signal.SIGPROF, _expire)
    signal.setitimer(signal.ITIMER_PROF, REFERENCE_CPU_S)
    sys.settrace(_tracer(arcs))
    try:
        expected = _programs[0][entry](*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except _Overrun:
        raise _Rejected("the reference overran") from None
    finally:
        sys.settrace(None)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    features = {(arc, _bucket(count)) for arc, count in arcs.items()}
    new_features = len(features - _seen_features)
    _seen_features.update(features)
    killed = [number for number in live if not _agrees(number, args, kwargs, expected)]
    return [expected, new_features, killed]


def _bucket(count):
    return max(bound for bound in _BUCKETS if bound <= count)


def _agrees(number, args, kwargs, expected):
    function = _programs[number].get(_state["entry"])
    if function is None:
        return False
    previous = signal.signal(signal.SIGPROF, _expire)
    signal.setitimer(signal.ITIMER_PROF, MUTANT_CPU_S)
    try:
        return _same(expected, function(*copy.deepcopy(args), **copy.deepcopy(kwargs)))
    except (Exception, _Overrun):
        return False
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
