import asyncio
import json
import socket
import time

import pytest

from execbench.core import Sample, SampleFormat, UserError
from execbench.extract import extract_program
from execbench.models import GenerationOptions, ModelError, make_model
from tests.support.openai_server import Fault, ScriptedServer
from tests.support.tasks import toy_task

KEY = "sk-test-0123456789-secret"
CHAT_ANSWER = "Sure:\n```python\ndef add(a, b):\n    return a + b\n```\nprint(add(1, 2))"


def _settings(server: ScriptedServer, **more):
    return {
        "base_url": server.url,
        "environ": {"OPENAI_API_KEY": KEY},
        "retry_base_delay_s": 0.01,
        "timeout_s": 5,
        **more,
    }


def _generate(spec, settings, options, task=None):
    async def go():
        model = make_model(spec, settings)
        try:
            return await model.generate(task or toy_task(), options)
        finally:
            await model.aclose()

    return asyncio.run(go())


def test_chat_api_n_samples_in_one_request_with_usage_split():
    with ScriptedServer(answers={"add": CHAT_ANSWER}) as server:
        gens = _generate(
            "openai:gpt-test",
            _settings(server, price_in=1.0, price_out=2.0),
            GenerationOptions(n=3),
        )
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["n"] == 3 and request.body["model"] == "gpt-test"
    assert request.body["temperature"] == 0.8  # several samples: not greedy
    assert "def add(a, b):" in request.body["messages"][0]["content"]
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert [g.text for g in gens] == [CHAT_ANSWER] * 3
    assert {g.format for g in gens} == {SampleFormat.RESPONSE}
    prompt_tokens = len(request.body["messages"][0]["content"].split())
    assert sum(g.usage.prompt_tokens for g in gens) == prompt_tokens
    assert sum(g.usage.completion_tokens for g in gens) == 3 * len(CHAT_ANSWER.split())
    assert all(g.usage.attempts == 1 and g.usage.cost_usd > 0 for g in gens)
    program = extract_program(toy_task(), Sample("t", 0, gens[0].text, gens[0].format))
    assert program.source == "def add(a, b):\n    return a + b\n"


def test_completions_api_sends_the_base_prompt_and_applies_every_stop():
    completion = "    return a + b\n\nassert add(1, 2) == 3\n"
    with ScriptedServer(answers={"def add": completion}) as server:
        (gen,) = _generate(
            "openai:base", _settings(server, api="completions"), GenerationOptions(stop=("\nEND",))
        )
    (request,) = server.requests
    assert request.path == "/v1/completions"
    assert request.body["prompt"] == toy_task().prompt
    assert request.body["temperature"] == 0.0  # one sample: greedy
    assert request.body["max_tokens"] == 768
    assert len(request.body["stop"]) == 4  # the server limit; "\nassert " is the 6th stop
    assert gen.text == "    return a + b\n" and gen.format is SampleFormat.COMPLETION


def test_sampling_parameters_are_forwarded():
    with ScriptedServer(answers={"add": "x"}) as server:
        options = GenerationOptions(
            n=2,
            temperature=0.3,
            top_p=0.9,
            max_tokens=64,
            seed=7,
            stop=("\n\n",),
            extra={"presence_penalty": 0.5},
        )
        _generate("openai:m", _settings(server), options)
    body = server.requests[0].body
    assert (body["temperature"], body["top_p"], body["max_tokens"], body["seed"]) == (
        0.3,
        0.9,
        64,
        7,
    )
    assert body["stop"] == ["\n\n"] and body["presence_penalty"] == 0.5


def test_server_ignoring_n_is_asked_again_for_the_rest():
    with ScriptedServer(answers={"add": "x"}, ignore_n=True) as server:
        gens = _generate("openai:m", _settings(server), GenerationOptions(n=3))
    assert len(gens) == 3
    assert [r.body["n"] for r in server.requests] == [3, 2, 1]


@pytest.mark.parametrize(
    "fault",
    [
        Fault(status=500),
        Fault(status=503),
        Fault(status=429),
        Fault(body=b'{"choices": [ {"index": 0, "mess'),
        Fault(body=b'{"no_choices": true}'),
        Fault(cut=True),
        Fault(chunked_cut=True),
    ],
    ids=["500", "503", "429", "malformed-json", "wrong-shape", "cut-body", "cut-chunked"],
)
def test_transient_failures_are_retried(fault):
    with ScriptedServer(answers={"add": "ok"}) as server:
        server.faults.extend([fault, fault])
        gens = _generate("openai:m", _settings(server), GenerationOptions(n=2))
    assert [g.text for g in gens] == ["ok", "ok"]
    assert len(server.requests) == 3 and gens[0].usage.attempts == 3


def test_retry_after_is_honoured():
    with ScriptedServer(answers={"add": "ok"}) as server:
        server.faults.append(Fault(status=429, headers={"Retry-After": "0.4"}))
        start = time.monotonic()
        (gen,) = _generate("openai:m", _settings(server), GenerationOptions())
        waited = time.monotonic() - start
    assert gen.text == "ok" and gen.usage.attempts == 2
    assert waited >= 0.4  # the 10 ms backoff would have come back sooner
    assert gen.usage.latency_s >= 0.4


def test_a_request_that_hangs_times_out_and_is_retried():
    with ScriptedServer(answers={"add": "ok"}) as server:
        server.faults.append(Fault(delay_s=3.0))
        (gen,) = _generate("openai:m", _settings(server, timeout_s=0.3), GenerationOptions())
    assert gen.text == "ok" and gen.usage.attempts == 2


def test_retries_run_out_with_a_model_error():
    with ScriptedServer(answers={"add": "ok"}) as server:
        server.faults.extend([Fault(status=500)] * 3)
        with pytest.raises(ModelError, match=r"gave up after 3 attempts.*HTTP 500"):
            _generate("openai:m", _settings(server, max_attempts=3), GenerationOptions())
    assert len(server.requests) == 3


def test_bad_request_is_not_retried():
    with ScriptedServer() as server:
        server.faults.append(Fault(status=400))
        with pytest.raises(ModelError, match="HTTP 400"):
            _generate("openai:m", _settings(server), GenerationOptions())
    assert len(server.requests) == 1


def test_refused_key_is_the_callers_error_and_is_never_echoed():
    echo = json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}"}}).encode()
    with ScriptedServer() as server:
        server.faults.append(Fault(status=401, body=echo))
        with pytest.raises(UserError) as caught:
            _generate("openai:m", _settings(server), GenerationOptions())
    assert "401" in str(caught.value) and KEY not in str(caught.value)


def test_key_is_required_for_openai_itself_and_kept_out_of_the_request_identity():
    with pytest.raises(UserError, match="OPENAI_API_KEY is not set"):
        make_model("openai:gpt-4o-mini", {"environ": {}})
    model = make_model("openai:gpt-4o-mini", {"environ": {"OPENAI_API_KEY": KEY}})
    identity = json.dumps(model.request_identity(toy_task(), GenerationOptions()))
    assert KEY not in identity and "gpt-4o-mini" in identity
    # A local server needs no key, and gets no Authorization header.
    with ScriptedServer(answers={"add": "x"}) as server:
        _generate("openai:m", {"base_url": server.url, "environ": {}}, GenerationOptions())
    assert "authorization" not in server.requests[0].headers


def test_bad_specs_are_user_errors():
    with pytest.raises(UserError, match="name the model"):
        make_model("openai", {"environ": {"OPENAI_API_KEY": KEY}})
    with pytest.raises(UserError, match="--api must be one of"):
        make_model("openai:m", {"api": "embeddings", "environ": {"OPENAI_API_KEY": KEY}})


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"  # closed again: connections are refused


def test_a_server_never_reached_ends_the_run():
    settings = {"base_url": _closed_port_url(), "max_attempts": 2, "retry_base_delay_s": 0.01}
    with pytest.raises(UserError, match=r"gave up after 2 attempts: could not connect.*running"):
        _generate("openai:m", settings, GenerationOptions())


def test_a_server_gone_after_answering_fails_only_the_task():
    server = ScriptedServer(answers={"add": "ok"}).__enter__()

    async def go():
        model = make_model("openai:m", _settings(server, max_attempts=2))
        try:
            (first,) = await model.generate(toy_task(), GenerationOptions())
            server.__exit__(None, None, None)
            with pytest.raises(ModelError, match="could not connect") as caught:
                await model.generate(toy_task(), GenerationOptions())
            return first, caught.value
        finally:
            await model.aclose()

    first, failure = asyncio.run(go())
    assert first.text == "ok" and not isinstance(failure, UserError)
