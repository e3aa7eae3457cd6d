"""execbench's time per sample for compiled languages vs the bare compile + run, in one run.

    .venv/bin/python bench/bench_languages.py [--tasks 20] [--languages cpp,java,go,rust]

The programs are HumanEval-X's reference solutions with their tests, assembled exactly as
execbench runs them. The peer ("bare") writes the same files to a directory, runs the same
compiler command and then the program, in plain subprocesses with no sandbox, no limits, no
cache. execbench's figure includes everything it adds: the sandboxed compile, shipping the build
back and forth as an archive, the unpack, the limits, the verdict. Goal: ratio <= 1.2.
A second execbench pass over the same programs shows the compile cache (every build reused).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from execbench.core import Limits, Program, ScriptTests, Task
from execbench.judge.build import ArtifactCache
from execbench.judge.script_tests import judge_script_tests
from execbench.languages import get_language
from execbench.sandbox import Sandbox, make_sandbox
from execbench.tasks import get_benchmark
from shared_data import load_options  # this directory is on sys.path

NONCE = "0123456789abcdef0123456789abcdef\n"


def bare(task: Task) -> bool:
    """Compile and run the program the way a shell script would; True if it exited 0."""
    spec = get_language(task.language)
    tests = task.tests
    assert isinstance(tests, ScriptTests)
    main = tests.main or spec.default_main
    prepared = spec.prepare(task.reference, tests.code, main)
    commands = spec.commands(spec.probe(), prepared, main, Limits().memory_mb, tests.build_flags)
    with tempfile.TemporaryDirectory() as work:
        for name, text in prepared.files.items():
            (Path(work) / name).write_text(text)
        assert commands.compile is not None
        subprocess.run(commands.compile, cwd=work, capture_output=True, check=True)
        done = subprocess.run(commands.run, cwd=work, capture_output=True, input=NONCE.encode())
    return done.returncode == 0


def through_execbench(task: Task, sandbox: Sandbox, cache: ArtifactCache) -> bool:
    program = Program(task.language, task.reference)
    return judge_script_tests(task, program, sandbox, Limits(), cache).passed


def clocked(action, *args) -> tuple[float, bool]:
    started = time.perf_counter()
    ok = action(*args)
    return time.perf_counter() - started, ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--languages", default="cpp,java,go,rust")
    args = parser.parse_args()
    sandbox = make_sandbox()
    print(f"{args.tasks} HumanEval-X reference programs per language, one at a time;")
    print("bare and execbench alternate task by task, so both see the same machine load")
    for language in args.languages.split(","):
        spec = get_language(language)
        toolchain = spec.probe()
        if not toolchain.available:
            print(f"{language}: skipped ({toolchain.reason})")
            continue
        tasks = get_benchmark("humaneval-x").load(load_options(language))
        warm, tasks = tasks[0], tasks[1 : args.tasks + 1]
        bare(warm)  # compilers and runtimes into the page cache before anything is timed
        totals = {"bare": 0.0, "execbench": 0.0, "cached": 0.0}
        passes = dict.fromkeys(totals, 0)
        with tempfile.TemporaryDirectory() as cache_dir:
            cache = ArtifactCache(Path(cache_dir))
            # Also builds the toolchain's warm-up seed (Go: testify), once per toolchain.
            through_execbench(warm, sandbox, cache)
            for task in tasks:
                for label, (seconds, ok) in (
                    ("bare", clocked(bare, task)),
                    ("execbench", clocked(through_execbench, task, sandbox, cache)),
                    ("cached", clocked(through_execbench, task, sandbox, cache)),
                ):
                    totals[label] += seconds
                    passes[label] += ok
        count = len(tasks)
        print(f"{spec.name} ({toolchain.version})")
        for label, name in (
            ("bare", "bare compile + run"),
            ("execbench", "execbench (compiles)"),
            ("cached", "execbench (build cached)"),
        ):
            per_sample = totals[label] / count * 1000
            print(f"  {name:<26} {per_sample:8.1f} ms/sample  ({passes[label]}/{count} passed)")
        ratio, cached = totals["execbench"] / totals["bare"], totals["cached"] / totals["bare"]
        print(f"  ratio execbench / bare: {ratio:.2f}x  (cached: {cached:.2f}x)")


if __name__ == "__main__":
    main()
