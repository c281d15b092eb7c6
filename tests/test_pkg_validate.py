"""The _validate helpers added for issues 8 and 15: each refuses with a sentence that says what came
and what to give."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_utils import CourseValueError, _validate


@settings(max_examples=50, deadline=None)
@given(value=st.floats(min_value=1.0, max_value=1e6))
def test_fraction_not_percent_reads_whole_numbers_as_percentages(value):
    with pytest.raises(CourseValueError, match=r"^excess is a fraction: .* would mean .*%; for "):
        _validate.fraction_not_percent(value, "excess")


@settings(max_examples=50, deadline=None)
@given(value=st.floats(min_value=1e-12, max_value=0.999999))
def test_fraction_not_percent_accepts_fractions(value):
    assert _validate.fraction_not_percent(value, "excess") == value


def test_fraction_not_percent_bounds():
    assert _validate.fraction_not_percent(0, "warmdown", allow_zero=True) == 0.0
    for bad, word in ((0, "greater than 0"), (-0.1, "greater than 0"), ("2", "quotes"),
                      (np.nan, "NaN"), (None, "single real number")):
        with pytest.raises(CourseValueError, match=word):
            _validate.fraction_not_percent(bad, "excess")
    with pytest.raises(CourseValueError, match="0 or more"):
        _validate.fraction_not_percent(-0.5, "warmdown", allow_zero=True)


def test_fraction_above_one_hints_at_percentages():
    with pytest.raises(CourseValueError, match=r"must lie in \(0, 1\]; got 40\. .*for 40% give 0\.4"):
        _validate.fraction(40, "utilization", open_high=False)


def test_broadcast_together_says_what_came():
    a, b = _validate.positive_broadcast(n_params=[1.0, 2.0], n_tokens=3.0)
    assert a.shape == b.shape == (2,)
    with pytest.raises(CourseValueError, match="n_params and n_tokens .* got 2 and 3 values"):
        _validate.positive_broadcast(n_params=[1, 2], n_tokens=[1, 2, 3])
    with pytest.raises(CourseValueError, match=r"got shape \(2, 2\) and 3 values"):
        _validate.positive_broadcast(n_params=[[1, 2], [3, 4]], n_tokens=[1, 2, 3])


def test_positive_range():
    assert _validate.positive_range((1e3, 1e16), "n_range") == (1e3, 1e16)
    for bad, word in ((5, "two numbers"), ((1, 2, 3), "two numbers"), ((2, 1), "low < high"),
                      ((0, 1), "low"), (("a", 2), "quotes"), ("ab", "two numbers")):
        with pytest.raises(CourseValueError, match=word):
            _validate.positive_range(bad, "n_range")


def test_refuse_if_too_large_states_limit_and_memory():
    _validate.refuse_if_too_large(10, 10, "ten numbers", "fine")
    with pytest.raises(CourseValueError) as info:
        _validate.refuse_if_too_large(4e10, 4_000_000, "one design matrix", "Use fewer.")
    assert str(info.value) == ("one design matrix would hold 4e+10 numbers (320 GB); the limit is "
                               "4,000,000 numbers (32 MB). Use fewer.")


@pytest.mark.parametrize("values, word", [([1.0, None], "contains None"),
                                          ([1.0, "2"], "contains text"),
                                          ([[1.0], [2.0, None]], "flat list|None"),
                                          (np.array(["1", "2"]), "contains text")])
def test_none_and_text_inside_lists_are_named(values, word):
    for helper in (_validate.positive_array, _validate.finite_array):
        with pytest.raises(CourseValueError, match=word):
            helper(values, "x")


def test_a_lone_number_where_a_list_belongs():
    with pytest.raises(CourseValueError, match=r"got the single number 5: put it in a list, \[5\]"):
        _validate.positive_arrays(budgets=5)


def test_existing_helpers_keep_working():
    assert _validate.positive_arrays(a=[1, 2], b=[3, 4])[1].tolist() == [3.0, 4.0]
    assert _validate.finite_array([-1, 2], "x").tolist() == [-1.0, 2.0]
    assert _validate.fraction(0.5, "level") == 0.5
    with pytest.raises(ValueError):     # CourseValueError is a ValueError
        _validate.positive_float(-1, "x")
