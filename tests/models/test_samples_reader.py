import json

import pytest

from execbench.core import SampleFormat, UserError
from execbench.models.samples_reader import read_samples

KNOWN = {"HumanEval/0", "HumanEval/1"}


def write(tmp_path, lines):
    path = tmp_path / "samples.jsonl"
    path.write_text("".join(line + "\n" for line in lines))
    return path


def test_both_formats_and_per_task_indices(tmp_path):
    path = write(
        tmp_path,
        [
            json.dumps({"task_id": "HumanEval/0", "completion": "    return 1\n"}),
            json.dumps({"task_id": "HumanEval/1", "solution": "def f(): pass\n"}),
            "",
            json.dumps({"task_id": "HumanEval/0", "completion": "    return 2\n"}),
        ],
    )
    samples = read_samples(path, KNOWN)
    assert [(s.task_id, s.sample_index, s.format) for s in samples] == [
        ("HumanEval/0", 0, SampleFormat.COMPLETION),
        ("HumanEval/1", 0, SampleFormat.SOLUTION),
        ("HumanEval/0", 1, SampleFormat.COMPLETION),
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"task_id": "HumanEval/0", "completion": "x"', ""], r"samples.jsonl:1: invalid JSON"),
        (
            ['{"task_id": "HumanEval/0", "completion": "x"}', '{"completion": "x"}'],
            r":2: .*'task_id'",
        ),
        (['{"task_id": "HumanEval/0"}'], r":1: missing field 'completion'.*'solution'"),
        (['{"task_id": "HumanEval/9", "completion": "x"}'], r":1: field 'task_id': unknown task"),
        (
            ['{"task_id": "HumanEval/0", "completion": 3}'],
            r":1: field 'completion' must be a string",
        ),
        (["[1, 2]"], r":1: expected a JSON object"),
        (
            [
                '{"task_id": "HumanEval/0", "completion": "x"}',
                '{"task_id": "HumanEval/0", "completion": "x", "solution": "y"}',
            ],
            r"samples.jsonl:2: fields 'completion' and 'solution' given together",
        ),
        (["", "  "], r"holds no samples"),
    ],
)
def test_malformed_files_name_file_line_and_field(tmp_path, lines, message):
    path = write(tmp_path, lines)
    with pytest.raises(UserError, match=message):
        read_samples(path, KNOWN)


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="no such samples file"):
        read_samples(tmp_path / "absent.jsonl", KNOWN)


def test_a_byte_order_mark_and_raw_line_separators_inside_strings_are_read(tmp_path):
    # Windows tools write a BOM; json.dumps(ensure_ascii=False) leaves U+2028 and U+0085 raw.
    completion = "    # a\u2028b\x85c\x0cd\n    return 1\n"
    record = json.dumps({"task_id": "HumanEval/0", "completion": completion}, ensure_ascii=False)
    path = tmp_path / "samples.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (record + "\r\n").encode() * 2)
    samples = read_samples(path, KNOWN)
    assert [(s.sample_index, s.text) for s in samples] == [(0, completion), (1, completion)]
