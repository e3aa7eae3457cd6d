"""`execbench serve` under load vs `execbench evaluate` on the same programs, in one run.

    .venv/bin/python bench/bench_server.py [--requests 2000] [--concurrency 64] [--workers N]

Each request is its own stdio task (add two numbers; inline, in the custom-task schema) in Python,
C++ or JavaScript, with a program that is right, wrong, crashing or looping. The same tasks and
programs go through `evaluate -b custom` once, then through POST /v1/judge from 127.0.0.1 at the
given concurrency, to a server started here. Prints both throughputs and their ratio (target:
at least 0.8), the latency p50/p99 over all requests and over the light ones (those needing well
under 0.1 s of CPU: target p99 under 2 s), and checks that every request was answered, none with
a 5xx, each with the verdict evaluate gave. Builds and reference times are warmed up first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from execbench.api import EvalConfig, evaluate_samples
from execbench.tasks import LoadOptions

# Per language: the right program, and how it goes wrong, crashes or loops; `{n}` makes each
# program its own (evaluate judges identical programs of a task once; the server judges each).
PROGRAMS = {
    "python": {
        "right": "a, b = map(int, input().split())\nprint(a + b)  # {n}\n",
        "wrong": "a, b = map(int, input().split())\nprint(a - b)  # {n}\n",
        "crash": "raise RuntimeError('crash')  # {n}\n",
        "loop": "while True:  # {n}\n    pass\n",
    },
    "cpp": {
        "right": '#include <cstdio>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}',
        "wrong": '#include <cstdio>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a-b);}',
        "crash": "#include <cstdlib>\nint main(){abort();}",
        "loop": "int main(){volatile int x=0;for(;;)x++;}",
    },
    "javascript": {
        "right": "const [a, b] = require('fs').readFileSync(0, 'utf8').split(' ').map(Number);\n"
        "console.log(a + b); // {n}\n",
        "wrong": "const [a, b] = require('fs').readFileSync(0, 'utf8').split(' ').map(Number);\n"
        "console.log(a - b); // {n}\n",
        "crash": "throw new Error('crash'); // {n}\n",
        "loop": "for (;;) {} // {n}\n",
    },
}
# Out of 100 requests. C++ programs stay the same across requests (compiled once, cached, on
# both sides alike); the others are made distinct.
MIX = {"right": 60, "wrong": 20, "crash": 17, "loop": 3}
LIGHT = ("right", "wrong", "crash")


def requests(count: int) -> list[dict]:
    """`count` tasks, each with its program: languages in turn, kinds spread by MIX."""
    kinds = [kind for kind, share in MIX.items() for _ in range(share)]
    made = []
    for n in range(count):
        language = list(PROGRAMS)[n % len(PROGRAMS)]
        kind = kinds[(n * 37) % len(kinds)]
        a, b = n % 97, n % 89
        right = PROGRAMS[language]["right"].replace("{n}", "reference")
        task = {
            "id": f"add-{n}",
            "prompt": "Print the sum of the two numbers on standard input.",
            "language": language,
            "reference": right,
            "tests": {"stdio": [{"input": f"{a} {b}\n", "output": f"{a + b}\n"}]},
        }
        program = PROGRAMS[language][kind].replace("{n}", str(n))
        made.append({"task": task, "solution": program, "kind": kind})
    return made


def evaluate(made: list[dict], directory: Path, workers: int) -> tuple[float, dict[str, str]]:
    tasks = directory / "tasks.jsonl"
    tasks.write_text("".join(json.dumps(each["task"]) + "\n" for each in made))
    samples = directory / "samples.jsonl"
    samples.write_text(
        "".join(
            json.dumps({"task_id": each["task"]["id"], "solution": each["solution"]}) + "\n"
            for each in made
        )
    )
    config = EvalConfig(
        "custom", out=directory / "out", load=LoadOptions(data=tasks), workers=workers
    )
    started = time.perf_counter()
    outcome = evaluate_samples(config, samples)
    elapsed = time.perf_counter() - started
    return elapsed, {line.task_id: line.status for line in outcome.results}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "execbench", "serve", "--port", str(port)]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--workers", str(workers)], stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"the server did not start: {log.read_text()[-2000:]}")


async def load(url: str, made: list[dict], concurrency: int) -> tuple[float, list]:
    """Every request sent, `concurrency` at a time: (wall seconds, [(status code, body,
    latency)] in request order)."""
    answers: list = [None] * len(made)
    queue = list(enumerate(made))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client_loop(client: httpx.AsyncClient) -> None:
        while queue:
            index, each = queue.pop()
            started = time.perf_counter()
            body = {"task": each["task"], "solution": each["solution"]}
            answer = await client.post("/v1/judge", json=body)
            answers[index] = (answer.status_code, answer.json(), time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
        return time.perf_counter() - started, answers


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    made = requests(args.requests)

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(directory / "cache")  # the server inherits it
        warm = [each for each in requests(len(PROGRAMS) * 100) if each["kind"] != "loop"][:24]
        (directory / "warm").mkdir()
        evaluate(warm, directory / "warm", args.workers)  # builds, toolchain probes
        (directory / "evaluate").mkdir()
        evaluate_s, expected = evaluate(made, directory / "evaluate", args.workers)
        server, url = start_server(args.workers, directory / "server.log")
        try:
            asyncio.run(load(url, warm[:4], 4))  # the server's own first requests
            served_s, answers = asyncio.run(load(url, made, args.concurrency))
        finally:
            server.terminate()
            server.wait(120)

    codes = [code for code, _, _ in answers]
    latencies = [latency for _, _, latency in answers]
    light = [answers[i][2] for i, each in enumerate(made) if each["kind"] in LIGHT]
    differ = [
        each["task"]["id"]
        for each, (_, body, _) in zip(made, answers, strict=True)
        if body.get("status") != expected[each["task"]["id"]]
    ]
    print(f"requests: {len(made)} at concurrency {args.concurrency}, workers: {args.workers}")
    print(f"execbench evaluate: {evaluate_s:8.2f} s  {len(made) / evaluate_s:8.1f} samples/s")
    print(f"execbench serve:    {served_s:8.2f} s  {len(made) / served_s:8.1f} requests/s")
    print(f"throughput, serve / evaluate: {evaluate_s / served_s:.2f} (target >= 0.8)")
    print(
        f"latency p50 {statistics.median(latencies):.3f} s, p99 {percentile(latencies, 0.99):.3f} s"
    )
    print(
        f"light requests ({len(light)}): p50 {statistics.median(light):.3f} s, "
        f"p99 {percentile(light, 0.99):.3f} s (target < 2 s)"
    )
    print(f"answered: {sum(code is not None for code in codes)}/{len(made)}; status codes: "
          f"{dict(sorted((str(c), codes.count(c)) for c in set(codes)))}")  # fmt: skip
    print(f"verdicts equal to evaluate's: {len(made) - len(differ)}/{len(made)}")
    if differ or any(code != 200 for code in codes):
        raise SystemExit(f"FAILED: lost, failed or different answers (first: {differ[:5]})")


if __name__ == "__main__":
    main()
