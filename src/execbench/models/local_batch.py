"""In-process engines (vLLM, Transformers): concurrent `generate` calls gathered into batches.

The generation stream calls `generate` for many tasks at once; a local engine is fastest when it
sees them together. Requests wait in a queue; one batch runs at a time in a worker thread (the
engine call blocks), and everything that queued meanwhile forms the next batch. Raise
`--concurrency` to let more tasks share a batch.
"""

from __future__ import annotations

import asyncio
import time
from abc import abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from execbench.core import Task, UserError
from execbench.models.base import Generation, GenerationOptions, Model, ModelError
from execbench.models.usage import Usage
from execbench.prompts import Prompt, PromptStyle, truncate_at_stop

# Base-model generations stop at the prompt's stop sequences, or after this many tokens.
DEFAULT_MAX_NEW_TOKENS = 768


@dataclass(frozen=True)
class BatchRequest:
    text: str  # the prompt as the engine sees it (chat template applied)
    options: GenerationOptions
    stop: tuple[str, ...]


@dataclass(frozen=True)
class EngineOutput:
    text: str
    prompt_tokens: int
    completion_tokens: int


def require(module: str, extra: str) -> Any:
    """Import an optional engine, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UserError(
            f"this backend needs {module!r}: pip install 'execbench[{extra}]' ({exc})"
        ) from exc


def style_from(settings: Mapping[str, Any]) -> PromptStyle:
    api = settings.get("api") or "completions"
    if api not in ("chat", "completions"):
        raise UserError(f"--api must be chat or completions (got {api!r})")
    return PromptStyle.CHAT if api == "chat" else PromptStyle.BASE


class BatchingModel(Model):
    """Subclasses load the engine and its `tokenizer` (for chat templates), and run batches."""

    tokenizer: Any

    def __init__(self, name: str, path: str, style: PromptStyle):
        self.name = name
        self.path = path
        self.style = self.sends_style = style
        self._queue: list[tuple[BatchRequest, asyncio.Future[list[EngineOutput]]]] = []
        self._runner: asyncio.Task[None] | None = None

    def render(self, prompt: Prompt) -> str:
        """The prompt as text for the engine: as is, or through the model's chat template."""
        if prompt.style is PromptStyle.BASE:
            return prompt.text
        messages = [{"role": m.role, "content": m.content} for m in prompt.messages]
        return self.tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )

    @abstractmethod
    def run_batch(self, requests: Sequence[BatchRequest]) -> list[list[EngineOutput]]:
        """Blocking: for each request, `options.n` outputs."""

    def request_identity(self, task: Task, options: GenerationOptions) -> Mapping[str, Any]:
        return {
            "backend": self.name.split(":", 1)[0],
            "model": self.path,
            "prompt": self._prompt(task, options).identity(),
            "options": options.identity(),
        }

    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]:
        prompt = self._prompt(task, options)
        request = BatchRequest(self.render(prompt), options, prompt.stop)
        future: asyncio.Future[list[EngineOutput]] = asyncio.get_running_loop().create_future()
        self._queue.append((request, future))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._drain())
        started = time.monotonic()
        outputs = await future
        latency = time.monotonic() - started
        return [
            Generation(
                truncate_at_stop(out.text, prompt.stop),
                prompt.sample_format,
                Usage(out.prompt_tokens, out.completion_tokens, latency, None, 1),
            )
            for out in outputs
        ]

    async def _drain(self) -> None:
        while self._queue:
            await asyncio.sleep(0)  # let the other tasks of this wave queue up first
            batch, self._queue = self._queue, []
            try:
                results = await asyncio.to_thread(self.run_batch, [r for r, _ in batch])
            except Exception as exc:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(ModelError(f"{self.name}: {exc!r}"))
                continue
            for (_, future), outputs in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(outputs)
