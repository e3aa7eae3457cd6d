"""`-m openai:MODEL`: the OpenAI API, or any server speaking it (`--base-url`: vLLM, SGLang,
Ollama, llama.cpp, TGI...). Chat API by default (prompts in the chat style, replies extracted);
`--api completions` sends the base-model prompt and appends the completion.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from execbench.core import Task, UserError
from execbench.models.base import Generation, GenerationOptions, Model, ModelError, register_model
from execbench.models.http import ApiConfig, ApiModel, api_config
from execbench.models.usage import split_usage
from execbench.prompts import Prompt, PromptStyle, build_prompt, truncate_at_stop

OPENAI_BASE_URL = "https://api.openai.com/v1"
# The completions API defaults to 16 tokens, too few for any function.
DEFAULT_COMPLETION_MAX_TOKENS = 768
# OpenAI accepts at most 4 stop sequences; the rest are applied here, on the text.
_MAX_SERVER_STOPS = 4

_STYLE_OF_API = {"chat": PromptStyle.CHAT, "completions": PromptStyle.BASE}
_PATH_OF_API = {"chat": "/chat/completions", "completions": "/completions"}


def _parse_chat(body: Any) -> tuple[list[str], Mapping[str, Any]]:
    choices = sorted(body["choices"], key=lambda c: c.get("index", 0))
    # A refused or filtered choice has no content: an empty answer, judged as such.
    return [c["message"].get("content") or "" for c in choices], body.get("usage") or {}


def _parse_completions(body: Any) -> tuple[list[str], Mapping[str, Any]]:
    choices = sorted(body["choices"], key=lambda c: c.get("index", 0))
    return [str(c["text"]) for c in choices], body.get("usage") or {}


_PARSER_OF_API = {"chat": _parse_chat, "completions": _parse_completions}


class OpenAICompatModel(ApiModel):
    def __init__(self, model_id: str, api: str, config: ApiConfig):
        self.name = f"openai:{model_id}"
        self.model_id = model_id
        self.api = api
        self.style = self.prompt_style = _STYLE_OF_API[api]
        super().__init__(config)

    def _headers(self) -> dict[str, str]:
        key = self.config.api_key
        return {"Authorization": f"Bearer {key}"} if key else {}

    def request_identity(self, task: Task, options: GenerationOptions) -> Mapping[str, Any]:
        return self.prompt_identity(build_prompt(task, self.style, options.stop), options)

    def prompt_identity(self, prompt: Prompt, options: GenerationOptions) -> Mapping[str, Any]:
        return {
            "backend": "openai",
            "base_url": self.config.base_url,
            "api": self.api,
            "model": self.model_id,
            "prompt": prompt.identity(),
            "options": options.identity(),
        }

    def _payload(self, prompt: Prompt, options: GenerationOptions, n: int) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": self.model_id,
            "n": n,
            "temperature": options.effective_temperature,
        }
        if self.style is PromptStyle.CHAT:
            payload["messages"] = [{"role": m.role, "content": m.content} for m in prompt.messages]
        else:
            payload["prompt"] = prompt.text
            payload["max_tokens"] = DEFAULT_COMPLETION_MAX_TOKENS
        if options.max_tokens is not None:
            payload["max_tokens"] = options.max_tokens
        if options.top_p is not None:
            payload["top_p"] = options.top_p
        if prompt.stop:
            payload["stop"] = list(prompt.stop[:_MAX_SERVER_STOPS])
        if options.seed is not None:
            payload["seed"] = options.seed
        payload.update(options.extra)
        return payload

    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]:
        return await self.complete(build_prompt(task, self.style, options.stop), options)

    async def complete(self, prompt: Prompt, options: GenerationOptions) -> list[Generation]:
        if prompt.style is not self.style:
            raise UserError(f"{self.name} (--api {self.api}) cannot send a {prompt.style} prompt")
        generations: list[Generation] = []
        # Servers that ignore `n` (llama.cpp, some proxies) answer once: ask again for the rest.
        while len(generations) < options.n:
            wanted = options.n - len(generations)
            reply = await self.post(
                _PATH_OF_API[self.api],
                self._payload(prompt, options, wanted),
                self._headers(),
                _PARSER_OF_API[self.api],
            )
            texts, usage = reply.value
            texts = texts[:wanted]
            if not texts:
                raise ModelError(f"{self.name}: the reply held no choices")
            usages = split_usage(
                int(usage.get("prompt_tokens") or 0),
                int(usage.get("completion_tokens") or 0),
                len(texts),
                reply.latency_s,
                reply.attempts,
                self.config.price,
            )
            generations += [
                Generation(truncate_at_stop(text, prompt.stop), prompt.sample_format, use)
                for text, use in zip(texts, usages, strict=True)
            ]
        return generations


@register_model("openai")
def _make_openai(rest: str, settings: Mapping[str, Any]) -> Model:
    if not rest:
        raise UserError("name the model: -m openai:MODEL (e.g. openai:gpt-4o-mini)")
    api = settings.get("api") or "chat"
    if api not in _STYLE_OF_API:
        raise UserError(f"--api must be one of {', '.join(_STYLE_OF_API)} (got {api!r})")
    return OpenAICompatModel(rest, api, api_config(settings, "OPENAI_API_KEY", OPENAI_BASE_URL))
