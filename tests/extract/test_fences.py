from execbench.extract.fences import blocks_for, fenced_blocks


def test_tagged_untagged_and_tilde_fences_in_order():
    text = "Intro\n```python\nx = 1\n```\nthen\n```\ny = 2\n```\n~~~js\nlet z = 3;\n~~~\n"
    blocks = fenced_blocks(text)
    assert [(b.tag, b.code) for b in blocks] == [
        ("python", "x = 1\n"),
        ("", "y = 2\n"),
        ("js", "let z = 3;\n"),
    ]
    assert [b.language for b in blocks] == ["python", None, "javascript"]


def test_blocks_for_keeps_untagged_and_aliases_and_drops_other_languages():
    text = "```py\na = 1\n```\n```text\noutput\n```\n```cpp\nint x;\n```\n```\nb = 2\n```\n"
    assert [b.code for b in blocks_for(text, "python")] == ["a = 1\n", "b = 2\n"]
    assert [b.code for b in blocks_for(text, "cpp")] == ["int x;\n", "b = 2\n"]


def test_reply_cut_off_inside_a_fence_gives_an_open_block():
    (block,) = fenced_blocks("Here:\n```python\ndef f():\n    return 1\n")
    assert not block.closed
    assert block.code == "def f():\n    return 1\n"


def test_longer_fence_holds_a_shorter_one_and_info_string_extras_are_ignored():
    text = "````markdown\n```python\nx\n```\n````\n```python title=sol.py\ny = 1\n```\n"
    blocks = fenced_blocks(text)
    assert blocks[0].tag == "markdown" and "```python" in blocks[0].code
    assert (blocks[1].tag, blocks[1].code) == ("python", "y = 1\n")
    assert [b.code for b in blocks_for(text, "python")] == ["y = 1\n"]


def test_fence_inside_a_list_item_is_dedented():
    text = "1. Write:\n   ```python\n   def f():\n       return 2\n   ```\n"
    (block,) = fenced_blocks(text)
    assert block.code == "def f():\n    return 2\n"


def test_no_fences_no_blocks():
    assert fenced_blocks("def f():\n    return 1\n") == []


def test_fence_tags_map_to_registry_language_names():
    from execbench.languages import get_language

    text = "```sh\necho hi\n```\n```rkt\n(define x 1)\n```\n"
    languages = [block.language for block in fenced_blocks(text)]
    assert languages == ["bash", "racket"]
    assert [get_language(name).name for name in languages] == languages


def test_fence_tags_are_the_language_specs_own():
    text = "```golang\npackage main\n```\n```hpp\nint x;\n```\n```pycon\n>>> 1\n```\n"
    assert [block.language for block in fenced_blocks(text)] == ["go", "cpp", "python"]
    assert [block.language for block in fenced_blocks("```cobol\nX.\n```\n")] == [None]
