"""The benchmark's CPU calibration follows Lighthouse's throttling calculator; mobile scores
are the median of several runs."""

from __future__ import annotations

import pytest

from glossary_site.bench import calibrated_multiplier, median_run  # noqa: E402


@pytest.mark.parametrize(
    ("benchmark_index", "multiplier"),
    [(150, 1.0), (800, 2.0), (1050, 2.5), (1300, 3.0), (1533, 4.0), (2000, 6.0), (50, 1.0)],
)
def test_calibrated_multiplier_matches_the_calculator(
    benchmark_index: float, multiplier: float
) -> None:
    assert calibrated_multiplier(benchmark_index) == pytest.approx(multiplier, abs=0.01)


def report(performance: float) -> dict:
    return {"categories": {"performance": {"score": performance}}}


def test_the_mobile_score_is_the_median_run_with_the_range() -> None:
    runs = [report(0.97), report(0.84), report(0.95)]
    assert median_run(runs) == (runs[2], "95 (84-97)")
    assert median_run([report(0.9)] * 3) == (report(0.9), "90")
