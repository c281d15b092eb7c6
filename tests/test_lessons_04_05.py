"""Package parts behind lessons 04 and 05: run assessment, Kaplan-convention optimum, objectives,
off-frontier grids, their dashboards, and the lessons' checkers."""

import numpy as np
import pytest

from scaling_utils import allocation, compute, fitting, references as ref, simulate, studies, widgets
from scaling_utils.checks import lesson04, lesson05


class TestAssessRun:
    def test_gopher_is_data_limited_and_chinchilla_balanced(self):
        f = ref.HOFFMANN_2022_FIT
        gopher = allocation.assess_run(ref.BESIROGLU_2024, f.gopher_params, f.gopher_tokens)
        chinchilla = allocation.assess_run(ref.BESIROGLU_2024, f.chinchilla_params, f.chinchilla_tokens)
        assert gopher.regime == "data-limited" and gopher.size_ratio > 3
        assert chinchilla.regime == "compute-optimal"
        assert gopher.excess_loss > chinchilla.excess_loss >= 0

    def test_small_model_is_parameter_limited(self):
        run = allocation.assess_run(ref.BESIROGLU_2024, 1e8, 1e13)
        assert run.regime == "parameter-limited" and run.excess_loss > 0
        assert "parameter-limited" in str(run)

    def test_bad_input(self):
        with pytest.raises(ValueError, match="n_tokens"):
            allocation.assess_run(ref.BESIROGLU_2024, 1e9, -1)


class TestNonEmbeddingOptimum:
    def test_reproduces_pearce_and_song(self):
        budgets = np.geomspace(10**12.95, 10**20.7, 30)
        law = ref.HOFFMANN_2022_UNROUNDED
        slope = np.polyfit(np.log(budgets), np.log(allocation.optimal_non_embedding(law, budgets)), 1)[0]
        assert slope == pytest.approx(ref.PEARCE_SONG_2024.kaplan_exponent, abs=0.02)

    def test_without_embeddings_it_is_the_chinchilla_optimum(self):
        law = ref.BESIROGLU_2024
        n = allocation.optimal_non_embedding(law, 1e21, embedding_coefficient=0)
        assert n == pytest.approx(allocation.chinchilla_optimal(law, 1e21)[0], rel=1e-4)

    def test_large_scale_recovers_the_law_exponent(self):
        budgets = np.geomspace(1e25, 1e29, 10)
        law = ref.BESIROGLU_2024
        slope = np.polyfit(np.log(budgets), np.log(allocation.optimal_non_embedding(law, budgets)), 1)[0]
        assert slope == pytest.approx(law.a, abs=0.005)


def test_mean_objective_is_the_sum_over_runs():
    s = simulate.isoflop_sweep(ref.BESIROGLU_2024, np.geomspace(1e18, 1e20, 3), 5, noise=0.01)
    total = fitting.chinchilla_objective(ref.BESIROGLU_2024, s.n_params, s.n_tokens, s.loss)
    mean = fitting.chinchilla_objective(ref.BESIROGLU_2024, s.n_params, s.n_tokens, s.loss, mean=True)
    assert mean == pytest.approx(total / len(s))
    fit = fitting.fit_chinchilla(s.n_params, s.n_tokens, s.loss)
    assert fitting.chinchilla_objective(fit.law, s.n_params, s.n_tokens, s.loss) == \
        pytest.approx(fit.objective, rel=1e-6)


def test_isoflop_grids_can_be_centred_elsewhere():
    budgets = np.geomspace(1e18, 1e20, 3)
    s = simulate.isoflop_sweep(ref.BESIROGLU_2024, budgets, 5, span=0.5, centres=[1e8, 1e9, 1e10],
                               noise=0.0)
    assert np.allclose(np.sqrt(s.n_params[0] * s.n_params[4]), 1e8)
    with pytest.raises(ValueError, match="one model size per budget"):
        simulate.isoflop_sweep(ref.BESIROGLU_2024, budgets, 5, centres=[1e8])


class TestViews:
    def test_isoflop_view(self):
        f = ref.HOFFMANN_2022_FIT
        view = widgets.isoflop_view(np.log10(f.gopher_flops), np.log10(f.gopher_params))
        assert view.result.assessment.regime == "data-limited"
        assert "data-limited" in view.summary
        with pytest.raises(ValueError, match="law_name"):
            widgets.isoflop_view(21, 9, law_name="Kaplan")

    def test_bootstrap_fan_view_contains_the_truth(self):
        view = widgets.bootstrap_fan_view(n_resamples=100)
        assert view.result.a_contains_truth and view.result.n_contains_truth
        assert view.summary.count("contains the truth") == 2

    def test_bootstrap_fan_view_needs_enough_runs(self):
        with pytest.raises(ValueError, match="at least 8 runs"):
            widgets.bootstrap_fan_view(models_per_budget=3, n_budgets=2)

    def test_isoflop_bias_grows_with_span_off_centre(self):
        def bias(span, guess):
            return studies.isoflop_bias(span, guess).bias
        assert abs(bias(1.0, None)) < 1e-3
        assert abs(bias(2.0, 0.73)) > abs(bias(1.0, 0.73))


class TestCheckers:
    def test_lesson04(self):
        law = ref.BESIROGLU_2024
        n, d = allocation.chinchilla_optimal(law, lesson04.OPTIMUM_TASK["compute"])
        assert lesson04.optimal_params(n).correct
        assert "C/6" in lesson04.optimal_params(law.G * 1e22**law.a).message
        assert lesson04.best_option("C").correct
        assert not lesson04.best_option("A").correct and not lesson04.best_option("B").correct
        n_big, n_opt = lesson04._largest_within(1e21, 0.01)
        assert 2 < n_big / n_opt < 3 and lesson04.largest_good_model(n_big).correct
        assert "10**" in lesson04.largest_good_model(np.log10(n_big)).message
        n, d = allocation.chinchilla_optimal(law, ref.HOFFMANN_2022_FIT.gopher_flops)
        assert lesson04.tokens_per_parameter(d / n).correct

    def test_lesson05(self):
        expected = lesson05._kaplan_scale_exponent()
        assert expected > 0.738  # larger embeddings steepen the apparent frontier further
        assert lesson05.kaplan_scale_exponent(expected).correct
        assert "default embedding" in lesson05.kaplan_scale_exponent(0.738).message
        assert "total parameters" in lesson05.kaplan_scale_exponent(ref.HOFFMANN_2022_UNROUNDED.a).message
        assert lesson05.bias_span(lesson05._bias_span()).correct
        low, high, width = lesson05._fan_interval()
        assert lesson05.fan_ratio(high / low).correct
        assert lesson05.runs_for_narrow_interval(48 * (width / 0.001) ** 2).correct
        assert "one more step" in lesson05.bias_span(lesson05._bias_span() - 0.1).message


def test_lesson04_options_need_their_own_work():
    """Exercise 4 is not answered by Exercise 2's optimum: no option is the optimum, and the
    two nearest sit on either side of it."""
    law = ref.BESIROGLU_2024
    n_opt, _ = allocation.chinchilla_optimal(law, lesson04.OPTIONS_TASK["compute"])
    sizes = [lesson04.OPTIONS_TASK[k] for k in lesson04.LETTERS]
    assert all(abs(np.log(n / n_opt)) > np.log(2) for n in sizes)
    assert min(sizes) < n_opt < max(sizes)


def test_lesson04_tokens_per_parameter_as_the_solution_words_it():
    n, d = allocation.chinchilla_optimal(ref.BESIROGLU_2024, ref.HOFFMANN_2022_FIT.gopher_flops)
    assert round(d / n, 1) == 18.4 and lesson04.tokens_per_parameter(18.4).correct


def test_lesson05_bias_span_tolerance_matches_one_slider_step():
    span = lesson05._bias_span()
    result = lesson05.bias_span(span)
    assert result.correct and "±0.05" in result.message
    assert not lesson05.bias_span(span + 0.1).correct and not lesson05.bias_span(span - 0.1).correct


def test_lesson05_bootstrap_references_show_three_digits():
    low, high, _ = lesson05._fan_interval()
    message = lesson05.fan_ratio(high / low).message
    assert f"{high / low:.3g}" in message and f"{high / low:.4g}" not in message
