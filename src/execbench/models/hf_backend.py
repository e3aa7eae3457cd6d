"""`-m hf:PATH`: a Transformers causal LM in this process (`pip install 'execbench[hf]'`).

PATH is a local directory or a hub name already in the local cache. Base-model prompts by
default; `--api chat` applies the tokenizer's chat template. Batches are left-padded; sampling
when the temperature is above 0, greedy otherwise; stop sequences are applied to the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from execbench.core import UserError
from execbench.models.base import Model, register_model
from execbench.models.local_batch import (
    DEFAULT_MAX_NEW_TOKENS,
    BatchingModel,
    BatchRequest,
    EngineOutput,
    require,
    style_from,
)
from execbench.prompts import PromptStyle


class HFModel(BatchingModel):
    def __init__(self, path: str, style: PromptStyle, device: str | None):
        super().__init__(f"hf:{path}", path, style)
        self.torch = require("torch", "hf")
        transformers = require("transformers", "hf")
        self.device = device or ("cuda" if self.torch.cuda.is_available() else "cpu")
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        dtype = self.torch.bfloat16 if self.device == "cuda" else self.torch.float32
        self.model = transformers.AutoModelForCausalLM.from_pretrained(path, torch_dtype=dtype)
        self.model.to(self.device).eval()

    def run_batch(self, requests: Sequence[BatchRequest]) -> list[list[EngineOutput]]:
        # Requests with the same options share one `generate` call.
        results: list[list[EngineOutput]] = [[] for _ in requests]
        groups: dict[object, list[int]] = {}
        for i, request in enumerate(requests):
            groups.setdefault(repr(request.options), []).append(i)
        for members in groups.values():
            outputs = self._generate([requests[i] for i in members])
            for i, output in zip(members, outputs, strict=True):
                results[i] = output
        return results

    def _generate(self, requests: Sequence[BatchRequest]) -> list[list[EngineOutput]]:
        options = requests[0].options
        n = options.n
        encoded = self.tokenizer([r.text for r in requests], return_tensors="pt", padding=True).to(
            self.device
        )
        temperature = options.effective_temperature
        sampling: dict[str, Any] = {"do_sample": temperature > 0}
        if temperature > 0:
            sampling["temperature"] = temperature
            if options.top_p is not None:
                sampling["top_p"] = options.top_p
        if options.seed is not None:
            self.torch.manual_seed(options.seed)
        with self.torch.no_grad():
            generated = self.model.generate(
                **encoded,
                max_new_tokens=options.max_tokens or DEFAULT_MAX_NEW_TOKENS,
                num_return_sequences=n,
                pad_token_id=self.tokenizer.pad_token_id,
                **sampling,
            )
        width = encoded["input_ids"].shape[1]
        new_tokens = generated[:, width:]
        prompt_lengths = encoded["attention_mask"].sum(dim=1).tolist()
        outputs: list[list[EngineOutput]] = []
        for i in range(len(requests)):
            rows = new_tokens[i * n : (i + 1) * n]
            outputs.append(
                [
                    EngineOutput(
                        self.tokenizer.decode(row, skip_special_tokens=True),
                        int(prompt_lengths[i]),
                        int((row != self.tokenizer.pad_token_id).sum()),
                    )
                    for row in rows
                ]
            )
        return outputs


@register_model("hf")
def _make_hf(rest: str, settings: Mapping[str, Any]) -> Model:
    if not rest:
        raise UserError("name the model: -m hf:PATH (a local directory or cached hub name)")
    return HFModel(rest, style_from(settings), settings.get("device"))
