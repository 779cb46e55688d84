"""The main-thread work of a page load as DevTools counts it, on the real site (a file of its
own: the other tests of the benchmark run while the site builds)."""

from __future__ import annotations

from glossary_site.bench import load_work


def test_the_load_work_of_a_page_is_counted_in_a_table(site, capsys) -> None:
    load_work(site, ["home", "translator guide"], ["de"], runs=1, slowdown=1)
    header, rule, *rows, blank = capsys.readouterr().out.split("\n")[:-1]
    assert header.startswith("| page type | language | layouts | style recalculations |")
    assert header.endswith("| all tasks, ms (CPU 1x slower, median of 1 loads) |")
    assert rule == "| --- | --- | --- | --- | --- | --- | --- | --- |" and blank == ""
    assert [row.split(" | ")[:2] for row in rows] == [
        ["| home", "de"],
        ["| translator guide", "de"],
    ]
    for row in rows:
        layouts, recalcs, *times = (int(cell) for cell in row.strip("| ").split(" | ")[2:])
        assert layouts > 0 and recalcs > 0 and all(time >= 0 for time in times)
