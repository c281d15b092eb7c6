"""The one reporting interface of every fit result: params, stderr, conf_int, summary, str.

Each check compares the interface with an independent computation (np.polyfit's covariance,
scipy's t quantiles, the bootstrap samples themselves) or with the truth of simulated data, so
that a wrong formula fails here rather than in a notebook.
"""

import dataclasses
import warnings

import numpy as np
import pytest
from scipy import stats

from scaling_utils import CourseValueError, fitting, laws, references, simulate

X = np.geomspace(1e3, 1e7, 15)
PURE = laws.PowerLaw(5.0, -0.35)
FLOORED = laws.PowerLaw(50.0, -0.35, floor=1.2)
CHINCHILLA = references.BESIROGLU_2024
BUDGETS = np.geomspace(1e18, 1e21, 6)


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", fitting.FitWarning)
        return function(*args, **kwargs)


@pytest.fixture(scope="module")
def power_fit():
    return fitting.fit_power_law(X, simulate.noisy_observations(PURE, X, relative_noise=0.05,
                                                                seed=7))


@pytest.fixture(scope="module")
def floor_fit():
    return quietly(fitting.fit_power_law, X,
                   simulate.noisy_observations(FLOORED, X, relative_noise=0.02, seed=0),
                   irreducible=True)


@pytest.fixture(scope="module")
def study():
    return simulate.isoflop_sweep(CHINCHILLA, BUDGETS, 8, noise=0.01, seed=0)


@pytest.fixture(scope="module")
def chinchilla_fit(study):
    return fitting.fit_chinchilla(study.n_params, study.n_tokens, study.loss)


@pytest.fixture(scope="module")
def bootstrap(study, chinchilla_fit):
    return fitting.bootstrap_chinchilla(study.n_params, study.n_tokens, study.loss,
                                        n_resamples=300, seed=2, fit=chinchilla_fit)


@pytest.fixture(scope="module")
def frontier():
    sweep = simulate.isoflop_sweep(CHINCHILLA, np.geomspace(1e18, 1e21, 7), 9, noise=0.005, seed=4)
    return fitting.fit_isoflop(sweep.n_params, sweep.compute, sweep.loss)


ALL = ["power_fit", "floor_fit", "frontier", "chinchilla_fit", "bootstrap"]


# --- what every result shares ----------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_every_result_has_the_interface(name, request):
    result = request.getfixturevalue(name)
    assert isinstance(result, fitting.FitResult)
    params, stderr = result.params, result.stderr
    assert list(params) == list(stderr) and params
    assert all(isinstance(v, float) for v in [*params.values(), *stderr.values()])
    summary = result.summary(level=0.9)
    assert isinstance(summary, fitting.FitSummary)
    assert [row.name for row in summary.rows] == list(params)
    assert [row.value for row in summary.rows] == list(params.values())
    np.testing.assert_array_equal([row.stderr for row in summary.rows], list(stderr.values()))
    text = str(summary)
    assert text == repr(summary)  # a notebook shows the table, not a dataclass repr
    assert "90% interval" in text and all(f"{v:.4g}" in text for v in params.values())
    line = str(result)
    assert "\n" not in line and len(line) < 120


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("level", [0, 1, 1.5, -0.2, float("nan"), "0.9", None])
def test_every_level_is_checked(name, level, request):
    result = request.getfixturevalue(name)
    with pytest.raises(CourseValueError, match="level"):
        result.conf_int(level)
    with pytest.raises(CourseValueError, match="level"):
        result.summary(level)


@pytest.mark.parametrize("name", ["power_fit", "floor_fit", "frontier", "bootstrap"])
def test_summary_rows_are_the_intervals(name, request):
    result = request.getfixturevalue(name)
    intervals = result.conf_int(0.8)
    for row in result.summary(0.8).rows:
        assert (row.low, row.high) == intervals[row.name]
        assert row.low <= row.value <= row.high
        assert f"{row.low:.4g}" in str(result.summary(0.8))


@pytest.mark.parametrize("name", ["power_fit", "floor_fit", "frontier", "bootstrap"])
def test_intervals_grow_with_the_level(name, request):
    result = request.getfixturevalue(name)
    narrow, wide = result.conf_int(0.5), result.conf_int(0.99)
    for key in narrow:
        assert wide[key][0] < narrow[key][0] and narrow[key][1] < wide[key][1], key


# --- PowerLawFit -----------------------------------------------------------------------------

def test_power_law_names(power_fit, floor_fit):
    assert list(power_fit.params) == ["coefficient", "exponent"]
    assert list(floor_fit.params) == ["coefficient", "exponent", "irreducible"]
    assert floor_fit.params == {"coefficient": floor_fit.coefficient,
                                "exponent": floor_fit.exponent,
                                "irreducible": floor_fit.irreducible}


@pytest.mark.parametrize("name", ["power_fit", "floor_fit"])
@pytest.mark.parametrize("level", [0.5, 0.9, 0.95])
def test_exponent_matches_the_old_attributes(name, level, request):
    fit = request.getfixturevalue(name)
    assert fit.stderr["exponent"] == fit.exponent_stderr
    assert fit.conf_int(level)["exponent"] == pytest.approx(fit.exponent_interval(level),
                                                            rel=1e-14)


def test_power_law_against_np_polyfit(power_fit):
    """Independent: np.polyfit's covariance and scipy's t quantile."""
    log_x, log_y = np.log(power_fit.x), np.log(power_fit.y)
    (slope, intercept), cov = np.polyfit(log_x, log_y, 1, cov=True)
    se_slope, se_intercept = np.sqrt(np.diag(cov))
    assert power_fit.stderr["exponent"] == pytest.approx(se_slope, rel=1e-9)
    # the delta method: se(a) = a · se(ln a)
    assert power_fit.stderr["coefficient"] == pytest.approx(np.exp(intercept) * se_intercept,
                                                            rel=1e-9)
    t = stats.t.ppf(0.95, X.size - 2)
    intervals = power_fit.conf_int(0.9)
    assert intervals["exponent"] == pytest.approx((slope - t * se_slope, slope + t * se_slope),
                                                  rel=1e-9)
    # the coefficient's interval is the exponentiated interval of ln a, not a ± t·se(a)
    assert intervals["coefficient"] == pytest.approx(
        (np.exp(intercept - t * se_intercept), np.exp(intercept + t * se_intercept)), rel=1e-9)


def test_floor_errors_come_from_the_covariance(floor_fit):
    se = np.sqrt(np.diag(floor_fit.covariance))
    assert floor_fit.stderr == pytest.approx({"coefficient": floor_fit.coefficient * se[0],
                                              "exponent": se[1], "irreducible": se[2]})
    t = stats.t.ppf(0.975, X.size - 3)
    low, high = floor_fit.conf_int()["irreducible"]
    assert (low, high) == pytest.approx((floor_fit.irreducible - t * se[2],
                                         floor_fit.irreducible + t * se[2]))


@pytest.mark.parametrize("level", [0.5, 0.9])
def test_power_law_intervals_cover_the_truth_at_their_level(level):
    """Exact t intervals: over 400 simulated sweeps, coverage ≈ level (binomial s.d. ≤ 0.025)."""
    covered = {"coefficient": 0, "exponent": 0}
    for seed in range(400):
        y = simulate.noisy_observations(PURE, X, relative_noise=0.05, seed=seed)
        intervals = fitting.fit_power_law(X, y).conf_int(level)
        for name, truth in [("coefficient", PURE.coefficient), ("exponent", PURE.exponent)]:
            low, high = intervals[name]
            covered[name] += low <= truth <= high
    for name, count in covered.items():
        assert abs(count / 400 - level) < 0.065, (name, count / 400)


def test_floor_intervals_roughly_cover_the_truth():
    """With a floor the covariance is a local approximation: coverage only roughly the level."""
    covered = {"coefficient": 0, "exponent": 0, "irreducible": 0}
    for seed in range(60):
        y = simulate.noisy_observations(FLOORED, X, relative_noise=0.02, seed=seed)
        intervals = quietly(fitting.fit_power_law, X, y, irreducible=True).conf_int(0.95)
        for name, truth in [("coefficient", FLOORED.coefficient),
                            ("exponent", FLOORED.exponent), ("irreducible", FLOORED.floor)]:
            low, high = intervals[name]
            covered[name] += low <= truth <= high
    assert all(count >= 50 for count in covered.values()), covered


def test_power_law_str_is_unchanged(power_fit):
    low, high = power_fit.exponent_interval()
    assert str(power_fit) == (
        f"y = {power_fit.coefficient:.4g}·x^{power_fit.exponent:.4f}   exponent 95% interval "
        f"[{low:.4f}, {high:.4f}], 15 points, scatter {power_fit.residual_std:.2%}")


def test_power_law_keeps_its_data(power_fit):
    np.testing.assert_array_equal(power_fit.x, X)
    assert power_fit.y.shape == X.shape


# --- FrontierFit -----------------------------------------------------------------------------

def test_frontier_against_np_polyfit(frontier):
    (slope, intercept), cov = np.polyfit(np.log(frontier.budgets), np.log(frontier.minima), 1,
                                         cov=True)
    se_slope, se_intercept = np.sqrt(np.diag(cov))
    assert frontier.params == pytest.approx({"coefficient": np.exp(intercept),
                                             "exponent": slope}, rel=1e-9)
    assert frontier.stderr["exponent"] == pytest.approx(se_slope, rel=1e-9)
    assert frontier.stderr["coefficient"] == pytest.approx(np.exp(intercept) * se_intercept,
                                                           rel=1e-9)
    t = stats.t.ppf(0.975, frontier.budgets.size - 2)
    assert frontier.conf_int()["exponent"] == pytest.approx(
        (slope - t * se_slope, slope + t * se_slope), rel=1e-9)
    assert frontier.conf_int()["coefficient"] == pytest.approx(
        (np.exp(intercept - t * se_intercept), np.exp(intercept + t * se_intercept)), rel=1e-9)


def test_frontier_intervals_roughly_cover_the_truth():
    """On centred IsoFLOP grids the parabola's bias is small; coverage is near the level."""
    covered = 0
    for seed in range(150):
        sweep = simulate.isoflop_sweep(CHINCHILLA, BUDGETS, 9, noise=0.01, seed=seed)
        fit = quietly(fitting.fit_isoflop, sweep.n_params, sweep.compute, sweep.loss)
        low, high = fit.conf_int(0.9)["exponent"]
        covered += low <= CHINCHILLA.a <= high
    assert 0.8 <= covered / 150 <= 0.97


def test_frontier_with_two_budgets_has_no_errors():
    sweep = simulate.isoflop_sweep(CHINCHILLA, [1e19, 1e21], 7, noise=0.0)
    fit = fitting.fit_isoflop(sweep.n_params, sweep.compute, sweep.loss)
    assert fit.exponent == pytest.approx(CHINCHILLA.a, abs=0.01)
    assert all(np.isnan(v) for v in fit.stderr.values())
    with pytest.raises(CourseValueError, match="2 compute budgets.*3 or more"):
        fit.conf_int()
    text = str(fit.summary())
    assert "—" in text and "no scatter" in text
    assert str(fit) == (f"N_opt = {fit.coefficient:.4g} · C^{fit.exponent:.4f}  "
                        f"(isoflop-parabola, 2 budgets)")


def test_envelope_has_the_interface():
    curves = simulate.training_curves(CHINCHILLA, np.geomspace(3e7, 3e9, 11),
                                      np.geomspace(3e9, 3e11, 5), warmdown=0.0)
    fit = quietly(fitting.fit_envelope, curves.n_params, curves.n_tokens, curves.loss)
    low, high = fit.conf_int(0.99)["exponent"]
    assert low <= CHINCHILLA.a <= high
    assert "warning: 6 of the compute values were dropped" in \
        str(fit.summary()).replace("\n      ", " ")


# --- ChinchillaFit ---------------------------------------------------------------------------

def test_chinchilla_fit_params(chinchilla_fit):
    law = chinchilla_fit.law
    assert chinchilla_fit.params == {"E": law.E, "A": law.A, "B": law.B, "alpha": law.alpha,
                                     "beta": law.beta, "a": law.a}
    assert all(np.isnan(v) for v in chinchilla_fit.stderr.values())


def test_chinchilla_fit_points_to_the_bootstrap(chinchilla_fit):
    with pytest.raises(CourseValueError, match=r"bootstrap_chinchilla\(.*\)\.conf_int\(level\)"):
        chinchilla_fit.conf_int()
    text = str(chinchilla_fit.summary())
    assert "bootstrap_chinchilla(n_params, n_tokens, loss, fit=fit)" in text
    assert all(row.stderr != row.stderr for row in chinchilla_fit.summary().rows)  # NaN


def test_chinchilla_fit_str(chinchilla_fit):
    assert str(chinchilla_fit) == (f"{chinchilla_fit.law}   a = {chinchilla_fit.law.a:.4f}; "
                                   f"Huber fit (δ = 0.001) on 48 runs")


# --- ChinchillaBootstrap ---------------------------------------------------------------------

def test_bootstrap_params_are_the_full_data_fit(bootstrap, chinchilla_fit):
    assert bootstrap.params == chinchilla_fit.params


def test_bootstrap_stderr_is_the_resamples_spread(bootstrap):
    for name, value in bootstrap.stderr.items():
        assert value == pytest.approx(np.std(bootstrap.samples[name], ddof=1), rel=1e-12)


@pytest.mark.parametrize("level", [0.5, 0.8, 0.95])
def test_bootstrap_conf_int_is_interval(bootstrap, level):
    intervals = bootstrap.conf_int(level)
    assert list(intervals) == ["E", "A", "B", "alpha", "beta", "a"]
    for name, pair in intervals.items():
        assert pair == bootstrap.interval(name, level)
        assert pair == tuple(np.quantile(bootstrap.samples[name],
                                         [0.5 - level / 2, 0.5 + level / 2]))


def test_bootstrap_str(bootstrap):
    low, high = bootstrap.interval("a")
    assert str(bootstrap) == (f"300 bootstrap resamples of 48 runs: "
                              f"a = {bootstrap.params['a']:.4f}, 95% interval [{low:.4f}, {high:.4f}]")


# --- the mixin on its own, as a later lesson's fit would use it --------------------------------

@dataclasses.dataclass(frozen=True)
class _Toy(fitting.FitResult):
    scale: float
    scale_se: float
    shift: float
    shift_se: float
    dof: int | None = None

    _log_scale = ("scale",)

    def _estimates(self):
        return {"scale": self.scale, "shift": self.shift}

    def _standard_errors(self):
        return {"scale": self.scale_se, "shift": self.shift_se}

    def _degrees_of_freedom(self):
        return self.dof


def test_mixin_uses_normal_quantiles_without_degrees_of_freedom():
    toy = _Toy(2.0, 0.2, -1.0, 0.5)
    z = stats.norm.ppf(0.975)
    assert toy.conf_int()["shift"] == pytest.approx((-1.0 - z * 0.5, -1.0 + z * 0.5))
    assert toy.conf_int()["scale"] == pytest.approx((2.0 * np.exp(-z * 0.1), 2.0 * np.exp(z * 0.1)))
    assert str(toy) == "_Toy: scale 2 ± 0.2, shift -1 ± 0.5"


def test_mixin_uses_t_quantiles_with_degrees_of_freedom():
    toy = _Toy(2.0, 0.2, -1.0, 0.5, dof=4)
    t = stats.t.ppf(0.95, 4)
    assert toy.conf_int(0.9)["shift"] == pytest.approx((-1.0 - t * 0.5, -1.0 + t * 0.5))


def test_summary_formats_four_significant_digits():
    toy = _Toy(123456.789, 1234.5678, -0.000123456, 0.0000123456, dof=10)
    text = str(toy.summary())
    assert "1.235e+05" in text and "-0.0001235" in text and "1.235e-05" in text
    assert "123456.789" not in text
