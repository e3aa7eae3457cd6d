from execbench.judge.tokens import compare_output, tokens_match


def test_whitespace_layout_does_not_matter():
    assert compare_output("1 2\n3\n", "1\n2   3", 1e-6) is None


def test_first_difference_is_reported():
    mismatch = compare_output("1 2 3", "1 5 3", 1e-6)
    assert mismatch is not None and mismatch.position == 1
    assert "expected '2', got '5'" in mismatch.describe()


def test_missing_and_extra_tokens_fail():
    assert "ended before token 3" in compare_output("1 2 3", "1 2", 0).describe()
    assert "extra output" in compare_output("1 2", "1 2 3", 0).describe()


def test_floats_within_absolute_or_relative_tolerance():
    assert tokens_match("0.3333333", "0.33333334", 1e-6)
    assert tokens_match("1000000.0", "1000000.5", 1e-6)  # relative to the expected size
    assert not tokens_match("0.5", "0.5001", 1e-6)
    assert tokens_match("3.000000", "3", 1e-6)


def test_non_numbers_and_specials_are_compared_as_text():
    assert not tokens_match("nan", "nan0", 1e-6)
    assert not tokens_match("1", "inf", 1e9)
    assert not tokens_match("YES", "yes", 1e-6)
    assert not tokens_match("1_000", "1000", 1e-6)


def test_zero_tolerance_is_exact():
    assert not tokens_match("0.5", "0.50000001", 0)
