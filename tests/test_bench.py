"""The benchmark's Lighthouse figures: the median of several runs with their range, per
metric; its busy host; its usage errors. The load work of a page, which needs the real
site, is in tests/test_bench_site.py, so that these run while the site builds."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil
import pytest

from glossary_site.bench import Mobile, busy, main, spread


def report(performance: float, tbt: float = 0, lcp: float = 1000, index: float = 1500) -> dict:
    return {
        "categories": {"performance": {"score": performance}},
        "audits": {
            "total-blocking-time": {"numericValue": tbt},
            "largest-contentful-paint": {"numericValue": lcp},
        },
        "environment": {"benchmarkIndex": index},
    }


def test_a_spread_is_the_median_with_the_range_when_the_runs_differ() -> None:
    assert spread([97, 84, 95]) == "95 (84-97)"
    assert spread([90, 90, 90]) == "90"
    assert spread([1.24, 2.0, 1.51], "{:.1f}") == "1.5 (1.2-2.0)"


def test_the_mobile_columns_are_score_blocking_time_paint_and_benchmark_index() -> None:
    mobile = Mobile(
        [
            report(0.97, tbt=40, lcp=1800, index=1200),
            report(0.99, tbt=10, lcp=1500, index=1250),
            report(0.93, tbt=160, lcp=2300, index=1100),
        ]
    )
    assert mobile.median_score() == 97
    assert mobile.columns() == ["97 (93-99)", "40 (10-160)", "1.8 (1.5-2.3)", "1200 (1100-1250)"]


def test_a_busy_host_keeps_the_cores_asked_for_spinning_until_the_block_ends() -> None:
    me = psutil.Process()
    before = {child.pid for child in me.children()}
    with busy(2):
        spinners = [child for child in me.children() if child.pid not in before]
        assert len(spinners) == 2
        # Each keeps computing (on a loaded machine, at its share of a core).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if all(spinner.cpu_times().user > 0.5 for spinner in spinners):
                break
            time.sleep(0.1)
        assert all(spinner.cpu_times().user > 0.5 for spinner in spinners)
        assert all(spinner.status() != psutil.STATUS_SLEEPING for spinner in spinners)
    assert not any(spinner.is_running() for spinner in spinners)


def test_the_spinning_cores_stop_when_the_benchmark_is_killed() -> None:
    # The benchmark says when its spinner runs (importing it can take a while on a busy machine).
    script = (
        "import time\nfrom glossary_site.bench import busy\n"
        "with busy(1):\n    print('spinning', flush=True)\n    time.sleep(300)"
    )
    bench = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert bench.stdout is not None
    assert bench.stdout.readline() == "spinning\n"
    spinners = psutil.Process(bench.pid).children()
    assert len(spinners) == 1
    bench.kill()
    bench.wait()
    deadline = time.monotonic() + 30

    def stopped(process: psutil.Process) -> bool:
        try:
            return process.status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    while not all(map(stopped, spinners)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(stopped, spinners))


@pytest.mark.parametrize("option", [["--runs", "0"], ["--slow-host", "0"], ["--busy", "-1"]])
def test_a_run_count_slowdown_or_busy_core_count_out_of_range_is_a_usage_error(
    option: list[str], capsys
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--parts", "loadwork", *option])
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "bench.py: error: --slow-host: a slowdown above 0; --busy: 0 or more cores; "
        "--runs: 1 or more"
    )
