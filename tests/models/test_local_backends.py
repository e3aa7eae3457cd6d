"""vLLM and Transformers backends: the plumbing, with a tiny random-weight model built here.

The Transformers test builds a 2-layer GPT-2 and a byte-level BPE tokenizer from scratch (nothing
is downloaded); the vLLM engine needs its package (and normally a GPU), so only its missing-
dependency message is checked when it is absent.
"""

from __future__ import annotations

import asyncio
import importlib.util

import pytest

from execbench.core import SampleFormat, UserError
from execbench.models import GenerationOptions, make_model
from execbench.models.stream import GenerationTotals, generate_samples
from execbench.prompts import PromptStyle, build_prompt
from tests.support.tasks import toy_task

TASKS = [toy_task(f"toy/{i}", prompt=f"def add(a, b):\n    # case {i}\n") for i in range(3)]


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    transformers = pytest.importorskip(
        "transformers", reason="transformers not installed (pip install 'execbench[hf]')"
    )
    pytest.importorskip("torch", reason="torch not installed (pip install 'execbench[hf]')")
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=["<unk>", "<eos>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train_from_iterator([t.prompt for t in TASKS] * 10, trainer)
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, eos_token="<eos>", unk_token="<unk>", pad_token="<eos>"
    )
    fast.chat_template = "{% for m in messages %}{{ m['content'] }}\n{% endfor %}"
    config = transformers.GPT2Config(
        vocab_size=len(fast), n_embd=32, n_layer=2, n_head=2, n_positions=1024
    )
    path = tmp_path_factory.mktemp("tiny-gpt2")
    transformers.GPT2LMHeadModel(config).save_pretrained(path)
    fast.save_pretrained(path)
    return path


def _run(model, options, concurrency=8):
    totals = GenerationTotals()

    async def go():
        stream = generate_samples(model, TASKS, options, concurrency, None, totals)
        return [sample async for sample in stream]

    return asyncio.run(go()), totals


def test_hf_base_model_batches_tasks_and_counts_tokens(tiny_model_dir):
    model = make_model(f"hf:{tiny_model_dir}", {"device": "cpu"})
    batches = []
    run_batch = model.run_batch
    model.run_batch = lambda requests: batches.append(len(requests)) or run_batch(requests)
    samples, totals = _run(model, GenerationOptions(n=2, max_tokens=6, seed=1))
    assert sorted((s.task_id, s.sample_index) for s in samples) == [
        (t.task_id, i) for t in TASKS for i in range(2)
    ]
    assert {s.format for s in samples} == {SampleFormat.COMPLETION}
    assert batches == [3]  # the three tasks went to the engine together
    assert totals.prompt_tokens > 0 and 0 < totals.completion_tokens <= 3 * 2 * 6
    assert not totals.failures


def test_hf_chat_style_uses_the_chat_template(tiny_model_dir):
    model = make_model(f"hf:{tiny_model_dir}", {"device": "cpu", "api": "chat"})
    rendered = model.render(build_prompt(TASKS[0], PromptStyle.CHAT))
    assert rendered.startswith("Complete the following Python code.")
    samples, _ = _run(model, GenerationOptions(n=1, max_tokens=4))
    assert len(samples) == 3 and {s.format for s in samples} == {SampleFormat.RESPONSE}


def test_vllm_missing_says_how_to_install():
    if importlib.util.find_spec("vllm") is not None:
        pytest.skip("vllm is installed: the missing-package message cannot be shown")
    with pytest.raises(UserError, match=r"pip install 'execbench\[vllm\]'"):
        make_model("vllm:/models/none", {})
