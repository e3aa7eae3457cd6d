"""`-m anthropic:MODEL`: the Anthropic Messages API over httpx (no SDK needed).

The API returns one message per request, so `supports_n` is False: n samples are n requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from execbench.core import Task, UserError
from execbench.models.base import Generation, GenerationOptions, Model, register_model
from execbench.models.http import ApiConfig, ApiModel, api_config
from execbench.models.usage import split_usage
from execbench.prompts import Prompt, PromptStyle, build_prompt, truncate_at_stop

ANTHROPIC_BASE_URL = "https://api.anthropic.com"
API_VERSION = "2023-06-01"
# The Messages API requires max_tokens; enough for a full program with some explanation.
DEFAULT_MAX_TOKENS = 2048


def _parse_message(body: Any) -> tuple[str, Mapping[str, Any]]:
    text = "".join(block["text"] for block in body["content"] if block.get("type") == "text")
    return text, body.get("usage") or {}


class AnthropicModel(ApiModel):
    supports_n = False
    prompt_style = PromptStyle.CHAT

    def __init__(self, model_id: str, config: ApiConfig):
        self.name = f"anthropic:{model_id}"
        self.model_id = model_id
        super().__init__(config)

    def request_identity(self, task: Task, options: GenerationOptions) -> Mapping[str, Any]:
        return self.prompt_identity(build_prompt(task, PromptStyle.CHAT, options.stop), options)

    def prompt_identity(self, prompt: Prompt, options: GenerationOptions) -> Mapping[str, Any]:
        return {
            "backend": "anthropic",
            "base_url": self.config.base_url,
            "model": self.model_id,
            "prompt": prompt.identity(),
            "options": options.identity(),
        }

    def _headers(self) -> dict[str, str]:
        headers = {"anthropic-version": API_VERSION}
        if self.config.api_key:
            headers["x-api-key"] = self.config.api_key
        return headers

    async def _one(self, prompt: Prompt, options: GenerationOptions) -> Generation:
        system = "\n\n".join(m.content for m in prompt.messages if m.role == "system")
        turns = [m for m in prompt.messages if m.role != "system"]
        payload: dict[str, Any] = {
            "model": self.model_id,
            "max_tokens": options.max_tokens or DEFAULT_MAX_TOKENS,
            "messages": [{"role": m.role, "content": m.content} for m in turns],
            "temperature": options.effective_temperature,
        }
        if system:  # the Messages API takes it apart from the turns
            payload["system"] = system
        if options.top_p is not None:
            payload["top_p"] = options.top_p
        if prompt.stop:
            payload["stop_sequences"] = list(prompt.stop)
        payload.update(options.extra)
        reply = await self.post("/v1/messages", payload, self._headers(), _parse_message)
        text, usage = reply.value
        (use,) = split_usage(
            int(usage.get("input_tokens") or 0),
            int(usage.get("output_tokens") or 0),
            1,
            reply.latency_s,
            reply.attempts,
            self.config.price,
        )
        return Generation(truncate_at_stop(text, prompt.stop), prompt.sample_format, use)

    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]:
        return await self.complete(build_prompt(task, PromptStyle.CHAT, options.stop), options)

    async def complete(self, prompt: Prompt, options: GenerationOptions) -> list[Generation]:
        if prompt.style is not PromptStyle.CHAT:
            raise UserError(f"{self.name} cannot send a {prompt.style} prompt")
        return list(await asyncio.gather(*(self._one(prompt, options) for _ in range(options.n))))


@register_model("anthropic")
def _make_anthropic(rest: str, settings: Mapping[str, Any]) -> Model:
    if not rest:
        raise UserError("name the model: -m anthropic:MODEL (e.g. anthropic:claude-sonnet-4-5)")
    return AnthropicModel(rest, api_config(settings, "ANTHROPIC_API_KEY", ANTHROPIC_BASE_URL))
