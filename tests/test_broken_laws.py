"""Lesson 06's laws against what they must reduce to (Caballero et al. 2022; Alabdulmohsin et
al. 2022)."""

import numpy as np
import pytest

from scaling_utils import CourseValueError, laws

X = np.geomspace(1e1, 1e8, 60)


def test_broken_law_without_breaks_is_a_power_law_with_a_floor():
    law = laws.BrokenPowerLaw(0.2, 3.0, 0.4)
    assert np.allclose(law(X), 0.2 + 3.0 * X**-0.4, rtol=1e-12)


def test_slopes_far_from_the_break_are_the_segments_slopes():
    law = laws.BrokenPowerLaw(0.0, 5.0, 0.1, [(0.4, 1e4, 0.3)])
    slope = np.gradient(np.log(law(X)), np.log(X))
    assert slope[X < 1e2].mean() == pytest.approx(-0.1, abs=0.01)
    assert slope[X > 1e6].mean() == pytest.approx(-0.5, abs=0.01)


def test_a_sharp_break_is_two_straight_segments():
    sharp = laws.BrokenPowerLaw(0.0, 1.0, 0.2, [(0.5, 1e4, 1e-3)])
    piecewise = np.where(X < 1e4, X**-0.2, 1e4**-0.2 * (X / 1e4) ** -0.7)
    far = np.abs(np.log10(X / 1e4)) > 0.2
    assert np.allclose(sharp(X)[far], piecewise[far], rtol=1e-6)


def test_the_four_families_meet_at_their_limits():
    m1 = laws.AlabdulmohsinLaw("M1", beta=3.0, c=-0.3)
    m2 = laws.AlabdulmohsinLaw("M2", beta=3.0, c=-0.3, eps_inf=0.0)
    m3 = laws.AlabdulmohsinLaw("M3", beta=3.0, c=0.3, gamma=0.0)
    assert np.allclose(m2(X), m1(X)) and np.allclose(m3(X), m1(X))
    m2_floor = laws.AlabdulmohsinLaw("M2", beta=3.0, c=-0.3, eps_inf=0.2)
    m4_no_alpha = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, eps_inf=0.2, alpha=0.0, eps_0=50.0)
    assert np.allclose(m4_no_alpha(X), m2_floor(X), rtol=1e-8)


def test_m4_satisfies_its_implicit_equation():
    law = laws.AlabdulmohsinLaw("M4", beta=3.0, c=-0.3, alpha=0.6, eps_inf=0.3, eps_0=1.0)
    eps = law(X)
    assert np.all((eps > 0.3) & (eps < 1.0))
    assert np.allclose((eps - 0.3) / (1.0 - eps) ** 0.6, 3.0 * X**-0.3, rtol=1e-8)


def test_a_parameter_the_family_lacks_is_refused():
    with pytest.raises(CourseValueError):
        laws.AlabdulmohsinLaw("M1", beta=3.0, c=-0.3, gamma=0.5)
    with pytest.raises(CourseValueError):
        laws.AlabdulmohsinLaw("M5", beta=3.0, c=-0.3)
