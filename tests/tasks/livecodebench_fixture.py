"""Build small LiveCodeBench files in the exact published schemas, reproducibly.

The real files cannot be fetched here, so the tests build their own: LeetCode problems from
DeepSeek-Coder's contest set (../shared/datasets/leetcode-contest-deepseek), their asserts turned
into LiveCodeBench's functional test cases, plus a few stdin problems written for this fixture.
Every problem has a reference solution and a wrong one written here (the real data has none).

    python tests/tasks/livecodebench_fixture.py OUT_DIR   # writes the files, to look at them

Layout written (what `huggingface-cli download` gives, one directory per dataset):
    OUT/code_generation_lite/test.jsonl, test2.jsonl   (releases v1 and v2)
    OUT/test_generation/test.jsonl
    OUT/execution-v2/data/test-00000-of-00001.parquet  (when pyarrow is installed, else .jsonl)
"""

from __future__ import annotations

import ast
import base64
import json
import pickle
import re
import sys
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from execbench.tasks import LoadOptions
from execbench.tasks.jsonl import read_jsonl
from execbench.tasks.leetcode import LEETCODE_FILE
from execbench.tasks.sources import resolve


@dataclass(frozen=True)
class Problem:
    """One code-generation problem of the fixture: where it comes from and its two solutions."""

    question_id: str
    release: int
    difficulty: str
    reference: str
    wrong: str
    slug: str = ""  # a LeetCode problem: its DeepSeek task id ends with this
    stdin: tuple[tuple[str, str], ...] = ()  # a stdin problem: (input, output) cases
    title: str = ""
    content: str = ""
    platform: str = "atcoder"
    date: str = ""


LEETCODE = (
    Problem(
        "3014",
        1,
        "easy",
        slug="minimum-number-of-pushes-to-type-word-i",
        reference="class Solution:\n    def minimumPushes(self, word):\n"
        "        return sum(i // 8 + 1 for i in range(len(word)))\n",
        wrong="class Solution:\n    def minimumPushes(self, word):\n        return len(word)\n",
    ),
    Problem(
        "2965",
        1,
        "easy",
        slug="find-missing-and-repeated-values",
        # A tuple where a list is expected: the official harness accepts it.
        reference="class Solution:\n    def findMissingAndRepeatedValues(self, grid):\n"
        "        seen = [v for row in grid for v in row]\n        n = len(seen)\n"
        "        twice = next(v for v in seen if seen.count(v) == 2)\n"
        "        return (twice, next(x for x in range(1, n + 1) if x not in seen))\n",
        wrong="class Solution:\n    def findMissingAndRepeatedValues(self, grid):\n"
        "        return [0, 0]\n",
    ),
    Problem(
        "2780",
        1,
        "medium",
        slug="minimum-index-of-a-valid-split",
        reference="class Solution:\n    def minimumIndex(self, nums):\n"
        "        x, total = Counter(nums).most_common(1)[0]\n        left = 0\n"
        "        for i, v in enumerate(nums):\n            left += v == x\n"
        "            if left * 2 > i + 1 and (total - left) * 2 > len(nums) - i - 1:\n"
        "                return i\n        return -1\n",
        wrong="class Solution:\n    def minimumIndex(self, nums):\n        return -1\n",
    ),
    Problem(
        "2790",
        1,
        "hard",
        slug="maximum-number-of-groups-with-increasing-length",
        reference="class Solution:\n    def maxIncreasingGroups(self, usageLimits):\n"
        "        groups = total = 0\n        for limit in sorted(usageLimits):\n"
        "            total += limit\n"
        "            if total >= (groups + 1) * (groups + 2) // 2:\n"
        "                groups += 1\n        return groups\n",
        wrong="class Solution:\n    def maxIncreasingGroups(self, usageLimits):\n"
        "        return len(usageLimits)\n",
    ),
    Problem(
        "2894",
        2,
        "easy",
        slug="divisible-and-non-divisible-sums-difference",
        reference="class Solution:\n    def differenceOfSums(self, n, m):\n"
        "        return sum(i if i % m else -i for i in range(1, n + 1))\n",
        wrong="class Solution:\n    def differenceOfSums(self, n, m):\n        return n - m\n",
    ),
    Problem(
        "2864",
        2,
        "easy",
        slug="maximum-odd-binary-number",
        reference="class Solution:\n    def maximumOddBinaryNumber(self, s):\n"
        "        ones = s.count('1')\n"
        "        return '1' * (ones - 1) + '0' * (len(s) - ones) + '1'\n",
        wrong="class Solution:\n    def maximumOddBinaryNumber(self, s):\n        return s\n",
    ),
)

STDIN = (
    Problem(
        "abc900_a",
        1,
        "easy",
        title="Sum",
        content="Given integers A and B, print A+B.\n\nInput\nA B\n\nOutput\nA+B",
        date="2023-08-12T00:00:00",
        stdin=(("1 2\n", "3\n"), ("-5 5\n", "0\n"), ("1000000000 1000000000\n", "2000000000\n")),
        # `gcd` comes from the harness's star imports; the answer is printed before exit(1).
        reference="import sys\na, b = map(int, sys.stdin.read().split())\n"
        "assert gcd(4, 6) == 2\nprint(a + b)\nsys.exit(1)\n",
        wrong="a, b = map(int, input().split())\nprint(a - b)\n",
    ),
    Problem(
        "abc900_b",
        1,
        "medium",
        title="Average",
        content="Given N and N integers, print their average.\n\nInput\nN\nA_1 ... A_N",
        date="2023-11-18T00:00:00",
        # The expected 2.500000 matches 2.5 as decimals; 0.333 would not match 0.3333333.
        stdin=(("2\n2 3\n", "2.500000\n"), ("3\n1 1 2\n", "1.3333333333333333\n")),
        reference="n = int(input())\nvalues = list(map(int, input().split()))\n"
        "print(sum(values) / n)\n",
        wrong="n = int(input())\nvalues = list(map(int, input().split()))\n"
        "print(round(sum(values) / n, 3))\n",
    ),
    Problem(
        "1900A",
        2,
        "hard",
        title="Prefix sums",
        platform="codeforces",
        content="T test cases; each gives N then N integers. For each, print its prefix sums.",
        date="2023-12-02T00:00:00",
        stdin=(("2\n3\n1 2 3\n1\n7\n", "1 3 6\n7\n"), ("1\n2\n-1 1\n", "-1 0\n")),
        reference="def main():\n    t = int(input())\n    for _ in range(t):\n"
        "        input()\n        total, out = 0, []\n"
        "        for v in map(int, input().split()):\n            total += v\n"
        "            out.append(total)\n        print(*out)\n\n\n"
        "if __name__ == '__main__':\n    main()\n",
        # Right answers, but `global` names a top-level variable the harness's wrapper makes local.
        wrong="count = 0\n\n\ndef bump():\n    global count\n    count += 1\n\n\n"
        "t = int(input())\nfor _ in range(t):\n    input()\n    bump()\n    total, out = 0, []\n"
        "    for v in map(int, input().split()):\n        total += v\n        out.append(total)\n"
        "    print(*out)\n",
    ),
)

# Code execution: functions written for the fixture, with the calls to predict.
EXECUTION = (
    (
        "sample_0",
        "countVowels",
        "def countVowels(s: str) -> int:\n    return sum(c in 'aeiou' for c in s)",
        'countVowels(s = "leetcode")',
        "easy",
    ),
    (
        "sample_1",
        "pairSums",
        "def pairSums(nums: List[int]) -> List[int]:\n"
        "    return [a + b for a, b in zip(nums, nums[1:])]",
        "pairSums(nums = [1, 2, 4])",
        "medium",
    ),
    (
        "sample_2",
        "reach",
        "def reach(n: int) -> bool:\n    seen = set()\n"
        "    while n != 1 and n not in seen:\n        seen.add(n)\n"
        "        n = sum(int(d) ** 2 for d in str(n))\n    return n == 1",
        "reach(n = 19)",
        "hard",
    ),
)


def encode_private(cases: list[dict[str, str]]) -> str:
    """LiveCodeBench's encoding of private test cases: JSON, pickled, zlib, base64."""
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(cases)))).decode("ascii")


def _leetcode_records(data_dir: Path) -> dict[str, dict]:
    path = resolve(LEETCODE_FILE, LoadOptions(data_dir=data_dir))
    return {record["task_id"]: record for _, record in read_jsonl(path)}


def _functional_cases(record: dict) -> tuple[str, list[dict[str, str]]]:
    """(function name, cases in LiveCodeBench's form) from DeepSeek's asserts."""
    signature = re.search(r"def (\w+)\(self, (.*?)\)", record["prompt"])
    assert signature is not None
    name, params = signature.groups()
    header = ast.parse(f"def f({params}): pass").body[0]
    assert isinstance(header, ast.FunctionDef)
    order = [arg.arg for arg in header.args.args]
    cases, arguments = [], None
    for statement in ast.parse(record["test"]).body:
        if isinstance(statement, ast.Assign) and ast.unparse(statement.targets[0]) == "test_input":
            arguments = ast.literal_eval(statement.value)
        elif isinstance(statement, ast.Assert) and arguments is not None:
            assert isinstance(statement.test, ast.Compare)
            expected = ast.literal_eval(statement.test.comparators[0])
            cases.append(
                {
                    "input": "\n".join(json.dumps(arguments[key]) for key in order),
                    "output": json.dumps(expected),
                    "testtype": "functional",
                }
            )
    return name, cases[:8]


def _leetcode_problem(problem: Problem, record: dict) -> dict:
    prompt = record["prompt"]
    content = prompt.split('"""\n')[1].rstrip()
    starter = prompt.rsplit('"""\n', 1)[1]
    name, cases = _functional_cases(record)
    started = datetime.fromtimestamp(record["start_time"], UTC).replace(tzinfo=None)
    return {
        "question_title": record["meta"]["title"],
        "question_content": content,
        "platform": "leetcode",
        "question_id": problem.question_id,
        "contest_id": "-".join(record["task_id"].split("-")[:3]),  # weekly-contest-381
        "contest_date": started.isoformat(),
        "starter_code": starter,
        "difficulty": problem.difficulty,
        "public_test_cases": json.dumps(cases[:2]),
        "private_test_cases": encode_private(cases[2:]),
        "metadata": json.dumps({"func_name": name}),
    }


def _stdin_problem(problem: Problem) -> dict:
    cases = [{"input": i, "output": o, "testtype": "stdin"} for i, o in problem.stdin]
    # The first release's files held private tests as plain JSON: one problem keeps that form.
    private = json.dumps(cases[1:]) if problem.release == 1 else encode_private(cases[1:])
    return {
        "question_title": problem.title,
        "question_content": problem.content,
        "platform": problem.platform,
        "question_id": problem.question_id,
        "contest_id": problem.question_id.split("_")[0],
        "contest_date": problem.date,
        "starter_code": "",
        "difficulty": problem.difficulty,
        "public_test_cases": json.dumps(cases[:1]),
        "private_test_cases": private,
        "metadata": "{}",
    }


@dataclass(frozen=True)
class Fixture:
    root: Path
    generation: Path  # the code_generation_lite directory
    test_output: Path
    execution: Path
    references: dict[str, str]  # question_id -> reference program
    wrong: dict[str, str]


def write_fixture(out: Path, data_dir: Path) -> Fixture:
    records = _leetcode_records(data_dir)
    generation = out / "code_generation_lite"
    generation.mkdir(parents=True, exist_ok=True)
    rows: dict[int, list[dict]] = {1: [], 2: []}
    tests_rows = []
    for problem in LEETCODE:
        (record,) = [r for task_id, r in records.items() if task_id.endswith(problem.slug)]
        row = _leetcode_problem(problem, record)
        rows[problem.release].append(row)
        first = json.loads(row["public_test_cases"])[:1]
        tests_rows.append(_test_output_row(row, first))
    for problem in STDIN:
        rows[problem.release].append(_stdin_problem(problem))
    for release, name in ((1, "test.jsonl"), (2, "test2.jsonl")):
        _write_jsonl(generation / name, rows[release])
    test_output = out / "test_generation"
    test_output.mkdir(exist_ok=True)
    _write_jsonl(test_output / "test.jsonl", tests_rows)
    execution = out / "execution-v2" / "data"
    execution.mkdir(parents=True, exist_ok=True)
    _write_table(execution / "test-00000-of-00001", [_execution_row(*row) for row in EXECUTION])
    problems = LEETCODE + STDIN
    return Fixture(
        out,
        generation,
        test_output,
        out / "execution-v2",
        {p.question_id: p.reference for p in problems},
        {p.question_id: p.wrong for p in problems},
    )


def _test_output_row(problem_row: dict, cases: list[dict]) -> dict:
    keep = ("question_title", "question_content", "question_id", "contest_id", "contest_date")
    return {
        **{key: problem_row[key] for key in keep},
        "difficulty": problem_row["difficulty"],
        "test": json.dumps(cases),
        "starter_code": problem_row["starter_code"],
        "function_name": json.loads(problem_row["metadata"])["func_name"],
        "test_id": 0,
    }


def _execution_row(sample_id: str, function: str, code: str, call: str, difficulty: str) -> dict:
    namespace: dict = {}
    exec("from typing import List\n" + code, namespace)  # our own fixture code
    output = repr(eval(call, namespace))
    number = int(sample_id.split("_")[1])
    return {
        "question_id": 2800 + number,
        "id": sample_id,
        "function_name": function,
        "code": code,
        "input": call,
        "output": output,
        "numsteps": 100 + number,
        "problem_id": [number, 0, 0],
        "contest_id": "weekly-contest-360",
        "contest_date": datetime(2023, 8 + number, 27),
        "difficulty": difficulty,
    }


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, default=str) + "\n" for row in rows))


def _write_table(stem: Path, rows: list[dict]) -> Path:
    """Parquet as published where pyarrow is installed, else JSON lines as exported."""
    try:
        import pyarrow
        import pyarrow.parquet as parquet
    except ImportError:
        _write_jsonl(stem.with_suffix(".jsonl"), rows)
        return stem.with_suffix(".jsonl")
    parquet.write_table(pyarrow.Table.from_pylist(rows), stem.with_suffix(".parquet"))
    return stem.with_suffix(".parquet")


if __name__ == "__main__":
    from tests.conftest import datasets_dir

    written = write_fixture(Path(sys.argv[1]), datasets_dir())
    print(f"wrote {written.root}")
