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


def test_integers_are_exact_whatever_the_tolerance():
    # A relative tolerance of 1e-6 is 10^6 at 10^12: a wrong answer would pass.
    assert not tokens_match("1000000000000", "1000000000001", 1e-6)
    assert not tokens_match("50000000000000000", "50000000000000001", 1e-3)
    assert not tokens_match("3", "3.0000001", 1e-6)
    assert not tokens_match("0", "0.0000001", 1e-6)  # the absolute tolerance is for reals too
    # The same value written otherwise is the same answer (LiveCodeBench compares Decimals).
    assert tokens_match("3", "3.0", 1e-6) and tokens_match("-0", "0", 0)
    assert tokens_match("1000000000000", "1e12", 0)


def test_a_real_expected_token_keeps_its_tolerance():
    assert tokens_match("1e12", "1000000000001", 1e-6)
    assert tokens_match("2.0", "2.0000001", 1e-6)
    assert not tokens_match("1e99999999999999999999", "1e99999999999999999998", 1e-6)


def test_non_numbers_and_specials_are_compared_as_text():
    assert not tokens_match("nan", "nan0", 1e-6)
    assert not tokens_match("1", "inf", 1e9)
    assert not tokens_match("YES", "yes", 1e-6)
    assert not tokens_match("1_000", "1000", 1e-6)


def test_zero_tolerance_is_exact():
    assert not tokens_match("0.5", "0.50000001", 0)
