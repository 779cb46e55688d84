"""The benchmark's CPU calibration follows Lighthouse's throttling calculator."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from bench import calibrated_multiplier  # noqa: E402


@pytest.mark.parametrize(
    ("benchmark_index", "multiplier"),
    [(150, 1.0), (800, 2.0), (1050, 2.5), (1300, 3.0), (1533, 4.0), (2000, 6.0), (50, 1.0)],
)
def test_calibrated_multiplier_matches_the_calculator(
    benchmark_index: float, multiplier: float
) -> None:
    assert calibrated_multiplier(benchmark_index) == pytest.approx(multiplier, abs=0.01)
