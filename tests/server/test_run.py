"""/v1/run and SandboxFusion's /run_code: a program run once in the sandbox, in any language,
answered in each API's own words."""

from __future__ import annotations

import base64

import pytest

from execbench.languages import get_language

LOOP = "while True:\n    pass\n"
CPP_SUM = '#include <cstdio>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}\n'


def run(server, **body):
    with server.client() as client:
        return client.post("/v1/run", json=body)


def test_a_program_reads_stdin_and_its_files_and_says_how_it_ended(server):
    code = "import sys\nprint(open('data/in.txt').read().strip(), sys.stdin.read()[::-1])\n"
    answer = run(server, language="py", code=code, stdin="olleh", files={"data/in.txt": "hi\n"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "passed" and body["exit_code"] == 0
    assert body["stdout"] == "hi hello\n" and body["limit_hit"] == "none"
    assert body["memory_kb"] > 0

    crashed = run(
        server, language="python", code="import sys\nprint('x', file=sys.stderr)\nsys.exit(3)"
    )
    assert crashed.json()["status"] == "error" and crashed.json()["exit_code"] == 3
    assert crashed.json()["stderr"] == "x\n"

    looping = run(server, language="python", code=LOOP, limits={"cpu_s": 0.5})
    assert looping.json()["status"] == "timeout" and looping.json()["limit_hit"] == "cpu"


def test_files_stay_in_the_working_directory_and_limits_under_the_servers(server):
    for name in ("../escape.txt", "/etc/passwd", "a/../../b"):
        answer = run(server, language="python", code="pass", files={name: "x"})
        assert answer.status_code == 400 and "relative path" in answer.json()["detail"]
    over = run(server, language="python", code="pass", limits={"cpu_s": 1000})
    assert over.status_code == 400 and "limits.cpu_s" in over.json()["detail"]
    unknown = run(server, language="cobol", code="pass")
    assert unknown.status_code == 400 and "cobol" in unknown.json()["detail"]


def run_code(server, **body):
    with server.client() as client:
        answer = client.post("/run_code", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def verl_status(answer: dict) -> str:
    """How veRL's sandbox reward reads an answer (verl/utils/reward_score/sandbox_fusion)."""
    if answer["status"] == "SandboxError":
        return "sandbox_error"
    compiled, ran = answer["compile_result"], answer["run_result"]
    if answer["status"] == "Failed":
        if compiled and (
            compiled["status"] in ("Error", "TimeLimitExceeded")
            or (compiled["status"] == "Finished" and compiled["return_code"] != 0)
        ):
            return "compile_error"
        if ran["status"] == "TimeLimitExceeded":
            return "timeout"
        return "runtime_error"
    assert answer["status"] == "Success" and ran["status"] == "Finished"
    return "success:" + ran["stdout"]


def test_run_code_answers_as_sandbox_fusion_does(server):
    assert verl_status(run_code(server, language="python", code="print(input())", stdin="7")) == (
        "success:7\n"
    )
    failed = run_code(server, language="python", code="raise SystemExit(2)")
    assert failed["run_result"]["return_code"] == 2 and verl_status(failed) == "runtime_error"
    looping = run_code(server, language="python", code=LOOP, run_timeout=1)
    assert looping["run_result"]["return_code"] is None and verl_status(looping) == "timeout"
    encoded = base64.b64encode(b"41").decode()
    with_file = run_code(
        server, language="python", code="print(int(open('n').read()) + 1)", files={"n": encoded}
    )
    assert verl_status(with_file) == "success:42\n"
    assert run_code(server, language="sql", code="select 1")["status"] == "SandboxError"


def test_compiled_languages_report_their_compile_step(server):
    if not get_language("cpp").probe().available:
        pytest.skip("no C++ toolchain here")
    built = run_code(server, language="cpp", code=CPP_SUM, stdin="2 40")
    assert built["compile_result"]["status"] == "Finished"
    assert built["compile_result"]["return_code"] == 0
    assert verl_status(built) == "success:42\n"
    broken = run_code(server, language="cpp", code="int main( {")
    assert broken["run_result"] is None and broken["compile_result"]["return_code"] != 0
    assert "error" in broken["compile_result"]["stderr"] and verl_status(broken) == "compile_error"


def test_run_code_refuses_what_it_cannot_do(server):
    with server.client() as client:
        fetch = client.post(
            "/run_code", json={"language": "python", "code": "", "fetch_files": ["a"]}
        )
        assert fetch.status_code == 400 and "fetch_files" in fetch.json()["detail"]
        bad = client.post("/run_code", json={"language": "brainfuck", "code": ""})
        assert bad.status_code == 422
