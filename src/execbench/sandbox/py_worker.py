"""The untrusted side of a Python sandbox session. Standalone: runs with the standard library only.

Started as `python -s -P py_worker.py REQUEST_FD REPLY_FD LIMITS_JSON` with stdout and stderr sent
to /dev/null, it applies its own resource limits, then answers framed requests on REQUEST_FD:

    ["load", source]            execute the candidate program in a fresh namespace
    ["call", name, args, kwargs]  call one of its functions
    ["calls", name, [args...], kwargs]  call it once per argument list, in order

Every reply is ["ok", value], ["raised", type_name, message] or ["bad_value", type_name]. A
"calls" request gets one reply per call, written as soon as that call returns (so the trusted side
can time each call on its own clock), and ends after the first reply that is not "ok". Values
cross as plain data only (see `encode_plain`): exact builtin types, never subclasses or objects
with their own `__eq__`, so nothing the candidate returns can change how the trusted side compares.
Replies go over a private descriptor, so printing cannot forge them; the trusted side decides.

The trusted side imports `read_frame`, `write_frame` and `encode_plain` from this file too.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import sys
from array import array
from binascii import a2b_base64, b2a_base64
from itertools import compress, count, repeat
from operator import is_not

_HEADER = struct.Struct(">I")
MAX_MESSAGE = 64 * 1024 * 1024


def read_exact(fd: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int) -> bytes | None:
    """One message, or None at end of stream."""
    header = read_exact(fd, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    if size > MAX_MESSAGE:
        raise ValueError(f"message of {size} bytes exceeds the {MAX_MESSAGE}-byte limit")
    return read_exact(fd, size)


def write_frame(fd: int, payload: bytes) -> None:
    data = _HEADER.pack(len(payload)) + payload
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class NotPlainData(Exception):
    def __init__(self, type_name: str) -> None:
        super().__init__(type_name)
        self.type_name = type_name


_BIG_INT = 1 << 256


def encode_plain(value, _type=type, _list=list, _len=len):
    """A JSON-ready form of `value`, built from exact builtin types only.

    Scalars stay as they are; containers become a list whose head tags the type, so tuples, sets,
    frozensets, dicts with any plain keys, bytes and complex numbers survive the trip. Long lists
    and tuples of floats travel packed (see `_packed`).
    """
    kind = _type(value)
    if kind is int and not -_BIG_INT < value < _BIG_INT:
        # Decimal conversion of huge ints is quadratic (a million digits: minutes); hex is linear.
        return ["I", format(value, "x")]
    if value is None or kind is bool or kind is int or kind is float or kind is str:
        return value
    if kind is list:
        return _sequence("L", value)
    if kind is tuple:
        return _sequence("T", value)
    if kind is dict:
        return ["D", *[[encode_plain(k), encode_plain(v)] for k, v in value.items()]]
    if kind is set or kind is frozenset:
        items = [encode_plain(item) for item in value]
        return ["S" if kind is set else "F", *items]
    if kind is bytes:
        return ["B", value.hex()]
    if kind is complex:
        return ["C", value.real, value.imag]
    for base, as_base in _AS_BASE:
        if issubclass(kind, base):
            return encode_plain(as_base(value))
    raise NotPlainData(f"{kind.__module__}.{kind.__qualname__}")


_FLAT = frozenset({str, float, bool, type(None)})
_NUMBERS = frozenset({int, float, bool})
# Long runs of floats cross as their IEEE 754 bytes: writing and parsing each one's decimal form
# took longer than computing them (HumanEval/130 returns lists of a hundred thousand).
_PACK_FROM = 32


def _sequence(tag: str, items) -> list:
    # Big results are long flat lists: the checks run at C speed, so that only lists holding
    # containers (or huge ints) are encoded item by item in Python.
    kinds = set(map(type, items))
    if float in kinds and kinds <= _NUMBERS and len(items) >= _PACK_FROM:
        packed = _packed(tag, items)
        if packed is not None:
            return packed
    # A NaN makes min or max NaN, which fails the bounds: such lists take the slow path.
    if kinds <= _FLAT or (kinds <= _NUMBERS and min(items) > -_BIG_INT and max(items) < _BIG_INT):
        return [tag, *items]
    return [tag, *[encode_plain(item) for item in items]]


def _packed(tag: str, items) -> list | None:
    """["P", tag, the items as doubles in base64, [[position, item] for each non-float]], or None
    where that would not pay (mostly ints) or cannot hold them (ints past a double's range)."""
    others = list(compress(count(), map(is_not, map(type, items), repeat(float))))
    if 2 * len(others) > len(items):
        return None
    try:
        doubles = array("d", items)
    except OverflowError:
        return None
    text = b2a_base64(doubles, newline=False).decode()
    return ["P", tag, text, [[position, encode_plain(items[position])] for position in others]]


# Subclasses of builtin types (Counter, OrderedDict, namedtuples, IntEnum, numpy.float64...) cross
# as their builtin base, read through the base type's own methods: what the trusted side compares
# is the data, never a subclass's own __eq__ or __iter__.
_AS_BASE = (
    (dict, lambda value: dict(dict.items(value))),
    (list, lambda value: list(list.__iter__(value))),
    (tuple, lambda value: tuple(tuple.__iter__(value))),
    (set, lambda value: set(set.__iter__(value))),
    (frozenset, lambda value: frozenset(frozenset.__iter__(value))),
    (str, str.__str__),
    (int, int.__int__),
    (float, float.__float__),
    (bytes, bytes.__bytes__),
    (complex, complex.__complex__),
)


def apply_limits(limits: dict) -> None:
    import resource

    cpu = max(1, int(limits["cpu_s"] + 0.999))
    memory = limits["memory_mb"] * 1024 * 1024
    fsize = limits["file_size_mb"] * 1024 * 1024
    for which, soft, hard in (
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, memory, memory),
        (resource.RLIMIT_FSIZE, fsize, fsize),
        (resource.RLIMIT_NOFILE, limits["open_files"], limits["open_files"]),
        (resource.RLIMIT_NPROC, limits["max_processes"], limits["max_processes"]),
        (resource.RLIMIT_CORE, 0, 0),
    ):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (soft, hard))


def _exit_with_parent() -> None:
    # Linux: die with the trusted process rather than outlive it as an orphan.
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(request_fd: int, reply_fd: int) -> None:
    dumps = json.dumps
    loads = json.loads
    namespace: dict = {"__name__": "__candidate__", "__builtins__": __builtins__}
    _write = write_frame
    _encode = encode_plain
    _str = str
    _type = type
    _base = BaseException

    def reply(message) -> None:
        _write(reply_fd, dumps(message).encode())

    def raised(exc) -> list:
        try:
            message = _str(exc)[:2000]
        except _base:
            message = "<unprintable exception>"
        return ["raised", _type(exc).__name__, message]

    def call(name, args, kwargs) -> list:
        target = namespace.get(name)
        if target is None:
            return ["raised", "NameError", f"name {name!r} is not defined"]
        try:
            return ["ok", _encode(target(*decode_plain(args), **decode_plain(kwargs)))]
        except NotPlainData as exc:
            return ["bad_value", exc.type_name]
        except _base as exc:
            return raised(exc)

    while True:
        frame = read_frame(request_fd)
        if frame is None:
            return
        request = loads(frame)
        verb = request[0]
        if verb == "calls":
            name, kwargs = request[1], request[3]
            for args in request[2]:
                outcome = call(name, args, kwargs)
                reply(outcome)
                if outcome[0] != "ok":
                    break
            continue
        if verb == "load":
            try:
                exec(compile(request[1], "<candidate>", "exec"), namespace)
                outcome = ["ok", None]
            except _base as exc:
                outcome = raised(exc)
        elif verb == "call":
            outcome = call(request[1], request[2], request[3])
        else:
            outcome = ["raised", "ProtocolError", f"unknown request {verb!r}"]
        reply(outcome)


_PACKABLE = {"L": list, "T": tuple}
_SEQUENCES = {**_PACKABLE, "S": set, "F": frozenset}


def decode_plain(value):
    """The inverse of `encode_plain` on JSON-decoded data: builds fresh builtin objects only,
    whatever the input."""
    if type(value) is list:
        tag, items = value[0], value[1:]
        build = _SEQUENCES.get(tag)
        if build is not None:
            # In JSON-decoded data only lists need decoding: spare flat ones the Python loop.
            if list in map(type, items):
                items = [decode_plain(item) for item in items]
            return build(items)
        if tag == "D":
            return {decode_plain(k): decode_plain(v) for k, v in items}
        if tag == "P":
            build, numbers = _PACKABLE[items[0]], array("d", a2b_base64(items[1])).tolist()
            for position, number in items[2]:
                numbers[position] = decode_plain(number)
            return build(numbers)
        if tag == "B":
            return bytes.fromhex(items[0])
        if tag == "C":
            return complex(items[0], items[1])
        if tag == "I":
            return int(items[0], 16)
        raise ValueError(f"unknown tag {tag!r}")
    return value


def run_candidate(request_fd: int, reply_fd: int) -> None:
    """Serve requests in this (already limited, isolated) process until the trusted side stops."""
    sys.set_int_max_str_digits(0)
    sys.argv = ["solution.py"]
    serve(request_fd, reply_fd)


# What a sample does, run once in the fork server: a process's first compile, JSON round trip
# and so on set up state (about 1.5 ms for the first compile alone) that every forked sample
# would otherwise build again from scratch.
_WARM_UP_PROGRAM = """
import math
from collections import Counter


class Shape:
    def __init__(self, sides: int) -> None:
        self.sides = sides


def candidate(numbers: list[float], text: str = "") -> tuple:
    seen = {n: i for i, n in enumerate(numbers) if n > 0}
    try:
        total = sum(x * x for x in numbers) / max(len(numbers), 1)
    except (ZeroDivisionError, ValueError) as exc:
        raise RuntimeError(f"bad {exc!r}") from exc
    words = sorted(set(text.split()), key=lambda word: (-len(word), word))
    return (math.sqrt(total), words, seen, Counter(text), Shape(3).sides, [numbers] * 2)
"""


def warm_up() -> None:
    """Serve one representative session in this process, through real pipes (its replies fit in
    a pipe's buffer, so no reader needs to run alongside)."""
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    arguments = encode_plain([[0.5 * i for i in range(40)], "warm the pipes"])
    for request in (
        ["load", _WARM_UP_PROGRAM],
        ["call", "candidate", arguments, {"text": "a b c"}],
        ["calls", "candidate", [arguments] * 3, {}],
        ["call", "missing", [], {}],
    ):
        write_frame(request_write, json.dumps(request).encode())
    os.close(request_write)
    serve(request_read, reply_write)
    os.close(reply_write)
    while (frame := read_frame(reply_read)) is not None:
        decode_plain(json.loads(frame)[1])
    os.close(request_read)
    os.close(reply_read)


def seed_random() -> None:
    """Fix the draws of the generators a program may use without seeding them, so that the same
    sample gets the same verdict every run. A fork server does this once: its samples inherit
    the state (it forks with a raw clone, so Python's after-fork reseeding never runs)."""
    import random

    random.seed(0)
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed(0)
    else:
        sys.meta_path.insert(0, _SeedNumpyOnImport())


class _SeedNumpyOnImport:
    """Seeds numpy's global generator when a program imports numpy itself (importing it in
    advance would make every sample's process larger and slower to fork and to end)."""

    def find_spec(self, name, path=None, target=None):
        if name != "numpy.random":
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = None if finder is self or find is None else find(name, path, target)
            if spec is not None and spec.loader is not None:
                run_module = spec.loader.exec_module

                def exec_module(module, run_module=run_module):
                    run_module(module)
                    module.seed(0)

                spec.loader.exec_module = exec_module  # this spec's own loader instance
                return spec
        return None


def main() -> None:
    request_fd, reply_fd = int(sys.argv[1]), int(sys.argv[2])
    _exit_with_parent()
    apply_limits(json.loads(sys.argv[3]))
    seed_random()
    run_candidate(request_fd, reply_fd)


if __name__ == "__main__":
    main()
