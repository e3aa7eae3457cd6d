import asyncio

from execbench.core import SampleFormat
from execbench.models import GenerationOptions, make_model
from tests.support.openai_server import Fault, ScriptedServer
from tests.support.tasks import toy_task

KEY = "sk-ant-test-secret"


def test_messages_api_one_request_per_sample_with_retries():
    async def go(server):
        model = make_model(
            "anthropic:claude-test",
            {
                "base_url": server.root_url,
                "environ": {"ANTHROPIC_API_KEY": KEY},
                "retry_base_delay_s": 0.01,
                "price_in": 3,
                "price_out": 15,
            },
        )
        try:
            return await model.generate(toy_task(), GenerationOptions(n=2, stop=("\nEND",)))
        finally:
            await model.aclose()

    with ScriptedServer(answers={"add": "```python\ndef add(a, b):\n    return a + b\n```"}) as s:
        s.faults.append(Fault(status=529))  # Anthropic: overloaded
        gens = asyncio.run(go(s))
    assert len(gens) == 2 and {g.format for g in gens} == {SampleFormat.RESPONSE}
    assert all("return a + b" in g.text for g in gens)
    assert len(s.requests) == 3  # two samples, one retried
    request = s.requests[-1]
    assert request.path == "/v1/messages"
    assert request.headers["x-api-key"] == KEY and request.headers["anthropic-version"]
    assert request.body["max_tokens"] == 2048 and request.body["stop_sequences"] == ["\nEND"]
    assert request.body["temperature"] == 0.8
    assert sorted(g.usage.attempts for g in gens) == [1, 2]
    assert all(g.usage.completion_tokens > 0 and g.usage.cost_usd > 0 for g in gens)
