"""Lesson 06's studies: a broken power law's shape, and the backtest arena on the shipped curves."""

import math

import numpy as np
import pytest

from scaling_utils import CourseValueError, laws, studies
from tests.test_families import BENCHMARK_TABLE


def test_local_slope_is_the_derivative_of_the_law():
    shape = studies.bnsl_shape(c0=0.3, c1=-0.2, d1=3e3, f1=0.5)
    numeric = np.gradient(np.log(shape.law.reducible(shape.x)), np.log(shape.x))
    np.testing.assert_allclose(shape.local_slope[1:-1], numeric[1:-1], atol=2e-3)
    assert shape.slopes == (-0.3, pytest.approx(-0.1))
    assert shape.local_slope[0] == pytest.approx(-0.3, abs=1e-3)
    assert shape.local_slope[-1] == pytest.approx(-0.1, abs=1e-3)


def test_bend_width_holds_ten_to_ninety_percent_of_the_change():
    shape = studies.bnsl_shape(c0=0.2, c1=0.6, d1=1e4, f1=0.4)
    half = shape.bend_decades / 2
    edges = np.log10([1e4 / 10 ** half, 1e4 * 10 ** half])
    share = (-shape.law.c0 - np.interp(edges, np.log10(shape.x), shape.local_slope)) / 0.6
    np.testing.assert_allclose(share, [0.1, 0.9], atol=2e-3)


def test_a_single_power_law_fits_exactly_without_a_break_and_badly_with_one():
    assert studies.bnsl_shape(c1=0.0).single_miss < 1e-9
    small, large = (studies.bnsl_shape(c1=c).single_miss for c in (0.1, 0.8))
    assert 0 < small < large
    assert studies.bnsl_shape(c0=-0.3, c1=1.0, d1=1e3).monotone is False
    assert studies.bnsl_shape().monotone is True


@pytest.mark.parametrize("bad, match", [({"d1": 1e9}, "range drawn"), ({"f1": 0}, "f"),
                                        ({"c0": float("nan")}, "c0"), ({"d1": -1}, "d1")])
def test_bnsl_shape_refuses_bad_input(bad, match):
    with pytest.raises(CourseValueError, match=match):
        studies.bnsl_shape(**bad)


def test_arena_reproduces_the_stored_backtest_table():
    arena = studies.benchmark_arena()
    assert [c.name for c in arena.curves] == [row[0] for row in BENCHMARK_TABLE]
    np.testing.assert_allclose(arena.held_out, [row[1] for row in BENCHMARK_TABLE], rtol=2e-3)
    assert arena.winners == tuple(row[2] for row in BENCHMARK_TABLE)
    assert arena.wins == {"M1": 0, "M2": 2, "M3": 3, "M4": 0, "BNSL": 5}
    assert set(arena.best_fits) == {"BNSL"}      # the most parameters always fit best
    text = str(arena)
    assert text.count("\n") == len(arena.curves) + 2 and "5 of 10 curves" in text


def test_arena_is_computed_once_and_curves_come_from_it():
    assert studies.benchmark_arena() is studies.benchmark_arena()
    one = studies.arena_curve("LM 2.62e+08", "BNSL")
    assert one.backtest is studies.benchmark_arena().backtests["LM 2.62e+08"]
    assert one.shown == ("BNSL",)


@pytest.mark.parametrize("args, match", [(("LM 3",), "one of the benchmark"),
                                         (("LM 2.62e+08", "M5"), "family")])
def test_arena_curve_refuses_unknown_names(args, match):
    with pytest.raises(CourseValueError, match=match):
        studies.arena_curve(*args)
    with pytest.raises(CourseValueError, match="domain"):
        studies.benchmark_arena("vision")
