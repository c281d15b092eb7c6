"""Checkers: correct / not yet / not answered, with the right reason, and never an exception."""

import numpy as np
import pytest

from scaling_utils import laws
from scaling_utils.checks import (CORRECT, NOT_ANSWERED, NOT_YET, check_choice, check_function,
                                  check_number, describe_miss)
from scaling_utils.checks import lesson00, lesson01


def number(answer, expected=2.5, **kwargs):
    return check_number(answer, expected, exercise="Test", **kwargs)


class TestCheckNumber:
    def test_correct_shows_reference(self):
        result = number(2.51)
        assert result.status == CORRECT and "2.5" in result.message and result

    @pytest.mark.parametrize("answer", [..., None])
    def test_placeholder_is_not_answered(self, answer):
        assert number(answer).status == NOT_ANSWERED

    @pytest.mark.parametrize("answer, word", [("2.5", "remove the quotes"), ("abc", "text"),
                                              ([2.5], "list"), (True, "boolean"),
                                              (float("nan"), "NaN"), (np.inf, "infinite")])
    def test_wrong_kind_is_explained(self, answer, word):
        result = number(answer)
        assert result.status == NOT_YET and word in result.message

    @pytest.mark.parametrize("answer, word", [(-2.5, "sign"), (0.4, "reciprocal"),
                                              (15.0, "6 times too large"), (1.25, "2 times too small"),
                                              (250.0, "10^2"), (60.0, "order of magnitude"),
                                              (2.8, "too large by 12%"), (0, "is 0")])
    def test_misses_are_described(self, answer, word):
        result = number(answer)
        assert result.status == NOT_YET and word in result.message, result.message

    def test_reference_not_revealed_when_wrong(self):
        assert "2.5" not in number(2.8).message.replace("2.8", "")

    def test_known_mistake_wins(self):
        result = number(5.0, mistakes=[(5.0, "You doubled it.")])
        assert result.message == "You doubled it."

    def test_absolute_tolerance_alone(self):
        assert number(2.9, atol=0.5).correct and not number(3.1, atol=0.5).correct

    def test_numpy_scalars_accepted(self):
        assert number(np.float32(2.5)).correct and number(np.array(2.5)).correct

    def test_hint_folded_in_html_and_absent_when_correct(self):
        wrong = number(1.0, hint="Think of σ².")
        assert "<details><summary>Hint</summary>" in wrong._repr_html_()
        assert "Think of σ²." in wrong._repr_html_() and "Think of σ²." not in repr(wrong)
        assert "Hint" not in number(2.5, hint="Think.")._repr_html_()

    def test_html_escapes_text(self):
        assert "<script>" not in number("<script>")._repr_html_()


def test_describe_miss_negative_expected():
    assert "in size" in describe_miss(-0.3, -0.28)


class TestCheckFunction:
    cases = [(1, 2), (3, 4), {"a": 2, "b": 5}]

    @staticmethod
    def reference(a, b):
        return a * b + 1

    def check(self, func):
        return check_function(func, self.reference, self.cases, exercise="F")

    def test_correct(self):
        assert self.check(lambda a, b: a * b + 1).correct

    def test_placeholder(self):
        def f(a, b):
            raise NotImplementedError("write me")
        assert self.check(f).status == NOT_ANSWERED
        assert self.check(...).status == NOT_ANSWERED

    def test_wrong_value_names_the_case(self):
        def f(a, b):
            return a * b
        result = self.check(f)
        assert result.status == NOT_YET and "f(1, 2) returned 2" in result.message

    def test_exception_is_reported_not_raised(self):
        def f(a, b):
            return 1 / 0
        assert "ZeroDivisionError" in self.check(f).message

    def test_missing_return(self):
        def f(a, b):
            a * b + 1
        assert "forget `return`" in self.check(f).message

    def test_not_callable(self):
        assert self.check(3).status == NOT_YET


def test_check_choice():
    options = {"A": "bigger model", "B": "balanced", "C": "more data"}
    why = {"A": "Too few tokens.", "B": "Balanced wins."}
    assert check_choice("b ", "B", exercise="C", options=options, why=why).message == "Balanced wins."
    assert check_choice("A", "B", exercise="C", options=options, why=why).message == "Too few tokens."
    assert check_choice("D", "B", exercise="C", options=options).status == NOT_YET
    assert check_choice(..., "B", exercise="C", options=options).status == NOT_ANSWERED


class TestLesson00:
    def test_two_point_exponent_is_the_law_exponent(self):
        points = lesson00.two_points()
        k = np.log(points.y[1] / points.y[0]) / np.log(points.x[1] / points.x[0])
        assert lesson00.exponent_from_two_points(k).correct
        assert k == pytest.approx(-0.28)

    def test_mystery_exponent_is_recoverable_from_the_points(self):
        points = lesson00.mystery_points()
        slope = np.polyfit(np.log(points.x), np.log(points.y), 1)[0]
        assert lesson00.mystery_exponent(slope).correct

    def test_floor_is_recoverable_with_the_widget_method(self):
        points = lesson00.points_with_floor()
        guesses = np.arange(0.0, points.y.min() - 0.01, 0.01)
        r2 = []
        for guess in guesses:
            rest = np.log(points.y - guess)
            fit = np.polyval(np.polyfit(np.log(points.x), rest, 1), np.log(points.x))
            r2.append(1 - np.sum((rest - fit) ** 2) / np.sum((rest - rest.mean()) ** 2))
        assert lesson00.floor(guesses[int(np.argmax(r2))]).correct

    def test_factor_per_decade(self):
        assert lesson00.factor_per_decade(10**lesson00.DECADE_EXPONENT).correct
        assert "less" in lesson00.factor_per_decade(10**-lesson00.DECADE_EXPONENT).message


class TestLesson01:
    def test_test_error(self):
        task = lesson01.TEST_ERROR_TASK
        assert lesson01.test_error(laws.ols_expected_error(**task)).correct
        assert "σ²" in lesson01.test_error(0.5 * (1 + 20 / 29)).message

    def test_samples_needed_accepts_both_forms(self):
        n, rho = lesson01.SAMPLES_TASK.values()
        assert lesson01.samples_needed(n * (1 + 1 / rho)).correct
        assert lesson01.samples_needed(n * (1 + 1 / rho) + 1).correct
        assert "N + 1" in lesson01.samples_needed(n / rho).message

    def test_dashboard_task(self):
        n, ratio = lesson01.DASHBOARD_TASK.values()
        answer = next(d for d in range(n + 2, 10 * n) if laws.ols_expected_error(n, d) <= ratio)
        assert lesson01.smallest_sample_size(answer).correct
        assert not lesson01.smallest_sample_size(answer - 1).correct

    def test_function_exercise(self):
        def mine(n_features, n_samples, noise_std):
            return noise_std**2 * (1 + n_features / (n_samples - n_features - 1))
        assert lesson01.expected_error_function(mine).correct

    def test_peak(self):
        n = lesson01.PEAK_TASK["n_features"]
        sizes = np.arange(5, 3 * n)
        finite = laws.min_norm_expected_error(n, sizes, 0.5, 1.0)
        assert np.all(np.isinf(finite[np.abs(sizes - n) <= 1]))
        assert lesson01.peak_location(n).correct


def test_small_misses_get_a_decimal():
    assert "too small by 1.5%" in number(2.4625).message


def test_absolute_tolerance_says_how_far_in_units():
    result = check_number(2099, 2101, exercise="T", atol=1, units="samples")
    assert "It is 2 samples too low" in result.message


def test_renamed_parameters_are_explained():
    def mine(n, d, s):
        return 1.0
    result = check_function(mine, lambda n_features, n_samples: 1.0,
                            [{"n_features": 1, "n_samples": 2}], exercise="F")
    assert "Keep the parameter names" in result.message and "n_features" in result.message


def test_lesson00_floor_needs_the_dashboard():
    points = lesson00.points_with_floor()
    assert not lesson00.floor(points.y.min()).correct


def test_lesson01_dashboard_start_gets_an_honest_reason():
    n, ratio = lesson01.DASHBOARD_TASK.values()
    assert "keep moving D up" in lesson01.smallest_sample_size(n / (ratio - 1)).message


def test_patterns_use_a_fixed_one_percent():
    # 6.23 times too small is not "6 times too small", whatever the acceptance tolerance.
    result = check_number(1.0, 6.23, exercise="T", rtol=0.15)
    assert "6 times" not in result.message


def test_function_messages_summarise_arrays():
    import numpy as np
    x = np.geomspace(1, 1e5, 8)
    result = check_function(lambda x: 0.0, lambda x: 1.0, [(x,)], exercise="F")
    assert "<8 values from 1 to 1e+05>" in result.message


# ---- issue 8: boundaries, slips and wording ----------------------------------------------------

class TestBoundariesAndWording:
    def test_the_tolerance_boundary_counts(self):
        # abs(1.68 - 1.7) is 0.020000000000000018 in floating point: still within ±0.02.
        assert lesson00.floor(1.68).correct and lesson00.floor(1.72).correct

    def test_a_miss_just_outside_says_so_with_enough_digits(self):
        message = lesson00.floor(1.6799).message
        assert "1.6799" in message and "0.0201 too low" in message and "±0.02" in message
        message = check_number(1.67999999, 1.7, exercise="T", atol=0.02).message
        assert "0.02 too low" not in message

    def test_smallest_measurement_message_only_at_the_smallest_measurement(self):
        smallest = float(lesson00.points_with_floor().y.min())
        assert "smallest measurement" in lesson00.floor(round(smallest, 3)).message
        assert "above the smallest measurement" in lesson00.floor(smallest + 0.05).message
        for near in (1.725, 1.728):  # close to it, but below it: an ordinary miss
            result = lesson00.floor(near)
            assert not result.correct and "smallest" not in result.message

    @pytest.mark.parametrize("answer, expected", [(1e300, 2.5), (2.5, 1e300), (1e-300, 2.5)])
    def test_huge_ratios_are_abbreviated(self, answer, expected):
        message = check_number(answer, expected, exercise="T").message
        assert len(message) < 200 and "10^" in message

    @pytest.mark.parametrize("answer, expected", [(1e300, 1e-300), (-1e-300, 1e300), (5e-324, 1e10)])
    def test_ratios_beyond_a_float_are_described(self, answer, expected):
        message = check_number(answer, expected, exercise="T").message
        assert "orders of magnitude" in message and len(message) < 200

    def test_one_decade_is_singular(self):
        message = lesson02.good_window((3, 4)).message
        assert "1 decade;" in message and "2 decades" in message and "1 decades" not in message

    @pytest.mark.parametrize("answer, words", [
        (np.array([1.0, 2.0, 3.0]), "a NumPy array of 3 values"),
        (np.array([2.5]), "take it out with [0]"), ([2.5], "a list of 1 item"),
        ((1, 2), "a tuple of 2 items"), ({"a": 1}, "a dictionary of 1 item"),
        (1 + 2j, "a complex number"), (print, "a function")])
    def test_kinds_are_named_with_the_right_article(self, answer, words):
        message = number(answer).message
        assert words in message and "a ndarray" not in message

    def test_answer_too_large_for_a_float(self):
        result = number(10**400)
        assert result.status == NOT_YET and "too large" in result.message


class TestSlips:
    def test_sigma_for_sigma_squared_in_the_function(self):
        def mine(n_features, n_samples, noise_std):
            return noise_std * (1 + n_features / (n_samples - n_features - 1))
        result = lesson01.expected_error_function(mine)
        assert result.status == NOT_YET and "variance" in result.message

    def test_two_point_slope_in_the_function(self):
        def mine(x, y):
            return (np.log(y[-1]) - np.log(y[0])) / (np.log(x[-1]) - np.log(x[0]))
        assert "first and last points" in lesson02.slope_function(mine).message

    def test_whole_polyfit_returned(self):
        result = lesson02.slope_function(lambda x, y: np.polyfit(np.log(x), np.log(y), 1))
        assert "the first of these is the right value" in result.message

    def test_linear_axes_slope_in_the_function(self):
        result = lesson02.slope_function(lambda x, y: np.polyfit(x, y, 1)[0])
        assert "linear axes" in result.message

    def test_raw_space_fit(self):
        from scipy.optimize import curve_fit
        data = lesson02.sweep()
        (_, k), _ = curve_fit(lambda x, a, k: a * x**k, data.x, data.y, p0=(3.7, -0.26), maxfev=10000)
        result = lesson02.fitted_exponent(k)
        assert result.status == NOT_YET and "raw values" in result.message

    def test_window_example_fails_and_is_the_dashboard_start(self):
        assert not lesson02.good_window(lesson02.WINDOW_EXAMPLE).correct
        assert str(lesson02.WINDOW_EXAMPLE) in lesson02.good_window(...).message

    def test_window_answers_of_the_wrong_shape(self):
        for answer in ("36", (3, 6, 9), 3.0, {"low": 3, "high": 6}, [np.nan, 5]):
            assert not lesson02.good_window(answer).correct

    def test_choice_given_as_a_variable_or_a_number(self):
        assert lesson02.extrapolation_outcome("c").correct
        assert lesson02.extrapolation_outcome(" C ").correct
        assert "one of the letters" in lesson02.extrapolation_outcome(3).message
        assert lesson02.LETTERS == ("A", "B", "C", "D") and lesson04.LETTERS == ("A", "B", "C")


class TestLesson03Growth:
    def test_growth_and_its_slips(self):
        from scaling_utils import allocation, references
        law = references.kaplan_joint_law()
        low = allocation.optimal_on_compute_line(law, lesson03.LINE_TASK["low"])
        high = allocation.optimal_on_compute_line(law, lesson03.LINE_TASK["high"])
        assert lesson03.best_model_growth(high.n_params / low.n_params).correct
        assert "tokens" in lesson03.best_model_growth(high.n_tokens / low.n_tokens).message
        assert "upside down" in lesson03.best_model_growth(low.n_params / high.n_params).message
        assert "C^0.73" in lesson03.best_model_growth(100**0.73).message
        assert "100^a" in lesson03.best_model_growth(0.575).message

    def test_the_lesson_readout_does_not_give_the_answer(self):
        # The readout printed in the lesson is at 10^21 FLOPs only: one of the two numbers needed.
        from scaling_utils import widgets
        summary = widgets.compute_line_view(21.0, 9.0).summary
        assert "best on line" in summary and not lesson03.best_model_growth(6.23e9).correct


class TestCheckFunctionNeverRaises:
    cases = [(np.array([1.0, 2.0]),)]

    @staticmethod
    def reference(x):
        return float(x.sum())

    def check(self, func):
        return check_function(func, self.reference, self.cases, exercise="F")

    def test_system_exit_is_reported(self):
        def mine(x):
            raise SystemExit(3)
        assert "SystemExit" in self.check(mine).message

    def test_inputs_changed_in_place_do_not_leak(self):
        def mine(x):
            x *= 100
            return float(x.sum())
        self.check(mine)
        assert self.cases[0][0].tolist() == [1.0, 2.0]

    def test_unprintable_results(self):
        class Odd:
            def __repr__(self):
                raise RuntimeError("no repr")
        result = self.check(lambda x: Odd())
        assert result.status == NOT_YET and "Odd" in result.message

    def test_exception_whose_message_fails(self):
        class Weird(Exception):
            def __str__(self):
                raise RuntimeError("no str")
        def mine(x):
            raise Weird()
        assert "Weird" in self.check(mine).message


# ---- never raises, whatever a learner passes ---------------------------------------------------

import inspect  # noqa: E402
import re  # noqa: E402
from decimal import Decimal  # noqa: E402
from fractions import Fraction  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from scaling_utils.checks import Feedback, lesson02, lesson03, lesson04, lesson05  # noqa: E402


class _Hostile:
    """An object every operation of which fails."""

    def __repr__(self):
        raise RuntimeError("repr")

    __str__ = __repr__

    def __float__(self):
        raise RuntimeError("float")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __eq__(self, other):
        raise RuntimeError("eq")

    __hash__ = object.__hash__


def _raising(error):
    def function(*args, **kwargs):
        raise error("from a learner's function")
    return function


def _returning(value):
    def function(*args, **kwargs):
        return value
    return function


_SIMPLE = st.one_of(
    st.just(...), st.none(), st.booleans(), st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.complex_numbers(),
    st.text(max_size=20), st.binary(max_size=8),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=4),
    st.tuples(st.floats(allow_nan=True), st.floats(allow_nan=True)),
    st.tuples(st.floats(1, 9), st.floats(1, 9)),
    st.tuples(st.text(max_size=2), st.integers()),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.builds(np.array, st.lists(st.floats(allow_nan=True), max_size=5)),
    st.sampled_from([np.array(2.5), np.array([]), np.array([[1.0, 2.0]]), np.array(["a"]),
                     np.array(1 + 2j), np.array(None, dtype=object), np.float32("nan"),
                     np.int64(7), Fraction(1, 3), Decimal("1.5"), Decimal("NaN"), float, print,
                     _Hostile(), "A", "b", " C ", "(D)", "E"]),
)
LEARNER_INPUTS = st.one_of(
    _SIMPLE,
    _SIMPLE.map(_returning),
    st.sampled_from([ZeroDivisionError, ValueError, TypeError, RuntimeError, SystemExit,
                     NotImplementedError, RecursionError]).map(_raising),
    st.just(lambda: 1.0), st.just(lambda x, y, z, w, v: 1.0),
)

def _lesson_check_modules():
    """Every scaling_utils.checks.lessonNN, found with pkgutil: a new lesson is covered at once."""
    import importlib
    import pkgutil

    from scaling_utils import checks

    return [importlib.import_module(f"scaling_utils.checks.{info.name}")
            for info in pkgutil.iter_modules(checks.__path__)
            if re.fullmatch(r"lesson\d\d", info.name)]


CHECKERS = [
    getattr(module, name)
    for module in _lesson_check_modules()
    for name in module.__all__
    if inspect.isfunction(getattr(module, name))
    and list(inspect.signature(getattr(module, name)).parameters) in (["answer"], ["func"])
]


def test_every_checker_is_collected():
    assert len(CHECKERS) >= 25


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=LEARNER_INPUTS)
def test_checkers_never_raise(checker, answer):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nor do they warn: a learner sees only the verdict
        result = checker(answer)
    assert isinstance(result, Feedback)
    assert result.status in (CORRECT, NOT_YET, NOT_ANSWERED)
    assert result.message and len(result.message) < 1000
    repr(result), result._repr_html_()


def test_units_are_singular_after_one():
    from scaling_utils.checks import check_number

    message = check_number(1, 5, exercise="x", atol=0.5, units="runs").message
    assert "Your answer is 1 run." in message and "1 runs" not in message
    assert "4 runs too low" in message
